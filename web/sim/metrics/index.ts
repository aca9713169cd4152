// Scenario-specific metrics built from the decoded arrays.
import type { Decoded, Counts } from '../core';
import { ipiHltMetrics } from './ipi-hlt';
import { tcpRrMetrics } from './tcp-rr';
import { idleMetrics, cpuBoundMetrics } from './load';
import { spinlockMetrics } from './spinlock';
import { perfStatMetrics, perfRecordMetrics, vpmuSwitchMetrics } from './pmu';
import { nicMetrics, diskMetrics } from './devices';

export interface Built {
  metrics: Record<string, unknown>;
  /** The raw samples, built only when a caller asks for them (histograms). */
  samples: () => Record<string, number[]>;
}

const BUILDERS: Record<string, (d: Decoded) => Built> = {
  'ipi-hlt': ipiHltMetrics,
  'tcp-rr': tcpRrMetrics,
  idle: idleMetrics,
  'cpu-bound': cpuBoundMetrics,
  spinlock: spinlockMetrics,
  'perf-stat': perfStatMetrics,
  'perf-record': perfRecordMetrics,
  'vpmu-switch': vpmuSwitchMetrics,
  nic: nicMetrics,
  disk: diskMetrics,
};

export function scenarioMetrics(name: string, d: Decoded): Built {
  const b = BUILDERS[name];
  if (!b) throw new Error(`no metrics for scenario '${name}'`);
  return b(d);
}

/** Counts divided by a total, rounded to `digits` decimals. */
export function ratePer(counts: Counts, total: number, digits = 2): Counts {
  const f = 10 ** digits;
  const out: Counts = {};
  for (const [k, v] of Object.entries(counts)) out[k] = total > 0 ? Math.round((v / total) * f) / f : 0;
  return out;
}

export function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
