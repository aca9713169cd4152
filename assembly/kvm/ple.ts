// PAUSE-loop exiting (kvm-facts §5): a spin loop of PAUSEs closer than
// ple_gap cycles that lasts ple_window cycles exits; the per-vCPU window grows
// on each exit and shrinks at sched-in; kvm_vcpu_on_spin then tries a
// directed yield to a preempted vCPU (a likely lock holder).
import { MAX_VCPUS } from '../sim/stats';
import { addKvmStat, PLE_YIELD_ATTEMPTED, PLE_YIELD_SUCCESSFUL } from './kvm_stats';
import { paramI64, P_PLE_GAP, P_PLE_WINDOW, P_PLE_WINDOW_GROW, P_PLE_WINDOW_SHRINK, P_PLE_WINDOW_MAX } from '../sim/params';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import { yieldTo, reschedPending } from '../host/sched';
import { pauseExit, pcpuOf, irqPending, vReady } from './vcpu';
import { guestInKernel } from './guest_hooks';
import { after } from '../sim/engine';
import { EV_OP_DONE } from '../sim/events';
import { cyclesToNs } from '../hw/cost';

const window = new StaticArray<i64>(MAX_VCPUS);
const inSpinLoop = new StaticArray<bool>(MAX_VCPUS);
const dyEligible = new StaticArray<bool>(MAX_VCPUS);
let lastBoosted: i32 = -1;

export function pleReset(): void {
  window.fill(paramI64(P_PLE_WINDOW));
  inSpinLoop.fill(false);
  dyEligible.fill(false);
  lastBoosted = -1;
}

/** PLE is on, and the spin loop's PAUSE gap is within ple_gap. */
@inline export function pleActive(): bool {
  const gap = paramI64(P_PLE_GAP);
  return cfg.virtOn && gap != 0 && <f64>gap >= C.SPIN_LOOP_GAP_CYCLES;
}

@inline export function pleWindowCycles(v: i32): f64 {
  return <f64>unchecked(window[v]);
}

/** __grow_ple_window */
function grow(v: i32): void {
  const base = paramI64(P_PLE_WINDOW);
  const mod = paramI64(P_PLE_WINDOW_GROW);
  const max = paramI64(P_PLE_WINDOW_MAX);
  const old = unchecked(window[v]);
  let val: i64 = mod < 1 ? base : mod < base ? old * mod : old + mod;
  if (val > max) val = max;
  unchecked((window[v] = val));
}

/** __shrink_ple_window, at sched-in; a vCPU that yielded inside kvm_vcpu_on_spin is back. */
export function pleSchedIn(v: i32): void {
  spinLoopDone(v);
  const base = paramI64(P_PLE_WINDOW);
  const mod = paramI64(P_PLE_WINDOW_SHRINK);
  const old = unchecked(window[v]);
  let val: i64 = mod < 1 ? base : mod < base ? old / mod : old - mod;
  if (val < base) val = base;
  unchecked((window[v] = val));
}

/** handle_pause: grow the window, kvm_vcpu_on_spin, then the exit completes. */
export function pleExit(v: i32): void {
  grow(v);
  kvmVcpuOnSpin(v);
  pauseExit(v, C.PAUSE_HANDLER_CYCLES);
}

/**
 * kvm_vcpu_eligible_for_directed_yield: a vCPU that is itself inside
 * kvm_vcpu_on_spin (it yielded and was switched out there) is eligible only
 * every other time it is considered.
 */
function eligible(c: i32): bool {
  if (!unchecked(inSpinLoop[c])) return true;
  const e = unchecked(dyEligible[c]);
  unchecked((dyEligible[c] = !e));
  return e;
}

/**
 * kvm_vcpu_on_spin(me, yield_to_kernel_mode): scan round-robin after the last
 * boosted vCPU; skip ourselves, vCPUs not ready (vcpu->ready: preempted or
 * woken, until kvm_sched_in — so one being switched in still looks ready and
 * yield_to fails on it),
 * ineligible ones and, since the spinner is in kernel mode, vCPUs preempted
 * in user mode with no interrupt pending; yield_to the first candidate. A
 * failed yield_to (0) moves on; -ESRCH counts against three tries.
 */
function kvmVcpuOnSpin(me: i32): void {
  const n = cfg.vcpus;
  if (n < 2) return;
  unchecked((inSpinLoop[me] = true));
  const from = pcpuOf(me);
  let tries = 3;
  let yielded = false;
  for (let i = 1; i <= n; i++) {
    const c = (lastBoosted + i + n) % n;
    if (c == me || !unchecked(vReady[c])) continue;
    if (!eligible(c)) continue;
    if (!guestInKernel(c) && !irqPending(c)) continue;
    addKvmStat(me, PLE_YIELD_ATTEMPTED, 1);
    const r = yieldTo(c, from);
    if (r > 0) {
      addKvmStat(me, PLE_YIELD_SUCCESSFUL, 1);
      lastBoosted = c;
      yielded = true;
      break;
    }
    if (r < 0 && --tries == 0) break;
  }
  // A spinner that yielded schedules away inside kvm_vcpu_on_spin; it leaves the loop when it runs again.
  if (!yielded || !reschedPending(from)) spinLoopDone(me);
}

function spinLoopDone(v: i32): void {
  unchecked((inSpinLoop[v] = false));
  unchecked((dyEligible[v] = false));
}

/** A guest PAUSE loop: with PLE on, it exits after the vCPU's ple_window cycles. */
export function plePauseLoop(v: i32, gen: i32): void {
  if (pleActive()) after(cyclesToNs(pleWindowCycles(v)), EV_OP_DONE, v, gen);
}
