// Slider positions for integer parameters whose useful values span decades
// (halt_poll_ns: 0 … 10 ms). The slider moves over a ladder of round values —
// 0 when the range has it, then 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade —
// while the number input beside it still accepts every value in the range.
import type { IntParam } from '../sim/schema';

const MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/**
 * Round values from spec.min to spec.max. A range starting at 0 starts its
 * decades four below the max's, or at the decade of `anchor` (the default,
 * say) when that is lower; `anchor` itself is always one of the values, so
 * the default has a slider position.
 */
export function ladder(spec: Pick<IntParam, 'min' | 'max'>, anchor = 0): number[] {
  const { min, max } = spec;
  if (max - min <= 100) return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const out: number[] = [];
  if (min === 0) out.push(0);
  let low = min > 0 ? min : 10 ** Math.max(0, Math.floor(Math.log10(max)) - 4);
  if (min === 0 && anchor > 0) low = Math.min(low, 10 ** Math.floor(Math.log10(anchor)));
  for (let exp = Math.floor(Math.log10(low)); 10 ** exp <= max; exp++) {
    for (const m of MANTISSAS) {
      const v = Math.round(m * 10 ** exp);
      if (v >= low && v <= max && v !== out[out.length - 1]) out.push(v);
    }
  }
  if (out[out.length - 1] !== max) out.push(max);
  if (min > 0 && out[0] !== min) out.unshift(min);
  if (anchor >= min && anchor <= max && !out.includes(anchor)) {
    out.splice(out.findIndex((v) => v > anchor), 0, anchor);
  }
  return out;
}

/** Index of the ladder value nearest to v (in log terms for the decades). */
export function nearestIndex(steps: readonly number[], v: number): number {
  let best = 0;
  let bestD = Infinity;
  const lv = Math.log10(Math.max(v, 1));
  steps.forEach((s, i) => {
    const d = s === 0 || v === 0 ? (s === v ? 0 : Infinity) : Math.abs(Math.log10(s) - lv);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  if (bestD === Infinity) best = v === 0 ? 0 : steps.findIndex((s) => s > 0);
  return best;
}

/**
 * Where tick labels go: 0 and the ladder values that start a decade (10, 100,
 * 1000, …), skipping one that would sit within minGap positions of the last.
 */
export function decadeTicks(steps: readonly number[], minGap = 4): { index: number; value: number }[] {
  const out: { index: number; value: number }[] = [];
  steps.forEach((value, index) => {
    if (value !== 0 && !Number.isInteger(Math.log10(value))) return;
    const last = out[out.length - 1];
    if (last && index - last.index < minGap) return;
    out.push({ value, index });
  });
  return out;
}

/**
 * Tick labels for a slider over `steps`: decade ticks for a log ladder; for a
 * short linear range (vcpus 1 … 8) the ends and round values between, at
 * least minGap positions apart.
 */
export function sliderTicks(steps: readonly number[], minGap = 4): { index: number; value: number }[] {
  const linear = steps.length > 1 && steps[steps.length - 1] - steps[0] === steps.length - 1;
  if (!linear) return decadeTicks(steps, minGap);
  const every = [1, 2, 5, 10, 20, 25, 50].find((s) => s >= minGap) ?? 50;
  const last = steps.length - 1;
  const out = [{ index: 0, value: steps[0] }];
  steps.forEach((value, index) => {
    if (index === 0 || index === last || value % every !== 0) return;
    if (index - out[out.length - 1].index >= minGap && last - index >= minGap) out.push({ index, value });
  });
  if (last > 0) out.push({ index: last, value: steps[last] });
  return out;
}
