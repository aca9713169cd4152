// The device scenarios in the explorer: which parameter picks the device
// model, its options, S2's exit table for each, and the rows of the chart
// that puts the models side by side. Only arranges values taken from
// RunResults and published.ts; computes no model quantity.
import type { Counts, RunResult } from '../sim/core';
import { DISK_EXITS_PER_SEC, NIC_EXITS_PER_SEC, type Source } from '../sim/published';
import type { BarGroup } from './bar-groups';

export interface DeviceChoice {
  /** The parameter that picks the model (nic, disk). */
  param: 'nic' | 'disk';
  models: readonly string[];
  /** S2's exits per second for each model it measured. */
  published: Record<string, Counts>;
  source: Source;
}

const CHOICES: Record<string, DeviceChoice> = {
  nic: { param: 'nic', models: ['e1000', 'virtio', 'vhost'], published: NIC_EXITS_PER_SEC.byNic, source: NIC_EXITS_PER_SEC.source },
  disk: { param: 'disk', models: ['ide', 'virtio-blk'], published: DISK_EXITS_PER_SEC.byDisk, source: DISK_EXITS_PER_SEC.source },
};

/** The device choice of a scenario, or null for scenarios without one. */
export function deviceChoice(scenario: string): DeviceChoice | null {
  return CHOICES[scenario] ?? null;
}

/** The model a run used. */
export function runModel(r: RunResult, c: DeviceChoice): string {
  return String(r.params[c.param]);
}

export function exitsPerSec(r: RunResult): Counts {
  const v = r.metrics.exits_per_sec;
  return v && typeof v === 'object' ? (v as Counts) : {};
}

/**
 * One group per exit reason (largest first over every run and S2), two bars
 * per device model: the model's rate and S2's (0 where S2 counted none).
 */
export function deviceGroups(c: DeviceChoice, runs: Record<string, RunResult | null>, s2Label: (model: string) => string): BarGroup[] {
  const reasons = new Map<string, number>();
  for (const m of c.models) {
    const e = runs[m] ? exitsPerSec(runs[m]!) : {};
    for (const [k, v] of Object.entries(e)) reasons.set(k, Math.max(reasons.get(k) ?? 0, v));
    for (const [k, v] of Object.entries(c.published[m] ?? {})) reasons.set(k, Math.max(reasons.get(k) ?? 0, v));
  }
  const order = [...reasons.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  return order.map((reason) => ({
    key: reason,
    label: reason,
    bars: c.models.flatMap((m) => [
      ...(runs[m] ? [{ key: m, label: m, value: exitsPerSec(runs[m]!)[reason] ?? 0, kind: 'model' as const }] : []),
      { key: `s2-${m}`, label: s2Label(m), value: c.published[m]?.[reason] ?? 0, kind: 'published' as const },
    ]),
  }));
}
