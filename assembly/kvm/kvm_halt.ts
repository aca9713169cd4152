// kvm_vcpu_halt / kvm_vcpu_block (virt/kvm/kvm_main.c, kvm-facts §1.2): poll
// for the vCPU's window while this is the only runnable task, else schedule()
// away; the halt stats; the window's adaptation (or the fixed window of Linux
// 4.0); MSR_KVM_POLL_CONTROL, by which a haltpoll guest turns polling off.
import { now, schedule } from '../sim/engine';
import { EV_POLL_TIMEOUT } from '../sim/events';
import { MAX_VCPUS } from '../sim/stats';
import {
  addHalt, HALT_ATTEMPTED_POLL, HALT_SUCCESSFUL_POLL, HALT_WAKEUP,
  HALT_POLL_SUCCESS_NS, HALT_POLL_FAIL_NS, HALT_WAIT_NS,
} from './kvm_stats';
import { setMode, setModeLater, MODE_HOST, MODE_POLL } from '../hw/pcpu';
import { cyclesToNs, hostCost, plainCost } from '../hw/cost';
import { uniform } from '../sim/rng';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import { pollWindow, adapt, maxHaltPollNs } from './halt_poll';
import { othersRunnable, taskBlock, taskWake, taskWakeLocal } from '../host/sched';
import { cpMark, cpRelabel, CP_WAKE_POLL, CP_WAKE_SCHED, CP_ENTRY } from './critical_path';
import { vReady, vState, vGen, vIrr, vPir, tWake, tHaltDone, tVmrun, pcpuOf, enterGuestAt, traceExitLane, V_POLL, V_BLOCKED, V_WAKE } from './vcpu';
import { openExitReason } from './exit_time';
import { traceOn, traceVcpu, LANE_POLL, LANE_BLOCKED, LANE_RUNNABLE } from '../sim/trace';

const halting = new StaticArray<bool>(MAX_VCPUS);
const haltStart = new StaticArray<i64>(MAX_VCPUS);
const pollEnd = new StaticArray<i64>(MAX_VCPUS);
const waited = new StaticArray<bool>(MAX_VCPUS);
const polled = new StaticArray<bool>(MAX_VCPUS);
const pollAllowed = new StaticArray<bool>(MAX_VCPUS);
const wakeInFlight = new StaticArray<bool>(MAX_VCPUS);
const pollDeadline = new StaticArray<i64>(MAX_VCPUS);
const pollEventAt = new StaticArray<i64>(MAX_VCPUS); // the one EV_POLL_TIMEOUT in flight (-1: none)
const pollEventGen = new StaticArray<i32>(MAX_VCPUS);
const pollBusyUntil = new StaticArray<i64>(MAX_VCPUS); // a host interrupt's handler holds up the poll loop
/** MSR_KVM_POLL_CONTROL bit 0; resets to 1 (polling allowed). */
const pollControl = new StaticArray<i32>(MAX_VCPUS);
/** The poll window the latest halt started with (ns). */
export const haltWindow = new StaticArray<i64>(MAX_VCPUS);

export function kvmHaltReset(): void {
  halting.fill(false);
  wakeInFlight.fill(false);
  pollEventAt.fill(-1);
  pollEventGen.fill(0);
  pollBusyUntil.fill(0);
  pollControl.fill(1);
  haltWindow.fill(0);
}

@inline export function isHalting(v: i32): bool {
  return unchecked(halting[v]);
}

export function kvmSetPollControl(v: i32, value: i32): void {
  unchecked((pollControl[v] = value & 1));
}

@inline function bump(v: i32): i32 {
  const g = unchecked(vGen[v]) + 1;
  unchecked((vGen[v] = g));
  return g;
}

/** After the HLT exit's handler: kvm_vcpu_halt. */
export function kvmVcpuHalt(v: i32): void {
  unchecked((halting[v] = true));
  unchecked((haltStart[v] = now));
  unchecked((pollEnd[v] = now));
  unchecked((waited[v] = false));
  unchecked((wakeInFlight[v] = false));
  const allowed = unchecked(pollControl[v]) != 0; // !kvm_arch_no_poll()
  unchecked((pollAllowed[v] = allowed));
  const window = cfg.fixedPollPolicy ? maxHaltPollNs() : pollWindow(v);
  unchecked((haltWindow[v] = window));
  const doPoll = allowed && window != 0;
  unchecked((polled[v] = doPoll));
  const p = pcpuOf(v);
  unchecked((vState[v] = V_POLL));
  if (unchecked(vIrr[v]) != 0 || unchecked(vPir[v]) != 0) {
    // kvm_vcpu_check_block sees the interrupt before any poll round or schedule().
    unchecked((wakeInFlight[v] = true));
    unchecked((tWake[v] = now));
    haltReturnFrom(v, now);
    return;
  }
  if (doPoll && !othersRunnable(p)) {
    setMode(p, MODE_POLL, now, v);
    if (traceOn) traceVcpu(v, LANE_POLL, now, -1);
    bump(v);
    const deadline = now + window;
    unchecked((pollDeadline[v] = deadline));
    // One timeout event per vCPU: an earlier one still in flight re-arms itself when it fires.
    const pending = unchecked(pollEventAt[v]);
    if (pending < 0 || pending > deadline) armPollEvent(v, deadline);
    return;
  }
  block(v);
}

function block(v: i32): void {
  unchecked((vState[v] = V_BLOCKED));
  if (traceOn) traceVcpu(v, LANE_BLOCKED, now, -1);
  unchecked((waited[v] = true));
  bump(v);
  taskBlock(pcpuOf(v));
}

function armPollEvent(v: i32, at: i64): void {
  const g = unchecked(pollEventGen[v]) + 1;
  unchecked((pollEventGen[v] = g));
  unchecked((pollEventAt[v] = at));
  schedule(at, EV_POLL_TIMEOUT, v, g);
}

export function kvmOnPollTimeout(v: i32, gen: i32): void {
  if (gen != unchecked(pollEventGen[v])) return;
  unchecked((pollEventAt[v] = -1));
  if (unchecked(vState[v]) != V_POLL || unchecked(wakeInFlight[v])) return;
  const deadline = unchecked(pollDeadline[v]);
  if (deadline > now) {
    armPollEvent(v, deadline); // a later poll than the one this event was armed for
    return;
  }
  unchecked((pollEnd[v] = now));
  block(v);
}

/** kvm_vcpu_can_poll turned false: another task is runnable on this pCPU. */
export function kvmPollInterrupted(v: i32): void {
  if (unchecked(vState[v]) != V_POLL || unchecked(wakeInFlight[v])) return;
  unchecked((pollEnd[v] = now));
  block(v);
}

/** kvm_vcpu_kick on a halted vCPU: the poller notices, or the sleeper is woken. */
export function kvmHaltKick(v: i32): void {
  if (unchecked(wakeInFlight[v])) return;
  unchecked((wakeInFlight[v] = true));
  if (unchecked(vState[v]) == V_POLL) {
    // The pending-IRQ cache line reaches the poller at some point of its current round.
    // From then on nothing can change the outcome (wakeInFlight holds off the timeout
    // and other tasks), so the rest of the halt is timed from that moment without events.
    let seen = now + cyclesToNs(plainCost(C.CACHELINE_TRANSFER_CYCLES) + uniform() * C.POLL_ITERATION_CYCLES);
    // A host interrupt being handled on this pCPU: the next check comes after its handler.
    const busy = unchecked(pollBusyUntil[v]);
    if (busy > seen) seen = busy + cyclesToNs(uniform() * C.POLL_ITERATION_CYCLES);
    unchecked((tWake[v] = seen));
    unchecked((pollEnd[v] = seen));
    haltReturnFrom(v, seen);
  } else {
    addHalt(v, HALT_WAKEUP, 1);
    unchecked((vReady[v] = true)); // kvm_vcpu_wake_up
    if (traceOn) traceVcpu(v, LANE_RUNNABLE, now, -1); // woken, waiting for its pCPU
    taskWake(v);
  }
}

/**
 * Leaving the poll loop or schedule(): bookkeeping, the return of
 * kvm_vcpu_halt (stats, adaptation), vcpu_enter_guest, VMRESUME. Nothing can
 * change the outcome on the way, so the steps are timed here and the vCPU
 * next appears in the guest.
 */
export function kvmHaltReturn(v: i32): void {
  haltReturnFrom(v, now);
}

/** The halt's return path starting at `t0` (now, or the moment a poller will see its wake-up). */
function haltReturnFrom(v: i32, t0: i64): void {
  unchecked((vState[v] = V_WAKE));
  bump(v);
  const reason = openExitReason(v); // the HLT exit, open until the entry
  if (t0 > now) setModeLater(pcpuOf(v), MODE_HOST, t0, v, reason);
  else setMode(pcpuOf(v), MODE_HOST, now, v, reason);
  if (traceOn) traceExitLane(v, t0, reason);
  const done = t0 + cyclesToNs(hostCost(C.HALT_BOOKKEEPING_CYCLES));
  unchecked((tHaltDone[v] = done));
  unchecked((halting[v] = false));
  const start = unchecked(haltStart[v]);
  const w = unchecked(waited[v]);
  cpRelabel(v, w ? CP_WAKE_SCHED : CP_WAKE_POLL);
  cpMark(v, CP_ENTRY, done);
  if (w) addHalt(v, HALT_WAIT_NS, done - unchecked(pollEnd[v]));
  if (unchecked(polled[v])) {
    addHalt(v, HALT_ATTEMPTED_POLL, 1);
    if (!w) {
      addHalt(v, HALT_SUCCESSFUL_POLL, 1);
      addHalt(v, HALT_POLL_SUCCESS_NS, unchecked(pollEnd[v]) - start);
    } else {
      addHalt(v, HALT_POLL_FAIL_NS, unchecked(pollEnd[v]) - start);
    }
  }
  if (unchecked(pollAllowed[v]) && !cfg.fixedPollPolicy) adapt(v, done - start);
  // vcpu_enter_guest: requests, interrupt injection; after a schedule() the state is reloaded.
  let prep = hostCost(C.ENTRY_PREP_CYCLES);
  if (w) prep += hostCost(C.VCPU_LOAD_CYCLES);
  const vmrun = done + cyclesToNs(prep);
  unchecked((tVmrun[v] = vmrun));
  const entry = unchecked(vIrr[v]) != 0 || unchecked(vPir[v]) != 0 ? C.VMENTRY_INJECT_CYCLES : C.VMRESUME_CYCLES;
  enterGuestAt(v, vmrun + cyclesToNs(plainCost(entry)));
}

/**
 * A wake-up raised on the pCPU the vCPU blocked on (its LAPIC timer's
 * hrtimer, or IPIv's wake-up vector): no remote try_to_wake_up, no IPI.
 */
export function kvmHaltWakeLocal(v: i32, handlerCycles: f64): void {
  if (unchecked(wakeInFlight[v])) return;
  if (unchecked(vState[v]) == V_POLL) {
    kvmHaltKick(v);
    return;
  }
  unchecked((wakeInFlight[v] = true));
  unchecked((tWake[v] = now));
  addHalt(v, HALT_WAKEUP, 1);
  unchecked((vReady[v] = true)); // kvm_vcpu_wake_up
  if (traceOn) traceVcpu(v, LANE_RUNNABLE, now, -1);
  taskWakeLocal(v, handlerCycles);
}

/** A host interrupt lands on the polling pCPU: its handler runs for d ns before the loop checks again. */
export function kvmPollDelayed(v: i32, d: i64): void {
  const from = unchecked(pollBusyUntil[v]) > now ? unchecked(pollBusyUntil[v]) : now;
  unchecked((pollBusyUntil[v] = from + d));
}

/** kvm_stat's blocking: the vCPU sits in kvm_vcpu_block. */
export function kvmBlocking(v: i32): bool {
  return unchecked(vState[v]) == V_BLOCKED;
}
