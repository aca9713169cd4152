// Distribution summaries of sample arrays (d3-array's quantiles).
import { quantileSorted, mean as d3mean } from 'd3-array';
import type { Summary } from './published';

export type { Summary };

/** Minimum, maximum and mean over every sample, when the values are a reservoir of them. */
export interface Exact {
  min: number;
  max: number;
  mean: number;
}

export function summarize(values: ArrayLike<number>, scale = 1, digits = 0, exact?: Exact): Summary {
  // A typed array sorts numerically and fast; d3's quantile reads it like an array.
  const sorted = Float64Array.from(values).sort() as unknown as number[];
  const f = 10 ** digits;
  const r = (v: number | undefined) => Math.round(((v ?? 0) * scale) * f) / f;
  if (sorted.length === 0) return { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  if (exact) {
    return {
      min: r(exact.min),
      mean: r(exact.mean),
      p50: r(quantileSorted(sorted, 0.5)),
      p90: r(quantileSorted(sorted, 0.9)),
      p99: r(quantileSorted(sorted, 0.99)),
      max: r(exact.max),
    };
  }
  return {
    min: r(sorted[0]),
    mean: r(d3mean(sorted)),
    p50: r(quantileSorted(sorted, 0.5)),
    p90: r(quantileSorted(sorted, 0.9)),
    p99: r(quantileSorted(sorted, 0.99)),
    max: r(sorted[sorted.length - 1]),
  };
}

export function median(values: ArrayLike<number>): number {
  return summarize(values).p50;
}
