import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rawCore } from './helpers';

const core = await rawCore();

describe('event queue', () => {
  it('pops events in time order, FIFO among equal times (against a stable sort)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 0, maxLength: 400 }), (times) => {
        core.queueReset();
        times.forEach((t, tag) => core.queuePush(t, tag));
        const expected = times.map((t, tag) => ({ t, tag })).sort((a, b) => a.t - b.t).map((e) => e.tag);
        const got: number[] = [];
        for (let v = core.queuePop(); v !== -1; v = core.queuePop()) got.push(v);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps order when pushes and pops interleave', () => {
    // ops: a number pushes at (last popped time + n); null pops.
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), { maxLength: 500 }), (ops) => {
        core.queueReset();
        const ref: { t: number; seq: number; tag: number }[] = [];
        let seq = 0;
        let now = 0;
        for (const op of ops) {
          if (op === null) {
            ref.sort((a, b) => a.t - b.t || a.seq - b.seq);
            const want = ref.shift();
            const got = core.queuePop();
            expect(got).toBe(want ? want.tag : -1);
            if (want) now = want.t;
          } else {
            const tag = seq;
            ref.push({ t: now + op, seq: seq++, tag });
            core.queuePush(now + op, tag);
          }
        }
        expect(core.queueLength()).toBe(ref.length);
      }),
      { numRuns: 200 },
    );
  });

  it('the hold benchmark is deterministic for a seed', () => {
    expect(core.queueHold(100000, 1000, 7)).toBe(core.queueHold(100000, 1000, 7));
    expect(core.queueHold(100000, 1000, 7)).not.toBe(core.queueHold(100000, 1000, 8));
  });
});
