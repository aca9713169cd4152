// Sticky chart domains (web/lib/sticky-domain.svelte.ts): between resets the
// domain holds every value seen and never shrinks; a reset makes it fit the
// values of the next call; keys are independent, and a prefix reset reaches
// only its own keys. Driven by random sequences of runs and resets, against
// a model that remembers every value.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fromZero, grow, resetStickyDomains, stickyDomain, StickyDomain } from '../../web/lib/sticky-domain.svelte';

const value = fc.double({ min: -1e12, max: 1e12, noNaN: true });
const values = fc.array(value, { maxLength: 12 });
/** What a chart passes: the current run's values and, maybe, the baseline's. */
const call = fc.record({ current: values, baseline: fc.option(values, { nil: null }) });
type Op = { kind: 'run'; current: number[]; baseline: number[] | null } | { kind: 'reset' };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: call.map((c) => ({ kind: 'run' as const, ...c })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

let next = 0;
/** A key no other test has used (the registry lives for the whole file). */
const freshKey = (prefix = 'test') => `${prefix}:${next++}`;

describe('sticky domain', () => {
  it('contains every value seen since the last reset, never shrinks, and fits the current values after a reset', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const d = stickyDomain(freshKey());
        let seen: number[] = [];
        let before: readonly [number, number] | null = null;
        let justReset = false;
        for (const o of ops) {
          if (o.kind === 'reset') {
            d.reset();
            seen = [];
            before = null;
            justReset = true;
            expect(d.peek()).toBeNull();
            continue;
          }
          const got = d.domain(o.current, o.baseline);
          const now = [...o.current, ...(o.baseline ?? [])];
          seen.push(...now);
          if (seen.length === 0) {
            expect(got).toBeNull();
            continue;
          }
          expect(got).not.toBeNull();
          const [lo, hi] = got!;
          // Every value since the last reset lies inside, and the bounds are values seen (no padding, no drift).
          for (const v of seen) expect(lo <= v && v <= hi).toBe(true);
          expect(lo).toBe(Math.min(...seen));
          expect(hi).toBe(Math.max(...seen));
          // Never shrinks between resets.
          if (before) expect(lo <= before[0] && hi >= before[1]).toBe(true);
          // The first run after a reset: exactly the current values' extent.
          if (justReset && now.length > 0) expect(got).toEqual([Math.min(...now), Math.max(...now)]);
          if (now.length > 0) justReset = false;
          before = got;
          expect(d.peek()).toEqual(got);
        }
      }),
    );
  });

  it('keeps the wider axis when a later run is smaller: the baseline stays on the axis', () => {
    const d = stickyDomain(freshKey());
    expect(d.domain([2_000, 5_730], [4_000, 9_000])).toEqual([2_000, 9_000]);
    // A smaller run, baseline unpinned: the axis does not zoom in.
    expect(d.domain([1_200, 1_690], null)).toEqual([1_200, 9_000]);
    d.reset();
    expect(d.domain([1_200, 1_690], null)).toEqual([1_200, 1_690]);
  });

  it('ignores values that are not finite', () => {
    const d = stickyDomain(freshKey());
    expect(d.domain([NaN, Infinity, -Infinity])).toBeNull();
    expect(d.domain([3, NaN], [Infinity, 7])).toEqual([3, 7]);
  });

  it('one domain per key; resetting one key or one prefix leaves the others', () => {
    fc.assert(
      fc.property(values, values, values, (a, b, c) => {
        const lesson = freshKey('lesson');
        const k1 = `${lesson}:latency`;
        const k2 = `${lesson}:exits`;
        const other = `${freshKey('lesson')}:latency`;
        expect(stickyDomain(k1)).toBe(stickyDomain(k1));
        for (const k of [k1, k2, other]) stickyDomain(k).domain([-1, 1], a);
        resetStickyDomains(`${lesson}:`);
        const fit = grow(null, b);
        expect(stickyDomain(k1).domain(b)).toEqual(fit);
        expect(stickyDomain(k2).domain(b)).toEqual(fit);
        // The other lesson's chart kept what it saw.
        expect(stickyDomain(other).domain(c)).toEqual(grow(grow([-1, 1], a), c));
      }),
    );
  });

  it('a domain made with new StickyDomain(key) shares resets with the registry’s for that key', () => {
    const key = freshKey();
    const mine = new StickyDomain(key);
    mine.domain([0, 10]);
    stickyDomain(key).reset();
    expect(mine.domain([4, 5])).toEqual([4, 5]);
  });

  it('fromZero: an axis from 0 to the largest value, never shorter than minHi', () => {
    expect(fromZero(null)).toEqual([0, 1]);
    expect(fromZero([3, 12])).toEqual([0, 12]);
    expect(fromZero([0, 0.2], 1)).toEqual([0, 1]);
    expect(fromZero([0, 0.2], 0.1)).toEqual([0, 0.2]);
  });
});
