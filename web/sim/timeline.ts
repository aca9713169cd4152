// The run's timeline: which window the core records (each scenario's
// default), and the decoding of its trace buffer (assembly/sim/trace.ts)
// into lanes that tile the window. Nothing here computes a state: every span
// is the core's record from one change to the next.
import type { Params } from './schema';
import { exitReasonName } from './exit_reasons';
import { ParamError } from './validate';
import type {
  Timeline, TimelineMark, TimelineRequest, TimelineSpan, PcpuLaneState, VcpuLaneState, IrqVector,
} from './timeline-types';

/** The core's window start that waits for the workload's own "measurement starts" (after its warm-up). */
export const START_AT_MEASUREMENT = -2;

/** Largest start or duration accepted (about 104 days of simulated time: the ns stay exact in a double). */
export const TIMELINE_NS_MAX = Number.MAX_SAFE_INTEGER;

/** A window for the core: start_ns (START_AT_MEASUREMENT or >= 0) and duration_ns. */
export interface TimelineWindow {
  start_ns: number;
  duration_ns: number;
}

const US = 1_000;
const MS = 1_000_000;

/**
 * The window a scenario shows when the request leaves start or duration out:
 * where its measurement starts, long enough for a few of its characteristic
 * cycles at the given parameters.
 *
 * - ipi-hlt: from the end of the warm-up (the core marks it when the last
 *   warm-up wake-up reaches its handler), 3 × delay_ns + 50 µs: two or three
 *   full halt → IPI → wake-up rounds (each is delay_ns plus the wake-up).
 * - tcp-rr: from 5 ms (boot done, the halt-poll windows grown), 100 µs:
 *   four or five transactions at the defaults, each an IPI → HLT wake-up
 *   on either side; with host_tasks, 6 ms instead, so a host time slice of
 *   another task (`other`) and the vCPU waiting for its pCPU (`runnable`)
 *   are in it.
 * - idle: from 1 ms, three wake_interval_ns: about three timer wake-ups
 *   among long blocked stretches.
 * - cpu-bound: from 1 ms, two guest ticks (2 / guest_hz): the guest's tick
 *   exits, the host tick's EXTERNAL_INTERRUPT exits between them, and the
 *   host tasks' share when there are any.
 * - spinlock: from 5 ms, 10 ms: acquisitions, spinning, PAUSE exits and
 *   directed yields, and the host switching the 8 vCPUs on their 4 pCPUs.
 * - perf-stat: the whole run (it is short): programming, enable, the
 *   measured loop, disable, read.
 * - perf-record: from when perf record has armed its counter, about three
 *   samples: 3 × (period events at the loop's pace at the defaults, an
 *   instruction every ~8 ns or a cycle every ~0.5 ns, + 10 µs for the PMI's
 *   way through host, KVM and the guest's handler).
 * - vpmu-switch: from the first design that profiles (the first phase runs
 *   without perf as the baseline), 2 × switch_ns + 1 ms: two guest context
 *   switches with the PMIs and reprogramming between them.
 * - nic: from 2 ms (every client started), 1 ms: about four requests
 *   through the NIC's exits, the softirq and the two workers.
 * - disk: from 2 ms, 700 µs: about three records' submissions, waits and
 *   completion interrupts.
 *
 * A scenario not named here shows its first millisecond. A busy window can
 * fill the trace buffer first (Timeline.truncated).
 */
export function defaultTimelineWindow(scenario: string, p: Params): TimelineWindow {
  const n = (name: string) => Number(p[name]);
  switch (scenario) {
    case 'ipi-hlt': return { start_ns: START_AT_MEASUREMENT, duration_ns: 3 * n('delay_ns') + 50 * US };
    case 'tcp-rr': return { start_ns: 5 * MS, duration_ns: n('host_tasks') > 0 ? 6 * MS : 100 * US };
    case 'idle': return { start_ns: 1 * MS, duration_ns: 3 * n('wake_interval_ns') };
    case 'cpu-bound': return { start_ns: 1 * MS, duration_ns: Math.round(2e9 / n('guest_hz')) };
    case 'spinlock': return { start_ns: 5 * MS, duration_ns: 10 * MS };
    case 'perf-stat': return { start_ns: 0, duration_ns: TIMELINE_NS_MAX };
    case 'perf-record': return { start_ns: START_AT_MEASUREMENT, duration_ns: Math.round(3 * (n('period') * (p.event === 'cycles' ? 0.5 : 8) + 10 * US)) };
    case 'vpmu-switch': return { start_ns: START_AT_MEASUREMENT, duration_ns: 2 * n('switch_ns') + 1 * MS };
    case 'nic': return { start_ns: 2 * MS, duration_ns: 1 * MS };
    case 'disk': return { start_ns: 2 * MS, duration_ns: 700 * US };
    default: return { start_ns: 0, duration_ns: 1 * MS };
  }
}

/** The request checked (whole ns, 0 .. TIMELINE_NS_MAX, duration > 0) and its gaps filled with the scenario's defaults. */
export function timelineWindow(scenario: string, params: Params, req: TimelineRequest): TimelineWindow {
  const def = defaultTimelineWindow(scenario, params);
  const check = (name: 'start_ns' | 'duration_ns', v: unknown, min: number): number => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > TIMELINE_NS_MAX) {
      throw new ParamError({ code: 'bad_timeline', param: name, value: String(v), min, max: TIMELINE_NS_MAX, unit: 'ns' });
    }
    return v;
  };
  return {
    start_ns: req.start_ns === undefined ? def.start_ns : check('start_ns', req.start_ns, 0),
    duration_ns: req.duration_ns === undefined ? def.duration_ns : check('duration_ns', req.duration_ns, 1),
  };
}

/** What the decoder reads from the core (assembly/index.ts's timeline exports). */
export interface TimelineExports {
  memory: WebAssembly.Memory;
  maxPcpus(): number;
  maxVcpus(): number;
  timelineStartNs(): number;
  timelineEndNs(): number;
  timelineTruncated(): boolean | number;
  timelineCount(): number;
  timelineTimePtr(): number;
  timelineCodePtr(): number;
  timelineBaseTimePtr(): number;
  timelineBaseCodePtr(): number;
}

// The record's code, as assembly/sim/trace.ts packs it.
const REC_PCPU = 0;
const REC_VCPU = 1;
const REC_MARK = 2;
const PCPU_STATES: readonly PcpuLaneState[] = ['guest', 'host', 'poll', 'other', 'idle']; // hw/pcpu.ts MODE_*
const VCPU_STATES: readonly VcpuLaneState[] = ['guest', 'exit', 'poll', 'blocked', 'runnable']; // sim/trace.ts LANE_*
const MARK_KINDS: readonly TimelineMark['kind'][] = ['exit', 'entry', 'inject', 'kick']; // sim/trace.ts MARK_*
const VECTORS: Record<number, IrqVector> = { 1: 'ipi', 2: 'timer', 4: 'pmi', 8: 'device' }; // hw/irq.ts IRQ_*

interface Rec {
  t: number;
  /** Order written: records at the same time apply in this order. */
  seq: number;
  kind: number;
  index: number;
  state: number;
  vcpu: number;
  detail: number;
}

function unpack(t: number, seq: number, code: number): Rec {
  return {
    t,
    seq,
    kind: (code >>> 28) & 0xf,
    index: (code >>> 24) & 0xf,
    state: (code >>> 16) & 0xff,
    vcpu: ((code >>> 8) & 0xff) - 1,
    detail: (code & 0xff) - 1,
  };
}

const byTime = (a: Rec, b: Rec) => a.t - b.t || a.seq - b.seq;

/** The core's trace of the latest run as lanes and marks; `svm` names exits as an SVM host's tracepoints do. */
export function readTimeline(w: TimelineExports, pcpus: number, vcpus: number, svm: boolean): Timeline {
  const mem = w.memory.buffer;
  const start = w.timelineStartNs();
  const end = w.timelineEndNs();
  const n = w.timelineCount();
  const times = new BigInt64Array(mem, w.timelineTimePtr(), n);
  const codes = new Int32Array(mem, w.timelineCodePtr(), n);
  const maxP = w.maxPcpus();
  const laneCount = maxP + w.maxVcpus();
  const baseTimes = new BigInt64Array(mem, w.timelineBaseTimePtr(), laneCount);
  const baseCodes = new Int32Array(mem, w.timelineBaseCodePtr(), laneCount);

  const pRecs: Rec[][] = Array.from({ length: pcpus }, () => []);
  const vRecs: Rec[][] = Array.from({ length: vcpus }, () => []);
  const markRecs: Rec[] = [];
  for (let i = 0; i < n; i++) {
    const t = Number(times[i]);
    if (t < start || t >= end) continue; // after a cut, records written earlier for later times
    const r = unpack(t, i, codes[i]);
    if (r.kind === REC_PCPU && r.index < pcpus) pRecs[r.index].push(r);
    else if (r.kind === REC_VCPU && r.index < vcpus) vRecs[r.index].push(r);
    else if (r.kind === REC_MARK && r.index < vcpus) markRecs.push(r);
  }
  const base = (lane: number): Rec | undefined => {
    const t = Number(baseTimes[lane]);
    return t < 0 ? undefined : unpack(t, -1, baseCodes[lane]);
  };
  const reason = (code: number) => (code >= 0 ? exitReasonName(code, svm) : undefined);

  const pcpuSpan = (r: Rec, s: number, e: number): TimelineSpan<PcpuLaneState> => {
    const state = PCPU_STATES[r.state];
    const span: TimelineSpan<PcpuLaneState> = { start_ns: s, end_ns: e, state };
    if ((state === 'guest' || state === 'host' || state === 'poll') && r.vcpu >= 0) span.vcpu = r.vcpu;
    if (state === 'host' && r.vcpu >= 0 && r.detail >= 0) span.reason = reason(r.detail);
    return span;
  };
  const vcpuSpan = (r: Rec, s: number, e: number): TimelineSpan<VcpuLaneState> => {
    const state = VCPU_STATES[r.state];
    const span: TimelineSpan<VcpuLaneState> = { start_ns: s, end_ns: e, state };
    if (state === 'exit' && r.detail >= 0) span.reason = reason(r.detail);
    return span;
  };

  const marks: TimelineMark[] = markRecs.sort(byTime).map((r) => {
    const kind = MARK_KINDS[r.state];
    const m: TimelineMark = { t_ns: r.t, vcpu: r.index, kind };
    if ((kind === 'exit' || kind === 'entry') && r.detail >= 0) m.reason = reason(r.detail);
    if ((kind === 'inject' || kind === 'kick') && VECTORS[r.detail]) m.vector = VECTORS[r.detail];
    return m;
  });

  return {
    start_ns: start,
    end_ns: end,
    pcpus: pRecs.map((recs, p) => tile(`pCPU ${p}`, base(p), recs, start, end, pcpuSpan)),
    vcpus: vRecs.map((recs, v) => tile(`vCPU ${v}`, base(maxP + v), recs, start, end, vcpuSpan)),
    marks,
    truncated: Boolean(w.timelineTruncated()),
  };
}

/** One lane: the state at `start`, then each change in time order; equal neighbours merged, empty spans dropped. */
function tile<S extends string>(
  name: string, initial: Rec | undefined, recs: Rec[], start: number, end: number,
  span: (r: Rec, s: number, e: number) => TimelineSpan<S>,
): TimelineSpan<S>[] {
  const out: TimelineSpan<S>[] = [];
  const push = (r: Rec | undefined, s: number, e: number) => {
    if (e <= s) return;
    // Every lane is recorded from the run's first nanosecond: a lane without a state is a core bug.
    if (!r) throw new Error(`timeline: ${name} has no state at ${s} ns`);
    const next = span(r, s, e);
    const last = out[out.length - 1];
    if (last && last.state === next.state && last.vcpu === next.vcpu && last.reason === next.reason) last.end_ns = e;
    else out.push(next);
  };
  let cur = initial;
  let from = start;
  for (const r of recs.sort(byTime)) {
    push(cur, from, r.t);
    if (r.t > from) from = r.t;
    cur = r;
  }
  push(cur, from, end);
  return out;
}
