// Per-pCPU time accounting: every nanosecond of simulated time on a physical
// CPU is in exactly one mode, so the five buckets add up to sim_time_ns.
// Each switch also names the vCPU thread it runs for and the exit being
// handled, which only the timeline (sim/trace.ts) reads: the callers above
// know them, this layer does not.
import { MAX_PCPUS } from '../sim/stats';
import { traceOn, tracePcpu } from '../sim/trace';

export const MODE_GUEST = 0; // running guest code (VMX non-root)
export const MODE_HOST = 1; // host kernel: exit handling, scheduler, vCPU load
export const MODE_POLL = 2; // kvm_vcpu_halt's poll loop
export const MODE_OTHER = 3; // other host tasks
export const MODE_IDLE = 4; // the idle task
export const MODE_COUNT = 5;

export const pcpuTime = new StaticArray<i64>(MAX_PCPUS * MODE_COUNT);
const mode = new StaticArray<i32>(MAX_PCPUS);
const since = new StaticArray<i64>(MAX_PCPUS);
// A switch already known to happen later (-1: none), applied when time gets there.
const pendingAt = new StaticArray<i64>(MAX_PCPUS);
const pendingMode = new StaticArray<i32>(MAX_PCPUS);
const pendingVcpu = new StaticArray<i32>(MAX_PCPUS);
const pendingReason = new StaticArray<i32>(MAX_PCPUS);

export function resetPcpus(initialMode: i32): void {
  pcpuTime.fill(0);
  mode.fill(initialMode);
  since.fill(0);
  pendingAt.fill(-1);
  if (traceOn) for (let p = 0; p < MAX_PCPUS; p++) tracePcpu(p, initialMode, 0, -1, -1);
}

function accrue(p: i32, m: i32, t: i64): void {
  const i = p * MODE_COUNT + unchecked(mode[p]);
  unchecked((pcpuTime[i] = pcpuTime[i] + (t - since[p])));
  unchecked((mode[p] = m));
  unchecked((since[p] = t));
}

function charge(p: i32, m: i32, t: i64, vcpu: i32, reason: i32): void {
  accrue(p, m, t);
  if (traceOn) tracePcpu(p, m, t, vcpu, reason);
}

/** A switch scheduled with setModeLater happens if time reached it; a switch before it cancels it. */
function applyPending(p: i32, t: i64): void {
  const at = unchecked(pendingAt[p]);
  if (at < 0) return;
  unchecked((pendingAt[p] = -1));
  if (at <= t) charge(p, unchecked(pendingMode[p]), at, unchecked(pendingVcpu[p]), unchecked(pendingReason[p]));
}

/**
 * Switch pCPU `p` to mode `m` at time `t`, charging the time since the last
 * switch; `vcpu` is the vCPU whose thread runs there from now (-1: none, the
 * scheduler, idle or another task), `reason` the exit it handles (-1: none).
 */
export function setMode(p: i32, m: i32, t: i64, vcpu: i32 = -1, reason: i32 = -1): void {
  applyPending(p, t);
  charge(p, m, t, vcpu, reason);
}

/** Switch to `m` at the future time `at` (a path already timed to its end without events). */
export function setModeLater(p: i32, m: i32, at: i64, vcpu: i32 = -1, reason: i32 = -1): void {
  unchecked((pendingAt[p] = at));
  unchecked((pendingMode[p] = m));
  unchecked((pendingVcpu[p] = vcpu));
  unchecked((pendingReason[p] = reason));
}

/** Close every pCPU's current interval at the end of the run. */
export function closePcpus(t: i64, count: i32): void {
  for (let p = 0; p < count; p++) {
    applyPending(p, t);
    accrue(p, unchecked(mode[p]), t);
  }
}
