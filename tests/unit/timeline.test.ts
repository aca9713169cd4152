// The run's timeline (assembly/sim/trace.ts, web/sim/timeline.ts): lanes
// that tile the window, pCPU and vCPU views that agree, the same trace for
// the same request, every other figure unchanged by recording it, and what
// the lessons point at: blocked vs polling after an HLT exit, overcommit's
// other tasks and runnable vCPUs, a busy guest's EXTERNAL_INTERRUPT exits.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadCore } from '../../web/sim/node';
import { PARAMS, SCENARIOS, type IntParam } from '../../web/sim/schema';
import { ParamError } from '../../web/sim/validate';
import { defaultTimelineWindow, START_AT_MEASUREMENT } from '../../web/sim/timeline';
import type { RunRequest, RunResult, PcpuTime } from '../../web/sim/core';
import type { Timeline, TimelineSpan, TimelineRequest } from '../../web/sim/timeline-types';
import { main } from '../../cli/main';
import { hostConsistent } from './helpers';

const core = await loadCore();
const wasm = (core as unknown as { wasm: { timelineCapacity(): number; timelineCount(): number } }).wasm;

/** Any parameter set the schema accepts, with run sizes kept small. */
function paramsArb(names: readonly string[]) {
  const shape: Record<string, fc.Arbitrary<number | string>> = {};
  for (const n of names) {
    const p = PARAMS[n];
    if (p.kind === 'enum') shape[n] = fc.constantFrom(...p.options);
    else if (n === 'iterations') shape[n] = fc.integer({ min: 1, max: 60 });
    else if (n === 'warmup') shape[n] = fc.integer({ min: 0, max: 10 });
    else if (n === 'duration_ns') shape[n] = fc.integer({ min: 1_000_000, max: 6_000_000 });
    else if (n === 'loop_iterations') shape[n] = fc.integer({ min: 1, max: 20_000 });
    else if (n === 'samples') shape[n] = fc.integer({ min: 100, max: 300 });
    else if (n === 'phase_work_ns') shape[n] = fc.integer({ min: 1_000_000, max: 3_000_000 });
    else shape[n] = fc.integer({ min: (p as IntParam).min, max: (p as IntParam).max });
  }
  return fc.record(shape).map(hostConsistent);
}

/** A request: the scenario's default window, or start and/or duration given. */
const requestArb: fc.Arbitrary<TimelineRequest> = fc.record(
  {
    // Mostly early (many random runs last only a millisecond or two), sometimes anywhere.
    start_ns: fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 4_000_000 })),
    duration_ns: fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 2_000, max: 3_000_000 })),
  },
  { requiredKeys: [] },
);

const caseArb = fc.constantFrom(...SCENARIOS).chain((spec) =>
  fc.record({
    scenario: fc.constant(spec.name),
    params: paramsArb(spec.params),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    timeline: requestArb,
  }),
);

const MAX_EVENTS = 400_000;

function traced(req: RunRequest): { r: RunResult; t: Timeline } {
  const r = core.run({ maxEvents: MAX_EVENTS, ...req });
  expect(r.timeline).toBeDefined();
  return { r, t: r.timeline! };
}

/** Each lane starts at start_ns, ends at end_ns, every span follows the last with no gap or overlap, and no two neighbours are the same. */
function expectTiles(t: Timeline, lanes: TimelineSpan<string>[][]): void {
  for (const lane of lanes) {
    if (t.end_ns === t.start_ns) {
      expect(lane).toEqual([]);
      continue;
    }
    expect(lane[0].start_ns).toBe(t.start_ns);
    expect(lane[lane.length - 1].end_ns).toBe(t.end_ns);
    lane.forEach((s, i) => {
      expect(s.end_ns).toBeGreaterThan(s.start_ns);
      if (i === 0) return;
      const prev = lane[i - 1];
      expect(s.start_ns).toBe(prev.end_ns);
      expect(s.state === prev.state && s.vcpu === prev.vcpu && s.reason === prev.reason).toBe(false);
    });
  }
}

type Iv = [number, number];
/** Intervals sorted and joined where they touch. */
function union(xs: Iv[]): Iv[] {
  const out: Iv[] = [];
  for (const x of [...xs].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && last[1] >= x[0]) last[1] = Math.max(last[1], x[1]);
    else out.push([x[0], x[1]]);
  }
  return out;
}

const spans = (lane: TimelineSpan<string>[], state: string): Iv[] => lane.filter((s) => s.state === state).map((s) => [s.start_ns, s.end_ns]);
/** Where the pCPU lanes show `state` for vCPU v's thread. */
const onPcpus = (t: Timeline, state: string, v: number): Iv[] =>
  t.pcpus.flatMap((lane) => lane.filter((s) => s.state === state && s.vcpu === v).map((s): Iv => [s.start_ns, s.end_ns]));
const total = (xs: Iv[]) => xs.reduce((a, [s, e]) => a + e - s, 0);

/** The lane's state at time x (the span holding it). */
function at<S extends string>(lane: TimelineSpan<S>[], x: number): TimelineSpan<S> {
  const s = lane.find((sp) => sp.start_ns <= x && x < sp.end_ns);
  if (!s) throw new Error(`no span at ${x}`);
  return s;
}

const withoutTimeline = (r: RunResult) => JSON.stringify({ ...r, timeline: undefined });

describe('timeline invariants (random scenarios, parameters, seeds and windows)', () => {
  it('lanes tile the window; pCPU time inside it never exceeds the run\'s; the pCPU and vCPU views agree; the same request gives the same trace', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { r, t } = traced(c);
        expect(t.pcpus.length).toBe(r.pcpu.length);
        expect(t.vcpus.length).toBe(r.exits_per_vcpu.length);
        expect(t.start_ns).toBeGreaterThanOrEqual(0);
        expect(t.end_ns).toBeGreaterThanOrEqual(t.start_ns);
        expect(t.end_ns).toBeLessThanOrEqual(r.sim_time_ns);
        if (c.timeline.start_ns !== undefined) expect(t.start_ns).toBe(Math.min(c.timeline.start_ns, r.sim_time_ns));
        if (c.timeline.duration_ns !== undefined) expect(t.end_ns - t.start_ns).toBeLessThanOrEqual(c.timeline.duration_ns);
        if (!t.truncated && c.timeline.duration_ns !== undefined) {
          expect(t.end_ns).toBe(Math.min(t.start_ns + c.timeline.duration_ns, r.sim_time_ns));
        }
        expectTiles(t, t.pcpus);
        expectTiles(t, t.vcpus);

        // Inside the window a pCPU spends no more time in a mode than in the whole run.
        t.pcpus.forEach((lane, p) => {
          for (const mode of ['guest', 'host', 'poll', 'other', 'idle'] as const) {
            expect(total(spans(lane, mode))).toBeLessThanOrEqual(r.pcpu[p][`${mode}_ns` as keyof PcpuTime]);
          }
          for (const s of lane) {
            if (s.state === 'idle' || s.state === 'other') expect(s.vcpu).toBeUndefined();
            if (s.reason !== undefined) expect(s.state).toBe('host');
          }
        });

        // A vCPU is in guest mode exactly where a pCPU runs its thread in guest mode; likewise polling, and its exits are that pCPU's host time.
        t.vcpus.forEach((lane, v) => {
          expect(union(spans(lane, 'guest'))).toEqual(union(onPcpus(t, 'guest', v)));
          expect(union(spans(lane, 'poll'))).toEqual(union(onPcpus(t, 'poll', v)));
          expect(union(spans(lane, 'exit'))).toEqual(union(onPcpus(t, 'host', v)));
          for (const s of lane) if (s.reason !== undefined) expect(s.state).toBe('exit');
        });

        // Marks lie inside the window, in time order, on vCPUs that exist; exits name their reason.
        t.marks.forEach((m, i) => {
          expect(m.t_ns).toBeGreaterThanOrEqual(t.start_ns);
          expect(m.t_ns).toBeLessThan(t.end_ns);
          if (i > 0) expect(m.t_ns).toBeGreaterThanOrEqual(t.marks[i - 1].t_ns);
          expect(m.vcpu).toBeLessThan(t.vcpus.length);
          if (m.kind === 'exit') expect(typeof m.reason).toBe('string');
          if (m.kind === 'inject' || m.kind === 'kick') expect(['ipi', 'timer', 'pmi', 'device']).toContain(m.vector);
          // An exit mark is where that vCPU's lane is in an exit, handling that exit (a run of back-to-back exits shows the first).
          if (m.kind === 'exit') expect(at(t.vcpus[m.vcpu], m.t_ns).state).toBe('exit');
        });

        // The same request, the same trace, to the byte.
        expect(JSON.stringify(core.run({ maxEvents: MAX_EVENTS, ...c }))).toBe(JSON.stringify(r));

        // A default start (some wait for the workload's measurement to begin) records what that start given outright does.
        if (c.timeline.start_ns === undefined && t.end_ns > t.start_ns) {
          const again = traced({ ...c, timeline: { start_ns: t.start_ns, duration_ns: t.end_ns - t.start_ns } }).t;
          expect({ ...again, truncated: t.truncated }).toEqual(t);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('recording changes no other figure: a run with a timeline, without it, is byte for byte the run without one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const off = core.run({ maxEvents: MAX_EVENTS, ...c, timeline: undefined });
        expect(off.timeline).toBeUndefined();
        expect(JSON.stringify(off)).not.toContain('"timeline"');
        const on = core.run({ maxEvents: MAX_EVENTS, ...c });
        expect(withoutTimeline(on)).toBe(JSON.stringify(off));
      }),
      { numRuns: 60 },
    );
  });
});

describe('recording changes no figure of any scenario at its defaults', () => {
  for (const spec of SCENARIOS) {
    it(`${spec.name}: the output with a timeline (its default window, and the whole first 50 ms) is the output without one`, () => {
      const off = JSON.stringify(core.run({ scenario: spec.name, samples: true }));
      for (const timeline of [{}, { start_ns: 0, duration_ns: 50_000_000 }]) {
        const on = core.run({ scenario: spec.name, samples: true, timeline });
        expect(on.timeline!.end_ns).toBeGreaterThan(on.timeline!.start_ns);
        expect(withoutTimeline(on)).toBe(off);
      }
      // And a run without one after a run with one records nothing.
      expect(JSON.stringify(core.run({ scenario: spec.name, samples: true }))).toBe(off);
    });
  }
});

describe('ipi-hlt: what vCPU0 does between its HLT exit and the IPI', () => {
  /** For each kick of vCPU0 in the window, the lane's spans from the HLT exit before it to the entry after it. */
  function wakeups(t: Timeline) {
    const lane = t.vcpus[0];
    const kicks = t.marks.filter((m) => m.vcpu === 0 && m.kind === 'kick');
    return kicks
      .map((k) => {
        const i = lane.findIndex((s) => s.start_ns <= k.t_ns && k.t_ns < s.end_ns);
        let hlt = i - 1;
        while (hlt >= 0 && !(lane[hlt].state === 'exit' && lane[hlt].reason === 'HLT')) hlt--;
        const entry = lane.findIndex((s, j) => j > i && s.state === 'guest');
        return { kick: k.t_ns, hlt, i, path: lane.slice(hlt, entry + 1) };
      })
      .filter((w) => w.hlt >= 0 && w.path.length > 0 && w.path[w.path.length - 1].state === 'guest');
  }

  it('with halt_poll_ns=0 vCPU0 is blocked from the end of its HLT exit to the kick, then runnable, then back through the HLT exit to the guest', () => {
    const { t } = traced({ scenario: 'ipi-hlt', params: { halt_poll_ns: 0 }, timeline: {} });
    const ws = wakeups(t);
    expect(ws.length).toBeGreaterThanOrEqual(2);
    for (const w of ws) {
      expect(w.path.map((s) => s.state)).toEqual(['exit', 'blocked', 'runnable', 'exit', 'guest']);
      const blocked = w.path[1];
      expect(blocked.end_ns).toBe(w.kick); // the kick ends the sleep: kvm_vcpu_kick wakes the thread
      expect(w.path[3].reason).toBe('HLT'); // the wake-up path is still the HLT exit's (kvm_exit to kvm_entry)
      // Its pCPU idles while it sleeps; nothing polls.
      expect(at(t.pcpus[0], blocked.start_ns + (blocked.end_ns - blocked.start_ns) / 2).state).toBe('idle');
    }
    expect(spans(t.vcpus[0], 'poll')).toEqual([]);
    expect(t.marks.some((m) => m.vcpu === 0 && m.kind === 'inject' && m.vector === 'ipi')).toBe(true);
  });

  it('with the default halt polling vCPU0 polls instead: the poll spans the kick, nothing blocks, its pCPU polls for it', () => {
    const { t } = traced({ scenario: 'ipi-hlt', timeline: {} });
    const ws = wakeups(t);
    expect(ws.length).toBeGreaterThanOrEqual(2);
    for (const w of ws) {
      expect(w.path.map((s) => s.state)).toEqual(['exit', 'poll', 'exit', 'guest']);
      expect(w.path[1].start_ns).toBeLessThan(w.kick);
      expect(w.path[1].end_ns).toBeGreaterThan(w.kick); // the poller sees the interrupt a little after it is sent
      expect(at(t.pcpus[0], w.kick)).toMatchObject({ state: 'poll', vcpu: 0 });
    }
    expect(spans(t.vcpus[0], 'blocked')).toEqual([]);
  });

  it('the default window starts where the measurement does: after the warm-up wake-ups', () => {
    const full = traced({ scenario: 'ipi-hlt', params: { iterations: 20, warmup: 5 }, timeline: { start_ns: 0, duration_ns: 1e12 } }).t;
    const def = traced({ scenario: 'ipi-hlt', params: { iterations: 20, warmup: 5 }, timeline: {} }).t;
    const kicksBefore = full.marks.filter((m) => m.vcpu === 0 && m.kind === 'kick' && m.t_ns < def.start_ns).length;
    expect(kicksBefore).toBe(5);
    expect(traced({ scenario: 'ipi-hlt', params: { warmup: 0 }, timeline: {} }).t.start_ns).toBe(0);
    // Its default length follows delay_ns: three rounds' worth.
    expect(def.end_ns - def.start_ns).toBe(3 * 100_000 + 50_000);
    expect(defaultTimelineWindow('ipi-hlt', { delay_ns: 1_000_000 })).toEqual({ start_ns: START_AT_MEASUREMENT, duration_ns: 3_050_000 });
  });

  it('on an SVM host the exits carry SVM names', () => {
    const { t } = traced({ scenario: 'ipi-hlt', params: { host: 'zen3-5.15' }, timeline: {} });
    const reasons = new Set([...t.marks.map((m) => m.reason), ...t.vcpus.flat().map((s) => s.reason)].filter(Boolean));
    expect(reasons.has('hlt')).toBe(true);
    expect(reasons.has('msr')).toBe(true);
    expect(reasons.has('HLT')).toBe(false);
  });

  it('on bare metal the halted CPU idles and its lane shows it blocked: no exits, no entries', () => {
    const { t } = traced({ scenario: 'ipi-hlt', params: { virt: 'off' }, timeline: {} });
    expect(t.marks.filter((m) => m.kind === 'exit' || m.kind === 'entry')).toEqual([]);
    expect(new Set(t.vcpus.flat().map((s) => s.state))).toEqual(new Set(['guest', 'blocked']));
    expect(spans(t.vcpus[0], 'blocked').length).toBeGreaterThanOrEqual(2);
  });
});

describe('overcommit and busy guests', () => {
  it('tcp-rr with host_tasks=2 on 2 pCPUs: the other tasks run on both pCPUs and the vCPUs wait runnable', () => {
    const { r, t } = traced({ scenario: 'tcp-rr', params: { host_tasks: 2 }, timeline: {} });
    expect(r.params.pcpus).toBe(2);
    for (const lane of t.pcpus) expect(total(spans(lane, 'other'))).toBeGreaterThan(0);
    for (const lane of t.vcpus) expect(total(spans(lane, 'runnable'))).toBeGreaterThan(0);
    // Without them: no other task, and a vCPU is runnable only on its way back from a wake-up (a few µs each).
    const alone = traced({ scenario: 'tcp-rr', timeline: { start_ns: t.start_ns, duration_ns: t.end_ns - t.start_ns } }).t;
    for (const lane of alone.pcpus) expect(spans(lane, 'other')).toEqual([]);
    for (const [v, lane] of alone.vcpus.entries()) expect(total(spans(lane, 'runnable'))).toBeLessThan(total(spans(t.vcpus[v], 'runnable')) / 10);
  });

  it('cpu-bound: the vCPU is in the guest nearly all the time, and most of its exits are the host tick\'s EXTERNAL_INTERRUPT', () => {
    const { t } = traced({ scenario: 'cpu-bound', timeline: {} });
    const width = t.end_ns - t.start_ns;
    expect(total(spans(t.vcpus[0], 'guest')) / width).toBeGreaterThan(0.95);
    const exits = t.marks.filter((m) => m.kind === 'exit');
    const ext = exits.filter((m) => m.reason === 'EXTERNAL_INTERRUPT').length;
    expect(ext).toBeGreaterThanOrEqual(Math.floor(width / 1_000_000) - 1); // host_hz 1000: one tick a millisecond
    expect(ext / exits.length).toBeGreaterThan(0.8);
    expect(new Set(t.vcpus[0].map((s) => s.state))).toEqual(new Set(['guest', 'exit']));
  });
});

describe('each scenario\'s default window shows a few of its cycles', () => {
  const count = (t: Timeline, f: (m: Timeline['marks'][number]) => boolean) => t.marks.filter(f).length;
  const cases: [string, Record<string, unknown>, (t: Timeline) => void][] = [
    ['ipi-hlt', {}, (t) => expect(count(t, (m) => m.vcpu === 0 && m.kind === 'kick')).toBeGreaterThanOrEqual(2)],
    ['tcp-rr', {}, (t) => expect(count(t, (m) => m.kind === 'kick')).toBeGreaterThanOrEqual(6)],
    ['tcp-rr', { halt_poll_ns: 0 }, (t) => expect(count(t, (m) => m.kind === 'kick')).toBeGreaterThanOrEqual(4)],
    ['idle', {}, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'timer')).toBeGreaterThanOrEqual(2)],
    ['cpu-bound', {}, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'timer')).toBeGreaterThanOrEqual(1)],
    ['spinlock', {}, (t) => expect(count(t, (m) => m.reason === 'PAUSE_INSTRUCTION' && m.kind === 'exit')).toBeGreaterThanOrEqual(10)],
    ['perf-stat', {}, (t) => expect(count(t, (m) => m.kind === 'exit' && m.reason === 'MSR_WRITE')).toBeGreaterThanOrEqual(8)],
    ['perf-record', {}, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'pmi')).toBeGreaterThanOrEqual(2)],
    ['perf-record', { event: 'cycles' }, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'pmi')).toBeGreaterThanOrEqual(2)],
    ['vpmu-switch', {}, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'pmi')).toBeGreaterThanOrEqual(4)],
    ['nic', {}, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'device')).toBeGreaterThanOrEqual(3)],
    ['disk', {}, (t) => expect(count(t, (m) => m.kind === 'inject' && m.vector === 'device')).toBeGreaterThanOrEqual(2)],
  ];
  for (const [scenario, params, check] of cases) {
    it(`${scenario} ${JSON.stringify(params)}`, () => {
      const { t } = traced({ scenario, params, timeline: {} });
      expect(t.truncated).toBe(false);
      check(t);
    });
  }
  it('a scenario\'s default window is used for whichever of start and duration the request leaves out', () => {
    const def = defaultTimelineWindow('tcp-rr', { host_tasks: 0 });
    expect(traced({ scenario: 'tcp-rr', timeline: { start_ns: 7_000_000 } }).t).toMatchObject({ start_ns: 7_000_000, end_ns: 7_000_000 + def.duration_ns });
    expect(traced({ scenario: 'tcp-rr', timeline: { duration_ns: 1234 } }).t).toMatchObject({ start_ns: def.start_ns, end_ns: def.start_ns + 1234 });
  });
});

describe('window edges', () => {
  it('a window the trace buffer cannot hold is cut where every lane is still complete, and says so', () => {
    // Records written late for a time already passed (a poller's wake-up, an entry whose dispatch was
    // timed into it) must still land before the cut: what was kept is exactly what a window ending there records.
    const cases: RunRequest[] = [
      { scenario: 'spinlock', timeline: { start_ns: 0, duration_ns: 400_000_000 } },
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): RunRequest => ({ scenario: 'tcp-rr', seed, timeline: { start_ns: seed * 1_000_000, duration_ns: 90_000_000 } })),
      ...[1, 2, 3, 4].map((seed): RunRequest => ({ scenario: 'tcp-rr', seed, params: { host: 'spr-6.x', vcpus: 4, pcpus: 2 }, timeline: { start_ns: 0, duration_ns: 90_000_000 } })),
    ];
    for (const req of cases) {
      const { r, t } = traced(req);
      expect(t.truncated).toBe(true);
      expect(t.end_ns).toBeLessThan(r.sim_time_ns);
      expect(t.end_ns).toBeGreaterThan(t.start_ns);
      expect(wasm.timelineCount()).toBeLessThanOrEqual(wasm.timelineCapacity());
      expectTiles(t, t.pcpus);
      expectTiles(t, t.vcpus);
      const short = traced({ ...req, timeline: { start_ns: t.start_ns, duration_ns: t.end_ns - t.start_ns } }).t;
      expect(short.truncated).toBe(false);
      expect({ ...short, truncated: true }).toEqual(t);
    }
  });

  it('a window past the run\'s end is cut to it; one that starts after it is empty', () => {
    const { r, t } = traced({ scenario: 'ipi-hlt', params: { iterations: 5, warmup: 0 }, timeline: { start_ns: 0, duration_ns: 1e15 } });
    expect(t.end_ns).toBe(r.sim_time_ns);
    expect(t.truncated).toBe(false);
    const late = traced({ scenario: 'ipi-hlt', params: { iterations: 5, warmup: 0 }, timeline: { start_ns: 1e13 } }).t;
    expect(late).toEqual({ start_ns: r.sim_time_ns, end_ns: r.sim_time_ns, pcpus: [[], []], vcpus: [[], []], marks: [], truncated: false });
  });

  it('a window inside an exit starts with that exit\'s state: the lanes never begin empty', () => {
    // 1 ns windows across the first wake-up: each lane is one span of the state there.
    const full = traced({ scenario: 'ipi-hlt', params: { warmup: 0, iterations: 5 }, timeline: { start_ns: 0, duration_ns: 300_000 } }).t;
    for (const s of full.vcpus[0]) {
      const x = s.start_ns + Math.floor((s.end_ns - s.start_ns) / 2);
      const one = traced({ scenario: 'ipi-hlt', params: { warmup: 0, iterations: 5 }, timeline: { start_ns: x, duration_ns: 1 } }).t;
      expect(one.vcpus[0]).toEqual([{ ...s, start_ns: x, end_ns: x + 1 }]);
    }
  });

  it('a bad window is refused with the problem as data', () => {
    for (const timeline of [{ start_ns: -1 }, { start_ns: 1.5 }, { duration_ns: 0 }, { duration_ns: Number.NaN }, { start_ns: 2 ** 60 }]) {
      expect(() => core.run({ scenario: 'ipi-hlt', timeline: timeline as TimelineRequest })).toThrow(ParamError);
    }
    try {
      core.run({ scenario: 'ipi-hlt', timeline: { duration_ns: 0 } });
    } catch (e) {
      expect((e as ParamError).problem).toMatchObject({ code: 'bad_timeline', param: 'duration_ns', value: '0', min: 1 });
    }
  });
});

describe('kvmplay run --timeline', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('puts the timeline in --json only when asked; the rest of the object is the same', async () => {
    const plain = await cli('run', 'ipi-hlt', 'iterations=50', '--json');
    const traced = await cli('run', 'ipi-hlt', 'iterations=50', '--timeline', '--json');
    expect(traced.code).toBe(0);
    const t = JSON.parse(traced.out);
    expect(t.timeline.vcpus).toHaveLength(2);
    expect(JSON.stringify({ ...t, timeline: undefined })).toBe(plain.out);
    expect(JSON.parse(plain.out).timeline).toBeUndefined();
  });

  it('takes start_ns:duration_ns, either side optional, and never swallows a parameter', async () => {
    const win = JSON.parse((await cli('run', 'ipi-hlt', '--timeline', '1000000:20000', 'iterations=50', '--json')).out).timeline;
    expect([win.start_ns, win.end_ns]).toEqual([1_000_000, 1_020_000]);
    const inline = JSON.parse((await cli('run', 'ipi-hlt', '--timeline=:20000', '--json', 'iterations=50')).out);
    expect(inline.timeline.end_ns - inline.timeline.start_ns).toBe(20_000);
    const param = JSON.parse((await cli('run', 'ipi-hlt', '--timeline', 'halt_poll_ns=0', 'iterations=50', '--json')).out);
    expect(param.params.halt_poll_ns).toBe(0);
    expect(param.timeline.end_ns - param.timeline.start_ns).toBe(350_000);
  });

  it('prints a summary of the window without --json', async () => {
    const r = await cli('run', 'ipi-hlt', 'iterations=50', 'halt_poll_ns=0', '--timeline');
    expect(r.out).toMatch(/^timeline [\d,]+ – [\d,]+ ns$/m);
    expect(r.out).toMatch(/^vCPU +guest +exit +poll +blocked +runnable +spans$/m);
    expect(r.out).toMatch(/^marks +exit \d+ +entry \d+ +inject \d+ +kick [1-9]/m);
  });

  it('refuses a malformed or out-of-range window in one line', async () => {
    const cases: [string, string][] = [
      ['--timeline=abc', "kvmplay: --timeline abc is not accepted: expected [start_ns]:[duration_ns], integers in ns, either left out for the scenario's default"],
      ['--timeline=5:0', 'kvmplay: timeline duration_ns=0 is not accepted: expected an integer 1 – 9007199254740991 ns'],
      ['--timeline=99999999999999999999:', 'kvmplay: timeline start_ns=99999999999999999999 is not accepted: expected an integer 0 – 9007199254740991 ns'],
    ];
    for (const [arg, msg] of cases) {
      const r = await cli('run', 'ipi-hlt', arg);
      expect(r.code).toBe(2);
      expect(r.err).toBe(msg);
    }
    const twice = await cli('run', 'ipi-hlt', '--timeline', '--timeline');
    expect(twice.err).toBe("kvmplay: option '--timeline' given more than once");
  });
});
