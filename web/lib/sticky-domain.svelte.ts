// Axes that hold still while a slider moves. A chart asks for its domain with
// the values it is about to draw (the current run's and the pinned
// baseline's); the answer contains them and every value passed since the last
// reset, so it only grows, and bars that shrink look smaller instead of the
// axis zooming in on them. reset() (the lesson's Reset, a chart's "fit"
// button) makes the next answer fit the values of that moment.
//
// A domain is kept per key (lesson slug + chart id), once per page, so a
// chart that is re-created (a language switch, a lesson revisited) keeps it.
// Call domain() inside $derived: a reset re-runs the derived through the
// reactive epoch; the extent itself is plain memory, so growing it while a
// derived computes is allowed.
import { SvelteMap } from 'svelte/reactivity';

export type Domain = readonly [number, number];

/** The smallest domain containing `prev` (if any) and every finite value; null when there is nothing. */
export function grow(prev: Domain | null, values: Iterable<number>): Domain | null {
  let lo = prev ? prev[0] : Infinity;
  let hi = prev ? prev[1] : -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Reset counts per key; reading one inside $derived subscribes to that key's resets. */
const epochs = new SvelteMap<string, number>();

export class StickyDomain {
  #extent: Domain | null = null;
  /** The epoch the extent was grown in; another epoch means a reset happened since. */
  #epoch = 0;

  constructor(readonly key: string) {}

  /**
   * The domain holding every finite value of `groups` and every value passed
   * since the last reset; null when no finite value has been seen since then.
   */
  domain(...groups: (Iterable<number> | null | undefined)[]): Domain | null {
    const epoch = epochs.get(this.key) ?? 0;
    if (epoch !== this.#epoch) {
      this.#extent = null;
      this.#epoch = epoch;
    }
    for (const g of groups) if (g) this.#extent = grow(this.#extent, g);
    return this.#extent;
  }

  /** The domain as it stands, without adding values (null after a reset until values arrive). */
  peek(): Domain | null {
    return (epochs.get(this.key) ?? 0) === this.#epoch ? this.#extent : null;
  }

  /** Forget what was seen: the next domain() fits the values it is given. */
  reset(): void {
    epochs.set(this.key, (epochs.get(this.key) ?? 0) + 1);
  }
}

const registry = new Map<string, StickyDomain>();

/** The page's sticky domain for `key` (one per key: two charts with one key share their axis). */
export function stickyDomain(key: string): StickyDomain {
  let d = registry.get(key);
  if (!d) registry.set(key, (d = new StickyDomain(key)));
  return d;
}

/** Reset every sticky domain whose key starts with `prefix` (the lesson's Reset: `resetStickyDomains(slug)`). */
export function resetStickyDomains(prefix: string): void {
  for (const [key, d] of registry) if (key.startsWith(prefix)) d.reset();
}

/**
 * A linear axis's domain that starts at zero (bar lengths, counts, shares):
 * [0, the largest value seen], at least [0, minHi] so an all-zero chart
 * still has an axis.
 */
export function fromZero(d: Domain | null, minHi = 1): Domain {
  return [0, Math.max(d ? d[1] : 0, minHi)];
}
