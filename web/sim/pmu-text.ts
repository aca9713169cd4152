// The PMU scenarios as text: `perf stat`'s own layout, the sampled listing
// as perf annotate shows it beside the true shares, and the vPMU designs'
// table. For the CLI's readable output and the terminal.
import type { RunResult } from './core';

const int = (v: number) => Math.round(v).toLocaleString('en-US');

interface CounterRow { counter: string; event: string; count: number; true_count: number; start_ns: number }

/** The events perf stat asks for, in order (assembly/workloads/perf_stat.ts EVENT_ORDER). */
const STAT_EVENTS = ['instructions', 'cycles', 'branches', 'branch-misses', 'LLC-misses', 'LLC-references', 'instructions', 'cycles'];

/**
 * `perf stat -e …`'s report: one line per event with its count (or
 * `<not counted>` for an event perf could not put on a counter), insn per
 * cycle beside instructions, and the elapsed time of the measured region.
 */
export function renderPerfStat(r: RunResult): string {
  const m = r.metrics as { counters: CounterRow[]; region_ns: number };
  const asked = Number(r.params.counters ?? m.counters.length);
  const cycles = m.counters.find((c) => c.event === 'cycles')?.count ?? 0;
  const lines = ['', ` Performance counter stats for './loop ${r.params.loop_iterations ?? ''}':`.replace(/ ':$/, "':"), ''];
  for (let i = 0; i < asked; i++) {
    const c = m.counters[i];
    const name = STAT_EVENTS[i] ?? '';
    if (!c) {
      lines.push(`${'<not counted>'.padStart(18)}      ${name}`);
      continue;
    }
    let note = '';
    if (c.event === 'instructions' && cycles > 0) note = `#  ${(c.count / cycles).toFixed(2)}  insn per cycle`;
    lines.push(`${int(c.count).padStart(18)}      ${c.event.padEnd(26)}${note}`.trimEnd());
  }
  lines.push('', `${(m.region_ns / 1e9).toFixed(9).padStart(18)} seconds time elapsed`, '');
  return lines.join('\n');
}

/** perf annotate-style: each instruction with its share of the samples and of the true events. */
export function renderListing(r: RunResult): string {
  const m = r.metrics as { listing: { asm: string; sample_share: number; true_share: number }[]; total_variation_distance: number };
  const lines = ['  samples%   true%   instruction'];
  for (const l of m.listing) {
    lines.push(`${(100 * l.sample_share).toFixed(2).padStart(10)}${(100 * l.true_share).toFixed(2).padStart(8)}   ${l.asm}`);
  }
  lines.push(`total-variation distance ${m.total_variation_distance}`);
  return lines.join('\n');
}

/** One line per vPMU design and sampling mode. */
export function renderVpmuModes(r: RunResult): string {
  const m = r.metrics as { modes: Record<string, number | string>[] };
  const cols = ['vpmu', 'sampling', 'overhead_pct', 'reprogram_calls', 'lazy_releases', 'pmis', 'pmi_handler_ns_mean', 'pmu_exits'];
  const lines = [cols.map((c, i) => (i < 2 ? c.padEnd(10) : c.padStart(20))).join('')];
  for (const row of m.modes) {
    lines.push(cols.map((c, i) => (i < 2 ? String(row[c]).padEnd(10) : (typeof row[c] === 'number' ? (row[c] as number).toLocaleString('en-US') : String(row[c])).padStart(20))).join(''));
  }
  return lines.join('\n');
}

/** The text a PMU scenario adds to the readable output, or null for other scenarios. */
export function pmuText(r: RunResult): string | null {
  if (r.scenario === 'perf-stat') return renderPerfStat(r);
  if (r.scenario === 'perf-record') return renderListing(r);
  if (r.scenario === 'vpmu-switch') return renderVpmuModes(r);
  return null;
}
