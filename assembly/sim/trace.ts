// The timeline's trace buffer: what every pCPU and vCPU was doing over a
// window of simulated time, recorded only when a run asks for it (the lower
// layers test `traceOn`, one branch, and record nothing otherwise; nothing
// here touches the model's state, so a traced run's figures are the same).
//
// A record is a time and a packed code: a pCPU lane's mode, a vCPU lane's
// state, or a mark (an exit, an entry, an injection, a kick). Records do not
// arrive in time order: some paths are timed to their end without events
// (a halt-poll's wake-up, a run of timer-MSR exits) and write a record ahead
// of the clock, and an entry whose interrupt dispatch was timed into it is
// seen after the fact. So a lane's state at the window's start is the record
// with the latest time before it (kept per lane, `base*`), the buffer holds
// records inside the window in the order written, and web/sim/timeline.ts
// sorts each lane by time.
import { now } from './engine';
import { MAX_VCPUS, MAX_PCPUS } from './stats';

export const TRACE_CAPACITY = 16384;
/**
 * Slots kept back when the buffer is nearly full. From then on only records
 * older than the cut (`cutNs`) are taken: the ones written late for a time
 * already passed, so every lane is complete up to the cut.
 */
const TRACE_RESERVE = 256;

export const REC_PCPU = 0;
export const REC_VCPU = 1;
export const REC_MARK = 2;

// vCPU lane states (web/sim/timeline-types.ts VcpuLaneState).
export const LANE_GUEST = 0;
export const LANE_EXIT = 1;
export const LANE_POLL = 2;
export const LANE_BLOCKED = 3;
export const LANE_RUNNABLE = 4;

// Marks.
export const MARK_EXIT = 0;
export const MARK_ENTRY = 1;
export const MARK_INJECT = 2;
export const MARK_KICK = 3;

/** A timeline was requested for this run: the lower layers record their changes. */
export let traceOn = false;

export const traceTime = new StaticArray<i64>(TRACE_CAPACITY);
export const traceCode = new StaticArray<i32>(TRACE_CAPACITY);
export let traceCount: i32 = 0;
/** Per lane (pCPUs, then vCPUs): the latest record before the window (time -1: none yet). */
export const baseTime = new StaticArray<i64>(MAX_PCPUS + MAX_VCPUS);
export const baseCode = new StaticArray<i32>(MAX_PCPUS + MAX_VCPUS);

let wantStart: i64 = -1; // -1: off; -2: where the workload says its measurement starts
let wantDuration: i64 = 0;
/** The window [startNs, endNs); startNs is i64.MAX until a deferred start is known. */
export let startNs: i64 = 0;
export let endNs: i64 = 0;
/** Set when the buffer filled: records from here on are missing. */
export let cutNs: i64 = i64.MAX_VALUE;
export let truncated = false;
// Before a deferred start: the latest lane record and mark seen (a start must follow both).
let latestLane: i64 = -1;
let latestMark: i64 = -1;

export const START_AT_MEASUREMENT = -2;

/** The window the next runs record: start -1 turns recording off, -2 waits for traceMeasureStart. */
export function traceRequest(start: i64, duration: i64): void {
  wantStart = start;
  wantDuration = duration > 0 ? duration : 0;
}

export function traceReset(): void {
  traceOn = wantStart != -1;
  traceCount = 0;
  baseTime.fill(-1);
  baseCode.fill(0);
  truncated = false;
  cutNs = i64.MAX_VALUE;
  latestLane = -1;
  latestMark = -1;
  if (wantStart >= 0) {
    startNs = wantStart;
    endNs = windowEnd(wantStart);
  } else {
    startNs = i64.MAX_VALUE;
    endNs = i64.MAX_VALUE;
  }
}

@inline function windowEnd(start: i64): i64 {
  return wantDuration > i64.MAX_VALUE - start ? i64.MAX_VALUE : start + wantDuration;
}

/**
 * The workload's measurement begins now (after its warm-up). A deferred
 * window starts here, or just after the latest record already written ahead
 * of the clock, so no lane or mark inside the window was lost before it.
 */
export function traceMeasureStart(): void {
  if (!traceOn || wantStart != START_AT_MEASUREMENT || startNs != i64.MAX_VALUE) return;
  let s = now;
  if (latestLane > s) s = latestLane;
  if (latestMark >= s) s = latestMark + 1;
  startNs = s;
  endNs = windowEnd(s);
}

/** At the run's end: the window stops where the run stopped (or where the buffer filled). */
export function traceFinish(simNs: i64): void {
  if (!traceOn) return;
  if (startNs > simNs) startNs = simNs;
  if (endNs > simNs) endNs = simNs;
  if (endNs > cutNs) endNs = cutNs;
  if (endNs < startNs) endNs = startNs;
}

@inline function pack(kind: i32, index: i32, state: i32, vcpu: i32, reason: i32): i32 {
  return (kind << 28) | (index << 24) | (state << 16) | ((vcpu + 1) << 8) | (reason + 1);
}

function put(t: i64, code: i32, lane: i32): void {
  if (t < startNs) {
    if (lane < 0) {
      if (t > latestMark) latestMark = t;
      return;
    }
    if (t > latestLane) latestLane = t;
    if (t >= unchecked(baseTime[lane])) {
      unchecked((baseTime[lane] = t));
      unchecked((baseCode[lane] = code));
    }
    return;
  }
  if (t >= endNs || t >= cutNs) return;
  if (traceCount >= TRACE_CAPACITY - TRACE_RESERVE && !truncated) {
    truncated = true;
    cutNs = t < now ? t : now;
    if (t >= cutNs) return;
  }
  if (traceCount >= TRACE_CAPACITY) {
    cutNs = t; // the reserve ran out too: the lanes are complete only before this record
    return;
  }
  unchecked((traceTime[traceCount] = t));
  unchecked((traceCode[traceCount] = code));
  traceCount++;
}

/** pCPU p switches to `mode` (hw/pcpu.ts MODE_*) at t, running vCPU `vcpu`'s thread (-1: none) for exit `reason` (-1: none). */
export function tracePcpu(p: i32, mode: i32, t: i64, vcpu: i32, reason: i32): void {
  put(t, pack(REC_PCPU, p, mode, vcpu, reason), p);
}

/** vCPU v enters lane state `state` at t; `reason`: the exit being handled (-1: none). */
export function traceVcpu(v: i32, state: i32, t: i64, reason: i32): void {
  put(t, pack(REC_VCPU, v, state, -1, reason), MAX_PCPUS + v);
}

/** A point event on vCPU v; `detail` is the exit reason (exit, entry) or the vector's bit (inject, kick). */
export function traceMark(v: i32, kind: i32, t: i64, detail: i32): void {
  put(t, pack(REC_MARK, v, kind, -1, detail), -1);
}
