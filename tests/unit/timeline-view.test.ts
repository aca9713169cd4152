// The timeline player's arithmetic: which span holds an instant, where the
// next and previous change is, what a span or mark highlights, playback rate.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Timeline, TimelineSpan } from '../../web/sim/timeline-types';
import {
  advance,
  changeTimes,
  defaultRate,
  markKey,
  marksAt,
  nextChange,
  prevChange,
  reasonsIn,
  spanAt,
  spanIndexAt,
  spanKey,
  spanKeys,
} from '../../web/lib/timeline-view';
import { WAKEUP } from '../harness/fixture';

const T0 = WAKEUP.start_ns;
const at = (us: number) => T0 + us * 1000;

/** A lane tiling [start, end]: sorted cut points, zero-length spans allowed. */
const laneArb = fc
  .record({
    start: fc.integer({ min: 0, max: 1_000_000 }),
    lengths: fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 40 }),
  })
  .filter(({ lengths }) => lengths.some((l) => l > 0))
  .map(({ start, lengths }) => {
    let t = start;
    const spans: TimelineSpan<string>[] = lengths.map((len, i) => {
      const s = { start_ns: t, end_ns: t + len, state: `s${i}` };
      t += len;
      return s;
    });
    return { spans, start, end: t };
  });

describe('spanIndexAt / spanAt', () => {
  it('names what the fixture lanes hold at a few instants, boundaries included', () => {
    const v0 = WAKEUP.vcpus[0];
    expect(spanAt(v0, at(0))?.state).toBe('guest');
    expect(spanAt(v0, at(8))).toMatchObject({ state: 'exit', reason: 'HLT' }); // a boundary belongs to the later span
    expect(spanAt(v0, at(8.5))?.state).toBe('exit');
    expect(spanAt(v0, at(9))?.state).toBe('poll');
    expect(spanAt(v0, at(50))?.state).toBe('blocked');
    expect(spanAt(v0, at(120))?.state).toBe('guest'); // the window's end belongs to the last span
    expect(spanAt(WAKEUP.pcpus[1], at(45))?.state).toBe('other');
    expect(spanIndexAt(v0, at(-1))).toBe(-1);
    expect(spanIndexAt(v0, at(121))).toBe(-1);
    expect(spanIndexAt([], at(5))).toBe(-1);
  });

  it('always returns the span containing t, for any tiling lane and any t in it', () => {
    fc.assert(
      fc.property(
        laneArb.chain((lane) => fc.tuple(fc.constant(lane), fc.integer({ min: lane.start, max: lane.end }))),
        ([{ spans, end }, t]) => {
          const i = spanIndexAt(spans, t);
          expect(i).toBeGreaterThanOrEqual(0);
          const s = spans[i];
          expect(s.start_ns).toBeLessThanOrEqual(t);
          if (t === end) expect(i).toBe(spans.length - 1);
          else expect(t).toBeLessThan(s.end_ns);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns -1 outside the lane and in a gap between spans', () => {
    fc.assert(
      fc.property(laneArb, fc.integer({ min: 1, max: 1000 }), ({ spans, start, end }, d) => {
        expect(spanIndexAt(spans, start - d)).toBe(-1);
        expect(spanIndexAt(spans, end + d)).toBe(-1);
      }),
    );
    const gap: TimelineSpan<string>[] = [
      { start_ns: 0, end_ns: 10, state: 'a' },
      { start_ns: 20, end_ns: 30, state: 'b' },
    ];
    expect(spanIndexAt(gap, 10)).toBe(-1);
    expect(spanIndexAt(gap, 15)).toBe(-1);
    expect(spanIndexAt(gap, 20)).toBe(1);
  });
});

describe('changeTimes / nextChange / prevChange', () => {
  it('lists every span boundary and mark of the window once, in order', () => {
    const times = changeTimes(WAKEUP);
    expect(times[0]).toBe(WAKEUP.start_ns);
    expect(times.at(-1)).toBe(WAKEUP.end_ns);
    for (const lane of [...WAKEUP.vcpus, ...WAKEUP.pcpus]) for (const s of lane) expect(times).toContain(s.start_ns);
    for (const m of WAKEUP.marks) expect(times).toContain(m.t_ns);
    expect(times).toContain(at(98)); // the kick, on no span boundary
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
  });

  it('leaves out what lies outside the window', () => {
    const tl: Timeline = { ...WAKEUP, marks: [...WAKEUP.marks, { t_ns: WAKEUP.end_ns + 5, vcpu: 0, kind: 'kick' }] };
    expect(changeTimes(tl)).not.toContain(WAKEUP.end_ns + 5);
  });

  it('stepping forward from the start visits every change in order; stepping back retraces them', () => {
    const times = changeTimes(WAKEUP);
    const fwd = [times[0]];
    while (fwd.at(-1)! < times.at(-1)!) fwd.push(nextChange(times, fwd.at(-1)!));
    expect(fwd).toEqual(times);
    const back = [times.at(-1)!];
    while (back.at(-1)! > times[0]) back.push(prevChange(times, back.at(-1)!));
    expect(back).toEqual([...times].reverse());
  });

  it('next is the first change after t and prev the last before it, for any t', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: -100, max: 10_100 }), (raw, t) => {
        const times = [...raw].sort((a, b) => a - b);
        const n = nextChange(times, t);
        const p = prevChange(times, t);
        if (t < times.at(-1)!) {
          expect(n).toBeGreaterThan(t);
          expect(times.some((x) => x > t && x < n)).toBe(false);
        } else expect(n).toBe(times.at(-1));
        if (t > times[0]) {
          expect(p).toBeLessThan(t);
          expect(times.some((x) => x < t && x > p)).toBe(false);
        } else expect(p).toBe(times[0]);
      }),
    );
  });

  it('marksAt finds the marks at exactly an instant', () => {
    expect(marksAt(WAKEUP.marks, at(104.5)).map((m) => m.kind)).toEqual(['inject', 'entry']);
    expect(marksAt(WAKEUP.marks, at(104.4))).toEqual([]);
  });
});

describe('highlight keys', () => {
  it('a span with an exit reason highlights the reason, else its state', () => {
    expect(spanKey({ start_ns: 0, end_ns: 1, state: 'exit', reason: 'MSR_WRITE' })).toBe('exit:MSR_WRITE');
    expect(spanKey({ start_ns: 0, end_ns: 1, state: 'blocked' })).toBe('state:blocked');
    expect(spanKeys({ start_ns: 0, end_ns: 1, state: 'host', vcpu: 1, reason: 'HLT' }, 'pcpu:0')).toEqual(['state:host', 'pcpu:0', 'exit:HLT', 'vcpu:1']);
  });

  it('marks: exits and entries by reason, injections as irq_injections, kicks by vCPU', () => {
    expect(markKey({ t_ns: 0, vcpu: 1, kind: 'exit', reason: 'HLT' })).toBe('exit:HLT');
    expect(markKey({ t_ns: 0, vcpu: 1, kind: 'entry', reason: 'HLT' })).toBe('exit:HLT');
    expect(markKey({ t_ns: 0, vcpu: 1, kind: 'inject' })).toBe('stat:irq_injections');
    expect(markKey({ t_ns: 0, vcpu: 2, kind: 'kick' })).toBe('vcpu:2');
  });

  it('reasonsIn lists the window’s exit reasons once each, in order of first appearance', () => {
    expect(reasonsIn(WAKEUP)).toEqual(['HLT', 'EXTERNAL_INTERRUPT', 'MSR_WRITE']);
  });
});

describe('playback rate', () => {
  it('picks the smallest offered rate that plays the window in about ten seconds', () => {
    expect(defaultRate(120_000)).toBe(20); // 12 µs/s wanted
    expect(defaultRate(100_000)).toBe(10);
    expect(defaultRate(1)).toBe(0.1);
    expect(defaultRate(1e12)).toBe(50000);
  });

  it('advance: µs per second × ms is ns, clamped to the end', () => {
    expect(advance(1000, 100, 20, 1, 1e9)).toBe(3000); // 0.1 s at 20 µs/s = 2 µs
    expect(advance(1000, 100, 20, 0.25, 1e9)).toBe(1500);
    expect(advance(1000, 1e6, 20, 1, 5000)).toBe(5000);
  });
});
