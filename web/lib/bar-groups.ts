// Rows for BarChart: counts by name (exit reason, MSR), as model beside
// published, or one bar per vCPU. Only arranges values taken from a
// RunResult; the order is largest model value first.
import type { Counts } from '../sim/core';
import type { Published } from './explore-view';

export interface Bar {
  key: string;
  /** Shown beside the bar when its group has more than one. */
  label: string;
  value: number;
  kind: 'model' | 'published' | 'plain';
}

export interface BarGroup {
  key: string;
  label: string;
  /** A second, smaller line under the label (an MSR's number, say). */
  detail?: string;
  bars: Bar[];
}

type Namer = (key: string) => { label: string; detail?: string };
const asIs: Namer = (key) => ({ label: key });

function byValue(a: Counts, b: Counts | undefined): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b ?? {})]);
  return [...names].sort((x, y) => (a[y] ?? 0) - (a[x] ?? 0) || (b?.[y] ?? 0) - (b?.[x] ?? 0) || x.localeCompare(y));
}

/** One group per name: the model's bar, and the published one when there is a source. */
export function comparisonGroups(model: Counts, published: Published | null, modelLabel: string, name: Namer = asIs): BarGroup[] {
  return byValue(model, published?.values).map((key) => ({
    key,
    ...name(key),
    bars: [
      { key: 'model', label: modelLabel, value: model[key] ?? 0, kind: 'model' },
      ...(published
        ? [{ key: 'published', label: published.source.id, value: published.values[key] ?? 0, kind: 'published' as const }]
        : []),
    ],
  }));
}

/** One group per name, one bar per vCPU. */
export function perVcpuGroups(total: Counts, perVcpu: Counts[], vcpuLabel: (i: number) => string): BarGroup[] {
  return byValue(total, undefined).map((key) => ({
    key,
    label: key,
    bars: perVcpu.map((c, i) => ({ key: `vcpu${i}`, label: vcpuLabel(i), value: c[key] ?? 0, kind: 'plain' as const })),
  }));
}
