// A number in a run's result, by dot path: what lesson goals, predictions and
// published comparisons read (lessons/FORMAT.md). Besides the result's own
// fields (`metrics.rtt_ns.p50`, `exits.HLT`, `pcpu.0.poll_ns`) a few totals
// over the whole result are named here, so a lesson asks for "poll time as a
// share of the pCPUs" without the page adding anything up itself.
import type { PcpuTime, RunResult } from './core';

const MODES = ['guest', 'host', 'poll', 'other', 'idle'] as const;

function pcpuShare(r: RunResult, mode: (typeof MODES)[number]): number {
  let part = 0;
  let all = 0;
  for (const p of r.pcpu) {
    for (const m of MODES) all += p[`${m}_ns` as keyof PcpuTime];
    part += p[`${mode}_ns` as keyof PcpuTime];
  }
  return all > 0 ? (100 * part) / all : 0;
}

function exitsTotal(r: RunResult): number {
  return Object.values(r.exits).reduce((a, b) => a + b, 0);
}

/** Totals a lesson may name, with what each means (FORMAT.md's table). */
export const DERIVED: Record<string, (r: RunResult) => number> = {
  'cpu.guest_pct': (r) => pcpuShare(r, 'guest'),
  'cpu.host_pct': (r) => pcpuShare(r, 'host'),
  'cpu.poll_pct': (r) => pcpuShare(r, 'poll'),
  'cpu.other_pct': (r) => pcpuShare(r, 'other'),
  'cpu.idle_pct': (r) => pcpuShare(r, 'idle'),
  'cpu.busy_pct': (r) => 100 - pcpuShare(r, 'idle'),
  exits_total: exitsTotal,
  exits_per_sec: (r) => (r.sim_time_ns > 0 ? (exitsTotal(r) * 1e9) / r.sim_time_ns : 0),
};

/** Parents whose missing keys read as 0: tables of counts (an exit reason that did not happen). */
function isCounts(o: object): boolean {
  const values = Object.values(o);
  return values.length === 0 || values.every((v) => typeof v === 'number');
}

/** The number at `path`, or undefined when the result has no such number. */
export function metricValue(r: RunResult, path: string): number | undefined {
  const derived = Object.hasOwn(DERIVED, path) ? DERIVED[path] : undefined;
  if (derived) return derived(r);
  // exit_mean_ns.<REASON>: perf kvm stat's mean time of one exit of that reason (exit to the next entry).
  if (path.startsWith('exit_mean_ns.')) return r.exit_time.rows.find((row) => row.reason === path.slice(13))?.mean_ns;
  let at: unknown = r;
  const keys = path.split('.');
  for (let i = 0; i < keys.length; i++) {
    if (at === null || typeof at !== 'object') return undefined;
    const k = keys[i];
    if (!Object.hasOwn(at, k)) return i === keys.length - 1 && isCounts(at) ? 0 : undefined;
    at = (at as Record<string, unknown>)[k];
  }
  if (typeof at === 'boolean') return at ? 1 : 0;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/** A path a lesson may write: dot-separated keys of letters, digits, '_' and '-'. */
export const METRIC_PATH_RE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
