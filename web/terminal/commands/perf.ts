// perf, as a table of subcommands so perf stat, perf record, perf report and
// perf annotate plug in beside `perf kvm stat`. perf kvm stat record|report|
// live (tools/perf/builtin-kvm.c): an exit lasts from kvm_exit to the next
// kvm_entry on its vCPU (so HLT includes the time blocked), rows sorted by
// --key=sample (count) or time (mean), '%9.2fus ( +-%7.2f%% )' columns.
import type { CommandSpec, Ctx, LiveView, Outcome } from '../shell';
import type { ExitTimeRow, RunResult } from '../../sim/core';
import { runGuest } from '../model';
import { visible } from '../parse';
import { parseDuration, MAX_RUN_S } from './basic';

/** A perf subcommand: `perf <name> …` (stat, record, report and annotate in the guest: perf-guest.ts). */
export interface PerfSubcommand {
  name: string;
  where: 'host' | 'guest' | 'both';
  run(ctx: Ctx, args: string[]): Promise<Outcome> | Outcome;
}

export const PERF_SUBCOMMANDS: PerfSubcommand[] = [];

const PERF_USAGE = [
  '',
  ' usage: perf [--version] [--help] [OPTIONS] COMMAND [ARGS]',
  '',
  ' The most commonly used perf commands are:',
];

const EVENTS = { vmexit: 'VM-EXIT', mmio: 'MMIO Access', ioport: 'IO Port Access' } as const;
type EventKind = keyof typeof EVENTS;

/** perf kvm stat live -d: seconds between displays (default 1). */
const LIVE_DISPLAY_S = 1;
/** The default file perf kvm stat record writes and report reads. */
const DATA_FILE = 'perf.data.guest';
/**
 * Bytes one recorded exit takes in perf.data: a kvm:kvm_exit and a
 * kvm:kvm_entry sample with their raw tracepoint data. A modelling
 * assumption (perf's sample header plus the tracepoint's fields), used only
 * for the size line of perf record.
 */
const BYTES_PER_EXIT = 2 * 96;
/**
 * perf record is woken each time a per-CPU ring buffer is half full; its
 * default buffer is 512 KiB (tools/perf/util/evlist.c, perf_event_mlock_kb
 * for root), so a wake-up per 256 KiB written.
 */
export const WAKEUP_BYTES = 256 * 1024;

interface StatOpts {
  event: EventKind;
  key: 'sample' | 'time';
  vcpu: number | undefined;
  duration: number | null;
  display: number;
  seconds: number | null;
}

const STAT_USAGE = [
  '',
  ' Usage: perf kvm stat [<options>] {record|report|live}',
  '',
  '    -d, --display <display interval>',
  '                          time in second to display',
  '        --duration <n>    show events other than HLT that take longer than duration usecs',
  '        --event <report event>',
  '                          event for reporting: vmexit, mmio (x86 only), ioport (x86 only)',
  '    -k, --key <sort-key>  key for sorting: sample(sort by samples number) time (sort by avg time)',
  '        --vcpu <n>        analyze events which occur on this vcpu. (default: all vcpus)',
  '',
];

function parseStat(ctx: Ctx, args: string[], sub: string): StatOpts | number {
  const o: StatOpts = { event: 'vmexit', key: 'sample', vcpu: undefined, duration: null, display: LIVE_DISPLAY_S, seconds: null };
  const usage = () => {
    for (const l of STAT_USAGE) ctx.err(l);
    return 129;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (flag === '--event') {
      const v = value();
      if (v !== 'vmexit' && v !== 'mmio' && v !== 'ioport') {
        ctx.err(`Unknown report event:${visible(v ?? '')}`);
        return 255;
      }
      o.event = v;
    } else if (flag === '-k' || flag === '--key') {
      const v = value();
      if (v !== 'sample' && v !== 'time') {
        ctx.err(`Unknown compare key:${visible(v ?? '')}`);
        return 255;
      }
      o.key = v;
    } else if (flag === '--vcpu') {
      const v = value();
      if (v === undefined || !/^-?\d+$/.test(v)) {
        ctx.err(`  Error: switch \`vcpu' expects a numerical value`);
        return usage();
      }
      o.vcpu = Number(v) < 0 ? undefined : Number(v);
    } else if (flag === '--duration') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v)) {
        ctx.err(`  Error: switch \`duration' expects a numerical value`);
        return usage();
      }
      o.duration = Number(v);
    } else if (flag === '-d' || flag === '--display') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) {
        ctx.err(`  Error: switch \`display' expects a numerical value`);
        return usage();
      }
      o.display = Number(v);
    } else if (flag === '-a' || flag === '--all-cpus' || flag === '--') {
      continue;
    } else if (sub === 'record' && flag === 'sleep') {
      const s = parseDuration(args[i + 1] ?? '');
      if (s === null) {
        ctx.err(`sleep: invalid time interval '${visible(args[i + 1] ?? '')}'`);
        return 1;
      }
      o.seconds = s;
      i++;
    } else {
      ctx.err(`  Error: unknown ${a.startsWith('--') ? 'option' : 'switch'} \`${visible(a.replace(/^-+/, '').split('=')[0])}'`);
      return usage();
    }
  }
  return o;
}

const us = (ns: number) => (ns / 1000).toFixed(2) + 'us';

/** Rows for one event class. The model's exits carry no MMIO or port addresses, so those classes have none. */
function rowsOf(r: RunResult, o: StatOpts): ExitTimeRow[] {
  if (o.event !== 'vmexit') return [];
  let rows = [...r.exit_time.rows];
  if (o.duration !== null) rows = rows.filter((x) => x.reason === 'HLT' || x.max_ns > o.duration! * 1000);
  if (o.key === 'time') rows.sort((a, b) => b.mean_ns - a.mean_ns || a.reason.localeCompare(b.reason));
  return rows;
}

/** The report, as perf kvm stat prints it. */
export function statReport(r: RunResult, o: Pick<StatOpts, 'event' | 'key' | 'vcpu' | 'duration'>): string {
  const rows = rowsOf(r, { ...o, display: 1, seconds: null });
  const lines = ['', `Analyze events for all VMs, ${o.vcpu === undefined ? 'all VCPUs' : `VCPU ${o.vcpu}`}:`, ''];
  lines.push(`${EVENTS[o.event].padStart(20)}    Samples  Samples%     Time%    Min Time    Max Time         Avg time`, '');
  for (const x of rows) {
    lines.push(
      x.reason.padStart(20) + String(x.samples).padStart(11) + (x.samples_pct.toFixed(2) + '%').padStart(10) + (x.time_pct.toFixed(2) + '%').padStart(10) +
        us(x.min_ns).padStart(12) + us(x.max_ns).padStart(12) + us(x.mean_ns).padStart(12) + ` ( +-${x.stddev_pct.toFixed(2).padStart(7)}% )`,
    );
  }
  const samples = o.event === 'vmexit' ? r.exit_time.total_samples : 0;
  const time = o.event === 'vmexit' ? r.exit_time.total_time_ns : 0;
  lines.push('', `Total Samples:${samples}, Total events handled time:${(time / 1000).toFixed(2)}us.`, '');
  return lines.join('\n');
}

/** HH:MM:SS.uuuuuu of the simulated clock, from the session's start at 10:00:00 (a fixed origin, so runs replay). */
export function clockText(ns: number, withMicros = true): string {
  const t = 10 * 3600 + Math.floor(ns / 1e9);
  const hh = String(Math.floor(t / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(t / 60) % 60).padStart(2, '0');
  const ss = String(t % 60).padStart(2, '0');
  return `${hh}:${mm}:${ss}` + (withMicros ? '.' + String(Math.floor((ns % 1e9) / 1000)).padStart(6, '0') : '');
}

async function kvmStat(ctx: Ctx, args: string[]): Promise<Outcome> {
  const [sub, ...rest] = args;
  if (sub !== 'record' && sub !== 'report' && sub !== 'live') {
    for (const l of STAT_USAGE) ctx.err(l);
    return 129;
  }
  const o = parseStat(ctx, rest, sub);
  if (typeof o === 'number') return o;
  const st = ctx.state;
  if (sub === 'report') {
    if (!st.perfData) {
      ctx.err(`failed to open ${DATA_FILE}: No such file or directory`);
      return 255;
    }
    ctx.out(statReport(st.perfData.result, o));
    if (o.event !== 'vmexit') ctx.note(ctx.msg.perfEventUnmodelled(o.event === 'mmio' ? 'MMIO' : 'port I/O'));
    return 0;
  }
  if (!st.vm) {
    ctx.note(ctx.msg.noVm);
    return 1;
  }
  if (o.event !== 'vmexit') ctx.note(ctx.msg.perfEventUnmodelled(o.event === 'mmio' ? 'MMIO' : 'port I/O'));
  if (sub === 'live') {
    const view: LiveView = {
      mode: 'clear',
      intervalMs: o.display * 1000,
      quitKeys: ['q'],
      async next() {
        const r = await runGuest(st, ctx.runner, ctx.locale, o.display * 1e9, o.vcpu);
        return clockText(st.clockNs) + '\n' + statReport(r, o);
      },
      finish: async () => '',
    };
    return view;
  }
  // record: for the given `sleep N`, or until Ctrl-C (one second a step).
  const finishRecord = (r: RunResult | null) => {
    const samples = r ? r.exit_time.total_samples : 0;
    if (r) st.perfData = { result: r, vcpus: st.vm?.vcpus ?? 0 };
    const bytes = samples * BYTES_PER_EXIT;
    const mb = bytes / (1024 * 1024);
    return `[ perf record: Woken up ${Math.max(1, Math.ceil(bytes / WAKEUP_BYTES))} times to write data ]\n[ perf record: Captured and wrote ${mb.toFixed(3)} MB ${DATA_FILE} (${samples * 2} samples) ]`;
  };
  if (o.seconds !== null) {
    if (o.seconds > MAX_RUN_S) {
      ctx.note(ctx.msg.durationRange(MAX_RUN_S));
      return 1;
    }
    const r = await runGuest(st, ctx.runner, ctx.locale, Math.max(1e6, Math.round(o.seconds * 1e9)));
    ctx.out(finishRecord(r));
    return 0;
  }
  // Recorded exits so far: each step runs one second; the last step's run is what report reads.
  let seconds = 0;
  const view: LiveView = {
    mode: 'append',
    intervalMs: 1000,
    async next() {
      seconds++;
      return '';
    },
    async finish(interrupted) {
      const secs = Math.min(MAX_RUN_S, Math.max(1, seconds));
      const r = await runGuest(st, ctx.runner, ctx.locale, secs * 1e9);
      void interrupted;
      return finishRecord(r);
    },
  };
  return view;
}

PERF_SUBCOMMANDS.push({
  name: 'kvm',
  where: 'host',
  run(ctx, args) {
    const rest = args.filter((a) => a !== '--host' && a !== '--guest');
    if (rest[0] !== 'stat') {
      ctx.err('');
      ctx.err(' Usage: perf kvm [<options>] {top|record|report|diff|buildid-list|stat}');
      ctx.err('');
      return 129;
    }
    return kvmStat(ctx, rest.slice(1));
  },
});

export const perf: CommandSpec = {
  name: 'perf',
  where: 'both',
  desc: 'perf',
  complete(args, state) {
    if (args.length <= 1) return PERF_SUBCOMMANDS.filter((s) => s.where === 'both' || s.where === state.where).map((s) => s.name);
    if (args[0] === 'kvm' && args.length === 2) return ['stat'];
    if (args[0] === 'kvm' && args.length === 3) return ['live', 'record', 'report'];
    if (args[0] === 'stat') return ['-e', 'instructions,cycles', 'instructions,cycles,branches,branch-misses', '-a', '--', './loop'];
    if (args[0] === 'record') return ['-e', 'instructions', 'instructions:p', 'instructions:pp', 'instructions:ppp', 'cycles', '-c', './loop'];
    if (args[0] === 'report') return ['--stdio', '--sort=sym,srcline'];
    if (args[0] === 'annotate') return ['--stdio', 'loop'];
    return ['--event=vmexit', '--event=mmio', '--event=ioport', '--key=sample', '--key=time', '--vcpu'];
  },
  run(ctx) {
    const [name, ...rest] = ctx.args;
    const sub = PERF_SUBCOMMANDS.find((s) => s.name === name && (s.where === 'both' || s.where === ctx.state.where));
    if (!name || name === '--help' || name === 'help') {
      for (const l of PERF_USAGE) ctx.out(l);
      for (const s of PERF_SUBCOMMANDS.filter((x) => x.where === 'both' || x.where === ctx.state.where)) ctx.out(`   ${s.name}`);
      return name ? 0 : 1;
    }
    if (!sub) {
      ctx.err(`perf: '${visible(name)}' is not a perf-command. See 'perf --help'.`);
      return 1;
    }
    return sub.run(ctx, rest);
  },
};
