// perf kvm stat's view of exits: an exit event spans kvm_exit to the next
// kvm_entry on the same vCPU, so an HLT exit includes the time the vCPU was
// blocked (kvm-facts §3.3). Per vCPU and exit reason: count of timed exits,
// total, minimum, maximum and the sum of squares for the relative stddev.
import { MAX_VCPUS } from '../sim/stats';
import { EXIT_REASON_SLOTS } from '../hw/exit_reason';

const N = MAX_VCPUS * EXIT_REASON_SLOTS;
export const exitTimeCount = new StaticArray<i64>(N);
export const exitTimeNs = new StaticArray<i64>(N);
export const exitTimeMin = new StaticArray<i64>(N);
export const exitTimeMax = new StaticArray<i64>(N);
export const exitTimeSq = new StaticArray<f64>(N); // ns², as f64

const openReason = new StaticArray<i32>(MAX_VCPUS); // -1: no exit open
const openSince = new StaticArray<i64>(MAX_VCPUS);

export function resetExitTime(): void {
  exitTimeCount.fill(0);
  exitTimeNs.fill(0);
  exitTimeMin.fill(i64.MAX_VALUE);
  exitTimeMax.fill(0);
  exitTimeSq.fill(0);
  openReason.fill(-1);
}

/** One exit of known length (kvm_exit at some t, kvm_entry at t + d). */
export function recordExitTime(v: i32, reason: i32, d: i64): void {
  const i = v * EXIT_REASON_SLOTS + reason;
  unchecked((exitTimeCount[i] = exitTimeCount[i] + 1));
  unchecked((exitTimeNs[i] = exitTimeNs[i] + d));
  if (d < unchecked(exitTimeMin[i])) unchecked((exitTimeMin[i] = d));
  if (d > unchecked(exitTimeMax[i])) unchecked((exitTimeMax[i] = d));
  const f = <f64>d;
  unchecked((exitTimeSq[i] = exitTimeSq[i] + f * f));
}

/** The exit open on vCPU v (kvm_exit seen, kvm_entry not yet), -1: none. */
@inline export function openExitReason(v: i32): i32 {
  return unchecked(openReason[v]);
}

/** kvm_exit whose end is not known yet. */
export function openExit(v: i32, reason: i32, at: i64): void {
  unchecked((openReason[v] = reason));
  unchecked((openSince[v] = at));
}

/** kvm_entry: closes the open exit, if any. */
export function closeExit(v: i32, at: i64): void {
  const r = unchecked(openReason[v]);
  if (r < 0) return;
  unchecked((openReason[v] = -1));
  recordExitTime(v, r, at - unchecked(openSince[v]));
}
