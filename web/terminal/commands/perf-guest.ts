// perf in the guest: perf stat -e … -- ./loop N counts the PMU scenarios'
// loop (the perf-stat scenario: one general-purpose counter per event,
// enabled one after another unless the PMU has a global control, so the
// first counters also count perf's own code); perf record -e
// instructions:ppp -c PERIOD ./loop samples it (the perf-record scenario:
// interrupt skid, PEBS, PDIR/PDist), perf report and perf annotate read
// the samples back. The guest's PMU is what kvm.ko and QEMU give it
// (state.ts vpmuOf): with none, perf prints what it prints then.
import type { Ctx, Outcome } from '../shell';
import type { RunResult } from '../../sim/core';
import { LISTING } from '../../sim/pmu-listing';
import { PARAMS, type IntParam } from '../../sim/schema';
import { runModel, scenarioParams } from '../model';
import { visible } from '../parse';
import { vpmuOf } from '../state';
import { PERF_SUBCOMMANDS, WAKEUP_BYTES } from './perf';

/** The program perf measures: the PMU scenarios' loop (assembly/workloads/pmu_program.ts), in the guest's /root. */
const PROGRAMS = ['./loop', 'loop', '/root/loop', '~/loop'];

/**
 * The events perf stat is given, in the order the perf-stat scenario
 * programs them (assembly/workloads/perf_stat.ts EVENT_ORDER): the model
 * counts a prefix of this list, one GP counter each.
 */
const STAT_ORDER = ['instructions', 'cycles', 'branches', 'branch-misses', 'LLC-misses', 'LLC-references', 'instructions', 'cycles'];

/** perf's names (and aliases) for the events the model counts (tools/perf/util/parse-events.c event_symbols_hw). */
const EVENT_ALIASES: Record<string, string> = {
  'instructions': 'instructions',
  'cycles': 'cycles',
  'cpu-cycles': 'cycles',
  'branches': 'branches',
  'branch-instructions': 'branches',
  'branch-misses': 'branch-misses',
  'cache-misses': 'LLC-misses',
  'LLC-misses': 'LLC-misses',
  'cache-references': 'LLC-references',
  'LLC-references': 'LLC-references',
};

/** Other events perf knows (software, cache, ref-cycles): valid syntax, not in the model. */
const KNOWN_UNMODELLED = [
  'task-clock', 'cpu-clock', 'page-faults', 'faults', 'minor-faults', 'major-faults', 'context-switches', 'cs', 'cpu-migrations', 'migrations',
  'alignment-faults', 'emulation-faults', 'dummy', 'ref-cycles', 'bus-cycles', 'stalled-cycles-frontend', 'stalled-cycles-backend',
  'L1-dcache-loads', 'L1-dcache-load-misses', 'L1-icache-load-misses', 'LLC-loads', 'LLC-load-misses', 'LLC-stores', 'LLC-store-misses',
  'dTLB-loads', 'dTLB-load-misses', 'iTLB-load-misses', 'branch-loads', 'branch-load-misses',
];

const STAT_USAGE = [
  '',
  ' Usage: perf stat [<options>] [<command>]',
  '',
  '    -a, --all-cpus        system-wide collection from all CPUs',
  '    -e, --event <event>   event selector. use \'perf list\' to list available events',
  '',
];

const RECORD_USAGE = [
  '',
  ' Usage: perf record [<options>] [<command>]',
  '    or: perf record [<options>] -- <command> [<options>]',
  '',
  '    -c, --count <n>       event period to sample',
  '    -e, --event <event>   event selector. use \'perf list\' to list available events',
  '    -F, --freq <freq or \'max\'>',
  '                          profile at this frequency',
  '',
];

function usage(ctx: Ctx, lines: string[]): number {
  for (const l of lines) ctx.err(l);
  return 129;
}

interface EventSpec {
  /** As typed (perf prints it so). */
  text: string;
  /** The model's event name. */
  model: string;
  /** Number of p's. */
  precise: number;
  /** Other modifiers (u, k, …). */
  mods: string;
}

/** Parse an -e list as perf's event parser does; an error is printed and null returned. */
function parseEvents(ctx: Ctx, list: string, sub: 'stat' | 'record'): EventSpec[] | null {
  const out: EventSpec[] = [];
  let offset = 0;
  const syntax = (at: number, what: string) => {
    // 'event syntax error: ' is 20 columns; the marker sits under the offending character.
    ctx.err(`event syntax error: '${visible(list, 200)}'`);
    ctx.err(' '.repeat(21 + at) + '\\___ ' + what);
    ctx.err("Run 'perf list' for a list of valid events");
    usage(ctx, sub === 'stat' ? STAT_USAGE : RECORD_USAGE);
    return null;
  };
  for (const token of list.split(',')) {
    const m = /^([A-Za-z0-9_.-]+)(?::([a-zA-Z]*))?$/.exec(token);
    if (!m) return syntax(offset, 'parser error');
    const [, name, mods = ''] = m;
    if (!/^[ukhGHpPSDIWe]*$/.test(mods) || /p{4,}/.test(mods)) return syntax(offset + name.length + 1, 'parser error');
    const model = EVENT_ALIASES[name];
    if (!model && !KNOWN_UNMODELLED.includes(name)) return syntax(offset, 'parser error');
    out.push({ text: token, model: model ?? '', precise: (mods.match(/p/g) ?? []).length, mods: mods.replace(/p/g, '') });
    offset += token.length + 1;
  }
  return out;
}

/** Split perf's own options from the command it runs (after -- or the first word that is no option). */
function splitCommand(args: string[], takesValue: string[]): { opts: string[]; cmd: string[] } {
  const opts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return { opts, cmd: args.slice(i + 1) };
    if (!a.startsWith('-')) return { opts, cmd: args.slice(i) };
    opts.push(a);
    if (takesValue.includes(a)) {
      if (i + 1 < args.length) opts.push(args[++i]);
    }
  }
  return { opts, cmd: [] };
}

/** The program and its iteration count, or an error already printed. */
function program(ctx: Ctx, cmd: string[]): { iterations: number | null } | number {
  const [prog, ...rest] = cmd;
  if (!PROGRAMS.includes(prog)) {
    // perf forks and execs the command; a name the guest has no program for fails in the child.
    if (/^[\w./~-]+$/.test(prog) && !prog.includes('/')) ctx.note(ctx.msg.perfProgram(visible(prog)));
    else ctx.err(`Workload failed: No such file or directory`);
    return 1;
  }
  if (rest.length === 0) return { iterations: null };
  const max = (PARAMS.loop_iterations as IntParam).max;
  if (rest.length > 1 || !/^\d+$/.test(rest[0]) || Number(rest[0]) < 1 || Number(rest[0]) > max) {
    ctx.note(ctx.msg.modelRange(`./loop ${visible(rest.join(' '), 40)} (the loop runs 1 – ${max.toLocaleString('en-US')} iterations)`));
    return 1;
  }
  return { iterations: Number(rest[0]) };
}

const int = (v: number) => Math.round(v).toLocaleString('en-US');

interface CounterRow { counter: string; event: string; count: number; true_count: number }

/** perf stat's report, in the layout of web/sim/pmu-text.ts renderPerfStat, for the events as typed. */
export function statText(r: RunResult, events: EventSpec[], command: string): string {
  const m = r.metrics as { counters: CounterRow[]; region_ns: number };
  const noPmu = r.params.vpmu === 'off';
  const cycles = m.counters.find((c) => c.event === 'cycles')?.count ?? 0;
  const lines = ['', ` Performance counter stats for '${command}':`, ''];
  events.forEach((e, i) => {
    const c = m.counters[i];
    if (noPmu || !c) {
      lines.push(`${(noPmu ? '<not supported>' : '<not counted>').padStart(18)}      ${e.text}`);
      return;
    }
    const note = e.model === 'instructions' && cycles > 0 ? `#  ${(c.count / cycles).toFixed(2)}  insn per cycle` : '';
    lines.push(`${int(c.count).padStart(18)}      ${e.text.padEnd(26)}${note}`.trimEnd());
  });
  lines.push('', `${(m.region_ns / 1e9).toFixed(9).padStart(18)} seconds time elapsed`, '');
  return lines.join('\n');
}

async function stat(ctx: Ctx, args: string[]): Promise<Outcome> {
  const { opts, cmd } = splitCommand(args, ['-e', '--event', '-r', '--repeat']);
  let events: EventSpec[] = [];
  let all = false;
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i];
    const eq = o.startsWith('--') ? o.indexOf('=') : -1;
    const flag = eq > 0 ? o.slice(0, eq) : o.startsWith('-e') && o.length > 2 ? '-e' : o;
    if (flag === '-e' || flag === '--event') {
      const v = eq > 0 ? o.slice(eq + 1) : o.length > 2 && o.startsWith('-e') ? o.slice(2) : opts[++i];
      if (v === undefined) {
        ctx.err("  Error: switch `e' requires a value");
        return usage(ctx, STAT_USAGE);
      }
      const parsed = parseEvents(ctx, v, 'stat');
      if (!parsed) return 129;
      events.push(...parsed);
    } else if (flag === '-a' || flag === '--all-cpus') {
      all = true;
    } else if (flag === '-h' || flag === '--help') {
      return usage(ctx, STAT_USAGE);
    } else {
      ctx.err(`  Error: unknown ${o.startsWith('--') ? 'option' : 'switch'} \`${visible(o.replace(/^-+/, '').split('=')[0])}'`);
      return usage(ctx, STAT_USAGE);
    }
  }
  if (cmd.length === 0 && !all) return usage(ctx, STAT_USAGE);
  if (cmd.length === 0) {
    ctx.note(ctx.msg.perfProgram('-a'));
    return 1;
  }
  const prog = program(ctx, cmd);
  if (typeof prog === 'number') return prog;
  if (events.length === 0) {
    ctx.note(ctx.msg.perfStatEvents);
    return 1;
  }
  if (events.some((e) => e.model === '')) {
    ctx.note(ctx.msg.perfEventNotModelled(events.filter((e) => e.model === '').map((e) => e.text).join(', ')));
    return 1;
  }
  if (events.some((e) => e.mods !== '' || e.precise > 0)) {
    ctx.note(ctx.msg.perfModifiers);
    return 1;
  }
  const wanted = events.map((e) => e.model);
  if (wanted.length > STAT_ORDER.length || wanted.some((w, i) => w !== STAT_ORDER[i])) {
    ctx.note(ctx.msg.perfStatOrder(STAT_ORDER.join(',')));
    return 1;
  }
  const extra = { counters: events.length, ...(prog.iterations !== null ? { loop_iterations: prog.iterations } : {}) };
  const r = await runModel(ctx.state, ctx.runner, ctx.locale, { scenario: 'perf-stat', durationNs: 0, extra });
  ctx.err(statText(r, events, all ? 'system wide' : cmd.join(' ')));
  if (all) ctx.note(ctx.msg.perfSystemWide);
  const m = r.metrics as { counters: CounterRow[] };
  if (r.params.vpmu === 'off') ctx.note(ctx.msg.perfNoPmu);
  else if (m.counters.length > 0) {
    const skew = m.counters.map((c, i) => `${events[i].text} ${int(c.true_count)} (${c.count - c.true_count >= 0 ? '+' : ''}${int(c.count - c.true_count)})`);
    ctx.note(ctx.msg.perfStatTruth(skew.join(', ')));
    if (m.counters.length < events.length) ctx.note(ctx.msg.perfNotCounted(m.counters.length));
  }
  return 0;
}

/**
 * Bytes one sample takes in perf.data: the perf_event_header (8) and
 * IP, TID, TIME and PERIOD (8 each), perf record's default sample_type
 * (include/uapi/linux/perf_event.h); the header's own few KB are left out.
 */
const BYTES_PER_SAMPLE = 8 + 4 * 8;
const DATA_FILE = 'perf.data';

async function record(ctx: Ctx, args: string[]): Promise<Outcome> {
  const { opts, cmd } = splitCommand(args, ['-e', '--event', '-c', '--count', '-F', '--freq', '-o', '--output']);
  let ev: EventSpec | null = null;
  let period: number | null = null;
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i];
    const eq = o.startsWith('--') ? o.indexOf('=') : -1;
    const flag = eq > 0 ? o.slice(0, eq) : o;
    const value = () => (eq > 0 ? o.slice(eq + 1) : opts[++i]);
    if (flag === '-e' || flag === '--event') {
      const v = value();
      if (v === undefined) {
        ctx.err("  Error: switch `e' requires a value");
        return usage(ctx, RECORD_USAGE);
      }
      const parsed = parseEvents(ctx, v, 'record');
      if (!parsed) return 129;
      if (parsed.length !== 1 || ev) {
        ctx.note(ctx.msg.perfRecordOneEvent);
        return 1;
      }
      ev = parsed[0];
    } else if (flag === '-c' || flag === '--count') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v)) {
        ctx.err("  Error: switch `c' expects a numerical value");
        return usage(ctx, RECORD_USAGE);
      }
      period = Number(v);
    } else if (flag === '-F' || flag === '--freq') {
      value();
      ctx.note(ctx.msg.perfRecordFreq);
      return 1;
    } else {
      ctx.err(`  Error: unknown ${o.startsWith('--') ? 'option' : 'switch'} \`${visible(o.replace(/^-+/, '').split('=')[0])}'`);
      return usage(ctx, RECORD_USAGE);
    }
  }
  if (cmd.length === 0) return usage(ctx, RECORD_USAGE);
  const prog = program(ctx, cmd);
  if (typeof prog === 'number') return prog;
  if (prog.iterations !== null) {
    ctx.note(ctx.msg.perfRecordLoop(Number(PARAMS.samples.default)));
    return 1;
  }
  // perf record's default event is cycles (event_symbols_hw[PERF_COUNT_HW_CPU_CYCLES]).
  const e: EventSpec = ev ?? { text: 'cycles', model: 'cycles', precise: 0, mods: '' };
  if (e.model !== 'instructions' && e.model !== 'cycles') {
    ctx.note(ctx.msg.perfRecordEvents);
    return 1;
  }
  if (e.mods !== '') {
    ctx.note(ctx.msg.perfModifiers);
    return 1;
  }
  const st = ctx.state;
  if (vpmuOf(st) === 'off') {
    // No PMU in the guest's CPUID: the guest kernel has no hardware events to open (ENOENT).
    // perf falls back from cycles to the cpu-clock software event (evsel__fallback), which the model does not run.
    if (e.model === 'cycles' && e.precise === 0) {
      ctx.err('Warning:');
      ctx.err('The cycles event is not supported, trying to fall back to cpu-clock-ticks');
      ctx.note(ctx.msg.perfNoPmu + ' ' + ctx.msg.perfCpuClock);
      return 1;
    }
    ctx.err('Error:');
    ctx.err(`The ${e.text.split(':')[0]} event is not supported.`);
    ctx.note(ctx.msg.perfNoPmu);
    return 255;
  }
  if (period === null) ctx.note(ctx.msg.perfRecordPeriod(Number(PARAMS.period.default)));
  const extra = { event: e.model, precise: e.precise, ...(period !== null ? { period } : {}) };
  if (e.precise > 0) {
    // perf_event_open checks the precise level before anything runs: ask the model's guest PMU what it offers
    // (a short probe that leaves the session's clock and counters as they are).
    const params = scenarioParams(st, 'perf-record', ctx.locale, { ...extra, samples: (PARAMS.samples as IntParam).min });
    const probe = await ctx.runner.run({ scenario: 'perf-record', params, seed: st.seed + st.runs });
    const pm = probe.metrics as { precise_requested: number; precise_effective: number; pebs_cross_mapped: boolean };
    if (pm.precise_effective < pm.precise_requested && !pm.pebs_cross_mapped) {
      // The guest kernel refuses a precise level its PMU does not have (x86_pmu_hw_config: -EOPNOTSUPP).
      ctx.err('Error:');
      ctx.err(`The sys_perf_event_open() syscall returned with 95 (Operation not supported) for event (${e.text}).`);
      ctx.err('"dmesg | grep -i perf" may provide additional information.');
      ctx.note(ctx.msg.perfPrecise(pm.precise_effective));
      return 255;
    }
  }
  const r = await runModel(st, ctx.runner, ctx.locale, { scenario: 'perf-record', durationNs: 0, extra });
  const m = r.metrics as { samples: number };
  st.guestPerfData = { result: r, event: e.text };
  const bytes = m.samples * BYTES_PER_SAMPLE;
  ctx.err(`[ perf record: Woken up ${Math.max(1, Math.ceil(bytes / WAKEUP_BYTES))} times to write data ]`);
  ctx.err(`[ perf record: Captured and wrote ${(bytes / (1024 * 1024)).toFixed(3)} MB ${DATA_FILE} (${m.samples} samples) ]`);
  return 0;
}

/** Where the loop's instructions sit: a modelling choice (a small static binary's .text), with their x86-64 encodings' lengths. */
const LOOP_BASE = 0x401126;
const INSN_BYTES: Record<string, number> = {
  'mov  rax, [rsi+rcx*8]': 4, 'add  rbx, rax': 3, 'mov  rdx, [rdi+rbx*8]': 4, 'add  rbx, rdx': 3, 'imul rax, rbx': 4, 'xor  edx, edx': 2,
  'div  r8': 3, 'add  r9, rax': 3, 'inc  rcx': 3, 'and  rcx, r10': 3, 'dec  r11': 3, 'jnz  loop': 2,
};
/** The loop's first instruction is line 6 of loop.S (a modelling choice: a header comment, .globl, the label). */
const FIRST_LINE = 6;

function addresses(): number[] {
  const out: number[] = [];
  let a = LOOP_BASE;
  for (const l of LISTING) {
    out.push(a);
    a += INSN_BYTES[l.asm] ?? 4;
  }
  return out;
}

interface ListingRow { slot: number; asm: string; samples: number; sample_share: number; true_share: number }

/** 1234 → 1234, 2000 → 2K, as perf's unit_number__scnprintf. */
function unitNumber(n: number): string {
  const units = ['', 'K', 'M', 'G'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n = Math.floor(n / 1000);
    i++;
  }
  return `${n}${units[i]}`;
}

function noData(ctx: Ctx): number {
  ctx.err(`failed to open ${DATA_FILE}: No such file or directory  (try 'perf record' first)`);
  return 255;
}

function report(ctx: Ctx, args: string[]): Outcome {
  let keys = ['comm', 'dso', 'sym'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (flag === '--stdio' || flag === '-n' || flag === '--show-nr-samples') continue;
    if (flag === '-s' || flag === '--sort') {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      const ks = (v ?? '').split(',');
      const bad = ks.find((k) => !['comm', 'dso', 'sym', 'srcline'].includes(k));
      if (bad !== undefined) {
        ctx.err(`Error:\nUnknown --sort key: \`${visible(bad)}'`);
        return 129;
      }
      keys = ks;
      continue;
    }
    ctx.err(`  Error: unknown ${a.startsWith('--') ? 'option' : 'switch'} \`${visible(a.replace(/^-+/, '').split('=')[0])}'`);
    ctx.err('');
    ctx.err(' Usage: perf report [<options>]');
    ctx.err('');
    ctx.err('    -s, --sort <key[,key2...]>');
    ctx.err('                          sort by key(s): comm, dso, sym, srcline');
    ctx.err('        --stdio           Use the stdio interface');
    ctx.err('');
    return 129;
  }
  const data = ctx.state.guestPerfData;
  if (!data) return noData(ctx);
  const r = data.result;
  const m = r.metrics as { samples: number; listing: ListingRow[] };
  const period = Number(r.params.period);
  const cols: { head: string; val: (row: ListingRow) => string }[] = keys.map((k) => {
    if (k === 'comm') return { head: 'Command', val: () => 'loop' };
    if (k === 'dso') return { head: 'Shared Object', val: () => 'loop' };
    if (k === 'sym') return { head: 'Symbol', val: () => '[.] loop' };
    return { head: 'Source:Line', val: (row) => `loop.S:${FIRST_LINE + row.slot}` };
  });
  // One entry per distinct key tuple: with srcline, one per instruction that has samples.
  const bySrc = keys.includes('srcline');
  const rows = bySrc
    ? m.listing.filter((l) => l.samples > 0).sort((a, b) => b.samples - a.samples || a.slot - b.slot)
    : [{ slot: 0, asm: '', samples: m.samples, sample_share: 1, true_share: 1 }];
  const widths = cols.map((c) => Math.max(c.head.length, ...rows.map((row) => c.val(row).length)));
  const lines = [
    '# To display the perf.data header info, please use --header/--header-only options.',
    '#',
    '#',
    '# Total Lost Samples: 0',
    '#',
    `# Samples: ${unitNumber(m.samples)} of event '${data.event}'`,
    `# Event count (approx.): ${m.samples * period}`,
    '#',
    ('# Overhead  ' + cols.map((c, i) => c.head.padEnd(widths[i])).join('  ')).trimEnd(),
    ('# ........  ' + cols.map((_, i) => '.'.repeat(widths[i])).join('  ')).trimEnd(),
    '#',
  ];
  for (const row of rows) {
    const pct = m.samples > 0 ? (100 * row.samples) / m.samples : 0;
    lines.push((`${pct.toFixed(2).padStart(9)}%  ` + cols.map((c, i) => c.val(row).padEnd(widths[i])).join('  ')).trimEnd());
  }
  lines.push('', '');
  ctx.out(lines.join('\n'));
  return 0;
}

function annotate(ctx: Ctx, args: string[]): Outcome {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--stdio' || a === 'loop' || a === '-M' || a === 'intel' || a === '--disassembler-style=intel') continue;
    if (!a.startsWith('-')) {
      ctx.err(`Error:\nThe perf.data data has no samples!`);
      return 255;
    }
    ctx.err(`  Error: unknown ${a.startsWith('--') ? 'option' : 'switch'} \`${visible(a.replace(/^-+/, '').split('=')[0])}'`);
    ctx.err('');
    ctx.err(' Usage: perf annotate [<options>]');
    ctx.err('');
    ctx.err('    -M, --disassembler-style <disassembler style>');
    ctx.err('                          Specify disassembler style (e.g. -M intel for intel syntax)');
    ctx.err('        --stdio           Use the stdio interface');
    ctx.err('');
    return 129;
  }
  const data = ctx.state.guestPerfData;
  if (!data) return noData(ctx);
  const m = data.result.metrics as { samples: number; listing: ListingRow[]; total_variation_distance: number };
  const addr = addresses();
  const title = ` Percent |\tSource code & Disassembly of loop for ${data.event} (${m.samples} samples, percent: local period)`;
  const lines = [title, '-'.repeat(title.length + 8), '         :', '         :', '         :', '         :\tDisassembly of section .text:', '         :'];
  lines.push(`         :\t${LOOP_BASE.toString(16).padStart(16, '0')} <loop>:`);
  for (const l of m.listing) {
    const asm = l.asm.replace(/^(\S+)\s+/, (_, op: string) => op.padEnd(7));
    lines.push(`${(100 * l.sample_share).toFixed(2).padStart(8)} :\t  ${addr[l.slot].toString(16)}:\t${asm}`);
  }
  ctx.out(lines.join('\n'));
  // Beside perf's listing, what the loop really executed: where the samples should have landed.
  ctx.note(ctx.msg.annotateTruth);
  for (const l of m.listing) {
    ctx.note(`  ${addr[l.slot].toString(16)}  ${l.asm.padEnd(22)} ${(100 * l.sample_share).toFixed(2).padStart(6)}%  ${(100 * l.true_share).toFixed(2).padStart(6)}%`);
  }
  ctx.note(ctx.msg.annotateDistance(m.total_variation_distance));
  return 0;
}

PERF_SUBCOMMANDS.push(
  { name: 'stat', where: 'guest', run: stat },
  { name: 'record', where: 'guest', run: record },
  { name: 'report', where: 'guest', run: report },
  { name: 'annotate', where: 'guest', run: annotate },
);
