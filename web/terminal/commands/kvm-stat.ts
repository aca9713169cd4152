// kvm_stat (tools/kvm/kvm_stat/kvm_stat): KVM's tracepoint counts, as a
// refreshing view, once (-1: one second, '%-42s%10d%10d' name, total,
// delta), or as a log (-l: the names, then ' %9d' per event every second).
// The counts are the model's: each refresh runs the guest's current
// workload for the refresh interval. Child events (kvm_exit(HLT), …) are the
// exit reasons; the default filter '^[^\(]*$' hides them, -f shows them.
import type { CommandSpec, Ctx, LiveView } from '../shell';
import type { RunResult } from '../../sim/core';
import { runGuest } from '../model';
import { visible } from '../parse';

/** kvm_stat's DELAY_INITIAL and DELAY_DEFAULT: the first refresh after 0.25 s, then every 3 s. */
const DELAY_INITIAL_S = 0.25;
const DELAY_DEFAULT_S = 3;
/** The default field filter: events without a '(' (no child events). */
const DEFAULT_REGEX = '^[^\\(]*$';
/** -l repeats the names every 20 lines. */
const BANNER_REPEAT = 20;

const USAGE = 'usage: kvm_stat [-h] [-1] [-c] [-d] [-f FIELDS] [-g GUEST] [-i] [-l] [-L LOGFILE] [-p PID] [-s SET_DELAY] [-t] [-z]';

/**
 * The tracepoint counts one interval of the model gives. kvm_entry and
 * kvm_exit pair up; kvm_msr fires for each emulated MSR access (the MSR_WRITE
 * exits), kvm_apic_ipi for each ICR write KVM emulates, kvm_vcpu_wakeup at
 * the end of every kvm_vcpu_halt (kvm-facts §1.2 step 11), kvm_inj_virq for
 * each injected interrupt.
 */
export function tracepointCounts(r: RunResult | null): Record<string, number> {
  const exits = r ? Object.values(r.exits).reduce((a, b) => a + b, 0) : 0;
  const out: Record<string, number> = {
    kvm_entry: exits,
    kvm_exit: exits,
    kvm_msr: r?.exits.MSR_WRITE ?? 0,
    kvm_apic_ipi: r?.msr_writes['0x830'] ?? 0,
    kvm_vcpu_wakeup: r?.halt.halt_exits ?? 0,
    kvm_inj_virq: r?.kvm_stat.irq_injections ?? 0,
  };
  if (r) for (const [reason, n] of Object.entries(r.exits)) out[`kvm_exit(${reason})`] = n;
  return out;
}

interface Opts {
  once: boolean;
  log: boolean;
  fields: string;
  delay: number;
  pid: number | null;
}

function parse(ctx: Ctx): Opts | number {
  const o: Opts = { once: false, log: false, fields: DEFAULT_REGEX, delay: DELAY_DEFAULT_S, pid: null };
  const a = ctx.args;
  const bad = (msg: string) => {
    ctx.err(USAGE);
    ctx.err(`kvm_stat: error: ${msg}`);
    return 2;
  };
  for (let i = 0; i < a.length; i++) {
    const arg = a[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? a[++i];
    switch (flag) {
      case '-h':
      case '--help':
        ctx.out(USAGE);
        ctx.out('');
        ctx.out('options:');
        ctx.out('  -1, --once, --batch   run in batch mode for one second');
        ctx.out('  -f FIELDS, --fields FIELDS');
        ctx.out('                        fields to display (regex) "-f help" for a list of available events');
        ctx.out('  -l, --log             run in logging mode (like vmstat)');
        ctx.out('  -p PID, --pid PID     restrict statistics to pid');
        ctx.out('  -s SET_DELAY, --set-delay SET_DELAY');
        ctx.out('                        set delay between refreshs (value range: 0.1-25.5 secs)');
        return 0;
      case '-1':
      case '--once':
      case '--batch':
        o.once = true;
        break;
      case '-l':
      case '--log':
        o.log = true;
        break;
      case '-t':
      case '--tracepoints':
      case '-d':
      case '--debugfs':
        break;
      case '-f':
      case '--fields': {
        const v = value();
        if (v === undefined) return bad('argument -f/--fields: expected one argument');
        o.fields = v;
        break;
      }
      case '-s':
      case '--set-delay': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        if (v === undefined) return bad('argument -s/--set-delay: expected one argument');
        if (!Number.isFinite(n)) return bad(`argument -s/--set-delay: invalid float value: '${visible(v)}'`);
        if (n < 0.1 || n > 25.5) return bad(`argument -s/--set-delay: '${visible(v)}' is out of range [0.1-25.5]`);
        o.delay = n;
        break;
      }
      case '-p':
      case '--pid': {
        const v = value();
        if (v === undefined) return bad('argument -p/--pid: expected one argument');
        if (!/^\d+$/.test(v)) return bad(`argument -p/--pid: invalid int value: '${visible(v)}'`);
        o.pid = Number(v);
        break;
      }
      default:
        return bad(`unrecognized arguments: ${visible(arg)}`);
    }
  }
  return o;
}

function compile(ctx: Ctx, fields: string): RegExp | null {
  try {
    return new RegExp(fields);
  } catch {
    ctx.err(`Error: "${visible(fields)}" is not a valid regular expression`);
    return null;
  }
}

/** Python's re.match: anchored at the start only. */
const wanted = (re: RegExp, name: string) => {
  const m = re.exec(name);
  return m !== null && m.index === 0;
};

export const kvmStat: CommandSpec = {
  name: 'kvm_stat',
  where: 'host',
  desc: 'kvm_stat',
  complete: () => ['-1', '-l', '-f', '--once', '--log', '--fields', '-s'],
  async run(ctx) {
    const o = parse(ctx);
    if (typeof o === 'number') return o;
    const st = ctx.state;
    if (!st.kvmLoaded) {
      ctx.err("Please make sure, that debugfs is mounted and readable by the current user:\n('mount -t debugfs debugfs /sys/kernel/debug')\nAlso ensure, that the kvm modules are loaded.");
      return 1;
    }
    if (o.pid !== null && o.pid > 0 && o.pid !== st.vm?.pid) {
      ctx.err('Did you use a (unsupported) tid instead of a pid?');
      ctx.err('Specified pid does not exist.');
      return 1;
    }
    if (o.fields === 'help') {
      const names = Object.keys(tracepointCounts(null)).sort();
      ctx.out('  ' + names.join('\n  '));
      return 0;
    }
    const re = compile(ctx, o.fields);
    if (!re) return 1;
    // Without a VM there is nothing to count; the model is not run.
    const interval = async (s: number) => (st.vm ? runGuest(st, ctx.runner, ctx.locale, Math.round(s * 1e9)) : ((st.clockNs += Math.round(s * 1e9)), null));
    const total: Record<string, number> = {};
    const add = (r: RunResult | null) => {
      const d = tracepointCounts(r);
      for (const [k, v] of Object.entries(d)) total[k] = (total[k] ?? 0) + v;
      return d;
    };
    if (o.once) {
      const d = add(await interval(1));
      for (const k of Object.keys(total).filter((k) => wanted(re, k)).sort()) ctx.out(`${k.padEnd(42)}${String(total[k]).padStart(10)}${String(d[k] ?? 0).padStart(10)}`);
      return 0;
    }
    if (o.log) {
      const keys = Object.keys(tracepointCounts(null)).filter((k) => wanted(re, k)).sort();
      let line = 0;
      const view: LiveView = {
        mode: 'append',
        intervalMs: 1000,
        quitKeys: [],
        async next() {
          const d = add(await interval(1));
          let text = '';
          if (line % BANNER_REPEAT === 0) text += keys.map((k) => k + ' ').join('') + '\n';
          text += keys.map((k) => ` ${String(d[k] ?? 0).padStart(9)} `).join('');
          line++;
          return text;
        },
        finish: async () => '',
      };
      return view;
    }
    let first = true;
    // x toggles the child events (the Tui's update_drilldown): the default filter, or none.
    let filter = re;
    let fields = o.fields;
    const view: LiveView = {
      mode: 'clear',
      intervalMs: o.delay * 1000,
      quitKeys: ['q'],
      key(k) {
        if (k !== 'x') return;
        if (fields === DEFAULT_REGEX) [fields, filter] = ['', /(?:)/];
        else if (fields === '') [fields, filter] = [DEFAULT_REGEX, new RegExp(DEFAULT_REGEX)];
      },
      async next() {
        const secs = first ? DELAY_INITIAL_S : o.delay;
        first = false;
        const d = add(await interval(secs));
        return screen(total, d, secs, filter, { ...o, fields: fields === '' ? DEFAULT_REGEX : fields }, st.vm?.pid ?? 0);
      },
      finish: async () => '',
    };
    return view;
  },
};

/** The Tui's body: header, rows sorted by (delta, total), the Total row ('%-40s %10d%7.1f %8s'). */
function screen(total: Record<string, number>, delta: Record<string, number>, secs: number, re: RegExp, o: Opts, pid: number): string {
  const lines: string[] = [];
  lines.push(o.pid ? `kvm statistics - pid ${pid} (guest)` : 'kvm statistics - summary');
  lines.push(o.fields !== DEFAULT_REGEX ? ' '.repeat(17) + `regex filter: ${visible(o.fields, 45)}` : '');
  lines.push(` ${'Event'.padEnd(40)} ${'Total'.padStart(10)}${'%Total'.padStart(7)} ${'CurAvg/s'.padStart(8)}`);
  const keys = Object.keys(total).filter((k) => wanted(re, k));
  const parentTotal = keys.filter((k) => !k.includes('(')).reduce((n, k) => n + total[k], 0);
  keys.sort((a, b) => (delta[b] ?? 0) - (delta[a] ?? 0) || total[b] - total[a] || a.localeCompare(b));
  let tavg = 0;
  let rows = 0;
  for (const k of keys) {
    if (!total[k] && !delta[k]) break;
    const cur = delta[k] ? String(Math.round(delta[k] / secs)) : '';
    const pct = parentTotal > 0 ? (total[k] * 100) / parentTotal : 0;
    lines.push(` ${k.padEnd(40)} ${String(total[k]).padStart(10)}${pct.toFixed(1).padStart(7)} ${cur.padStart(8)}`);
    if (cur !== '' && !k.includes('(')) tavg += Number(cur);
    rows++;
  }
  if (rows === 0) lines.push(' No matching events reported yet');
  else lines.push(` ${'Total'.padEnd(40)} ${String(parentTotal).padStart(10)}        ${(tavg ? String(tavg) : '').padStart(8)}`);
  return lines.join('\n');
}
