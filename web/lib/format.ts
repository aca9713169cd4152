// Number formats shared by the UI (d3-format).
import { format } from 'd3-format';

/** 14,911 */
export const fmtInt = format(',.0f');
/** 5.74 */
export const fmtUs = format(',.2f');
/** 42.1% from a 0…1 share */
export const fmtPct = format('.1%');
/** 15k, 1.2k: compact axis labels */
export const fmtShort = format('~s');

/** A duration in ns as a person would say it: 0 ns, 950 ns, 200 µs, 1.5 ms. */
export function fmtNs(ns: number): string {
  if (ns === 0) return '0 ns';
  if (ns < 1_000) return `${format(',~r')(ns)} ns`;
  if (ns < 1_000_000) return `${format(',.4~r')(ns / 1_000)} µs`;
  if (ns < 1_000_000_000) return `${format(',.4~r')(ns / 1_000_000)} ms`;
  return `${format(',.4~r')(ns / 1_000_000_000)} s`;
}

/** Cycles of S1's 2.6 GHz host in µs (a unit conversion for the published figures). */
export const S1_CYCLES_PER_US = 2600;

/** 0.02, 9.58: a count per transaction */
export const fmtPerTxn = format(',.2f');
/** 127, 0.5: a count per second (the model rounds it to 0.1) */
export const fmtPerSec = format(',~f');

/** How counts in a given unit are printed. */
export function fmtCount(unit: 'perTransaction' | 'perSecond' | 'total'): (v: number) => string {
  return unit === 'perTransaction' ? fmtPerTxn : unit === 'perSecond' ? fmtPerSec : fmtInt;
}

/** 18.99: ns shown in µs (axis ticks of ns samples) */
export const fmtNsAsUs = (ns: number): string => format(',~r')(Number((ns / 1000).toPrecision(4)));

/** 1.23 µs: a duration in ns printed in µs with 2 decimals, as perf kvm stat prints times. */
export const fmtNsUs2 = (ns: number): string => `${fmtUs(ns / 1000)} µs`;

/** 49.97%: a percentage (0…100) with 2 decimals, as perf prints Samples% and Time%. */
export const fmtPct2 = (pct: number): string => `${format('.2f')(pct)}%`;

/** 3–5 µs, or ~2 µs when a range is one figure: a published cost in ns. */
export function fmtRangeUs(low: number, high: number): string {
  const us = format(',~r');
  return low === high ? `~${us(low / 1000)} µs` : `${us(low / 1000)}–${us(high / 1000)} µs`;
}

/** A parameter's value in its unit, as its controls show it: 200 µs, 4,096 cycles, 8. */
export function fmtParam(unit: string, v: number): string {
  return unit === 'ns' ? fmtNs(v) : `${fmtInt(v)}${unit ? ' ' + unit : ''}`;
}
