// The window arithmetic alone, driven halt by halt, against an oracle written
// from kvm-facts §1.2 (kvm_vcpu_halt steps 3 and 10, grow/shrink).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rawCore } from './helpers';

const core = await rawCore();
const slot = (name: string) => {
  for (let i = 0; i < core.paramCount(); i++) if (core.paramName(i) === name) return i;
  throw new Error(name);
};

interface Knobs { max: number; grow: number; start: number; shrink: number }

function setKnobs(k: Knobs) {
  core.setParam(slot('halt_poll_ns'), k.max);
  core.setParam(slot('halt_poll_ns_grow'), k.grow);
  core.setParam(slot('halt_poll_ns_grow_start'), k.start);
  core.setParam(slot('halt_poll_ns_shrink'), k.shrink);
}

/** One halt: the window used, then the window after adapting to halt_ns. */
function oracle(window: number, haltNs: number, k: Knobs): [number, number] {
  let w = Math.min(window, k.max);
  const used = w;
  if (k.max === 0) return [used, 0];
  if (haltNs <= w) return [used, w];
  if (w !== 0 && haltNs > k.max) {
    w = k.shrink === 0 ? 0 : Math.floor(w / k.shrink);
    if (w < k.start) w = 0;
  } else if (w < k.max && haltNs < k.max && k.grow !== 0) {
    w = Math.max(w * k.grow, k.start);
  }
  return [used, w];
}

function drive(k: Knobs, halts: number[]): number[] {
  setKnobs(k);
  core.haltPollReset();
  return halts.map((h) => {
    const used = core.haltPollEnter(0);
    core.haltPollAdapt(0, h);
    return used;
  });
}

describe('halt-poll window arithmetic', () => {
  const defaults: Knobs = { max: 200000, grow: 2, start: 10000, shrink: 2 };

  it('grows 10 → 20 → 40 → 80 → 160 µs and clamps at the cap', () => {
    expect(drive(defaults, Array(8).fill(190000))).toEqual([0, 10000, 20000, 40000, 80000, 160000, 200000, 200000]);
  });

  it('a halt longer than the cap halves the window, and below grow_start it drops to 0', () => {
    const used = drive(defaults, [150000, 150000, 150000, 150000, 150000, 500000, 500000, 500000, 500000, 500000, 500000]);
    expect(used).toEqual([0, 10000, 20000, 40000, 80000, 160000, 80000, 40000, 20000, 10000, 0]);
  });

  it('halt_poll_ns_shrink=0 resets to 0 at once', () => {
    expect(drive({ ...defaults, shrink: 0 }, [150000, 150000, 150000, 500000, 150000])).toEqual([0, 10000, 20000, 40000, 0]);
  });

  it('a wake inside the window leaves it unchanged', () => {
    expect(drive(defaults, [150000, 150000, 5000, 5000, 5000])).toEqual([0, 10000, 20000, 20000, 20000]);
  });

  it('matches the kernel algorithm for any knobs and halt sequence', () => {
    fc.assert(
      fc.property(
        fc.record({
          max: fc.integer({ min: 0, max: 1_000_000 }),
          grow: fc.integer({ min: 0, max: 8 }),
          start: fc.integer({ min: 0, max: 100_000 }),
          shrink: fc.integer({ min: 0, max: 8 }),
        }),
        fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 60 }),
        (k, halts) => {
          let w = 0;
          const want = halts.map((h) => {
            const [used, next] = oracle(w, h, k);
            w = next;
            return used;
          });
          expect(drive(k, halts)).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });
});
