// Which per-event samples a latency chart draws for a run: the scenario's main
// distribution, as the explorer's panels pick it (web/sim/metrics/*): ipi-hlt's
// wake-up latency (cycles; its ns summary beside), tcp-rr's round-trip time,
// spinlock's lock wait, nic's request and disk's I/O latency (ns). The
// summaries (p50, p99, …) are the model's own; nothing here computes one.
import type { RunResult } from '../../sim/core';
import type { Summary } from '../../sim/published';
import { metricSummary } from '../../lib/explore-view';
import type { LatencyQuantity } from '../../lib/lab-i18n';

export interface LatencySource {
  /** The metric and sample array's name (wake_latency_cycles, rtt_ns, lock_wait_ns, latency_ns). */
  key: string;
  quantity: LatencyQuantity;
  unit: 'cycles' | 'ns';
  /** The model's summary, in `unit`. */
  summary: Summary;
  /** The same distribution's summary in ns, when the samples are in cycles (ipi-hlt's wake_latency_ns). */
  ns: Summary | null;
  /** The raw samples in `unit`; null when the run was made without them. */
  samples: readonly number[] | null;
}

interface Pick {
  key: string;
  quantity: LatencyQuantity;
  unit: 'cycles' | 'ns';
  ns?: string;
}

const PICKS: Record<string, Pick> = {
  'ipi-hlt': { key: 'wake_latency_cycles', quantity: 'wake', unit: 'cycles', ns: 'wake_latency_ns' },
  'tcp-rr': { key: 'rtt_ns', quantity: 'rtt', unit: 'ns' },
  spinlock: { key: 'lock_wait_ns', quantity: 'lockWait', unit: 'ns' },
  nic: { key: 'latency_ns', quantity: 'request', unit: 'ns' },
  disk: { key: 'latency_ns', quantity: 'io', unit: 'ns' },
};

/** The run's main latency distribution, or null for a scenario without one (idle, cpu-bound, the PMU ones). */
export function latencySource(r: RunResult): LatencySource | null {
  const pick = PICKS[r.scenario];
  const summary = pick && metricSummary(r, pick.key);
  if (!pick || !summary) return null;
  const samples = r.samples?.[pick.key];
  return {
    key: pick.key,
    quantity: pick.quantity,
    unit: pick.unit,
    summary,
    ns: pick.ns ? metricSummary(r, pick.ns) : null,
    samples: Array.isArray(samples) && samples.length > 0 ? samples : null,
  };
}

/** Two runs' distributions can share axes: the same quantity in the same unit. */
export function comparable(a: LatencySource, b: LatencySource | null): b is LatencySource {
  return b !== null && a.key === b.key && a.unit === b.unit && a.quantity === b.quantity;
}

/**
 * Where the x axis may end for one run: 1.25 × p99, or nearer when p99 lies
 * far out in the tail (p50 + 6 × (p90 − p50)), so a rare long tail does not
 * squash the body (as SampleHistogram clips); the rest is one overflow bar.
 */
export function clipOf(s: Summary): number {
  return Math.max(Math.min(s.p99 * 1.25, s.p50 + 6 * (s.p90 - s.p50)), s.p50 * 1.15, s.min + 1);
}
