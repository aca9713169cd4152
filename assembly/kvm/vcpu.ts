// A vCPU: the host thread's run -> exit -> handle -> enter state machine, and
// the guest operations it executes while in guest mode. Exits carry their VMX
// basic exit reason and a handling cost; interrupts arrive posted (no exit) or
// through an exit, and are injected at the next entry.
import { now, after, schedule, steps, countStep } from '../sim/engine';
import { EV_OP_DONE, EV_EXIT_DONE, EV_ENTERED, EV_KICK } from '../sim/events';
import { MAX_VCPUS } from '../sim/stats';
import { countExit, countMsrWrite, addHalt, HALT_EXITS } from './kvm_stats';
import { MSR_X2APIC_ICR, MSR_X2APIC_EOI, MSR_KVM_POLL_CONTROL, MSR_IA32_TSC_DEADLINE, MSR_X2APIC_TMICT } from '../hw/msr';
import { IRQ_TIMER, IRQ_IPI } from '../hw/irq';
import {
  EXIT_REASON_EXTERNAL_INTERRUPT, EXIT_REASON_HLT, EXIT_REASON_MSR_WRITE, EXIT_REASON_PREEMPTION_TIMER, EXIT_REASON_PAUSE_INSTRUCTION,
} from '../hw/exit_reason';
import { setMode, MODE_GUEST, MODE_HOST, MODE_IDLE } from '../hw/pcpu';
import { cyclesToNs, hostCost, plainCost, bareCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../sim/config';
import * as ops from '../hw/ops';
import { taskCpu, preemptCurrent, reschedPending, registerVcpuThreadHooks } from '../host/sched';
import { kvmVcpuHalt, kvmHaltKick, kvmHaltReturn, kvmPollInterrupted, kvmSetPollControl, isHalting } from './kvm_halt';
import { guestStep, guestNeedResched, guestIdle, guestIrqDone, guestHltReturned, guestPollTimedOut, guestSpinTryLock, guestSpinUnlock } from './guest_hooks';
import { pleExit, pleSchedIn, plePauseLoop } from './ple';

export const V_GUEST = 0; // executing guest ops (VMX non-root)
export const V_EXIT = 1; // the host handles an exit
export const V_POLL = 2; // kvm_vcpu_halt polls
export const V_BLOCKED = 3; // asleep in kvm_vcpu_block
export const V_RUNNABLE = 4; // waiting on a host run queue
export const V_WAKE = 5; // on its way back into the guest (host work, VMRESUME)
export const V_HALTED = 6; // HLT without an exit (or a bare-metal core in C1)

// Why the host took the exit: what happens when it is handled.
const KIND_RESUME = 0;
const KIND_HLT = 1;
const KIND_RESUME_HALTED = 2;

export const vState = new StaticArray<i32>(MAX_VCPUS);
export const vGen = new StaticArray<i32>(MAX_VCPUS);
const vOpEnd = new StaticArray<i64>(MAX_VCPUS);
export const vIrr = new StaticArray<i32>(MAX_VCPUS);
const vInHandler = new StaticArray<bool>(MAX_VCPUS);
const vExitKind = new StaticArray<i32>(MAX_VCPUS);
const vCold = new StaticArray<bool>(MAX_VCPUS); // first entry after a context switch
const vHltAt = new StaticArray<i64>(MAX_VCPUS); // guest HLT start, for haltpoll's reflect
const vPrepaidNs = new StaticArray<i64>(MAX_VCPUS); // interrupt dispatch already timed into the entry
// Critical-path timestamps of the latest wake-up (ipi-hlt's five segments).
export const tKick = new StaticArray<i64>(MAX_VCPUS);
export const tWake = new StaticArray<i64>(MAX_VCPUS);
export const tHaltDone = new StaticArray<i64>(MAX_VCPUS);
export const tVmrun = new StaticArray<i64>(MAX_VCPUS);
export const tEntered = new StaticArray<i64>(MAX_VCPUS);

export function vcpuReset(): void {
  registerVcpuThreadHooks(vcpuSchedIn, vcpuHostTick, vcpuRunqueueChanged, vcpuWakeSeen);
  vState.fill(V_RUNNABLE);
  vGen.fill(0);
  vIrr.fill(0);
  vInHandler.fill(false);
  vCold.fill(false);
  vHltAt.fill(-1);
  vPrepaidNs.fill(0);
}

@inline export function pcpuOf(v: i32): i32 {
  return cfg.virtOn ? unchecked(taskCpu[v]) : v;
}

@inline function bump(v: i32): i32 {
  const g = unchecked(vGen[v]) + 1;
  unchecked((vGen[v] = g));
  return g;
}

@inline function ns(cycles: f64): i64 {
  return cyclesToNs(cycles);
}

/** Bare metal: the CPU starts in the guest's (the OS's) code at once. */
export function vcpuStartBare(v: i32): void {
  unchecked((vState[v] = V_GUEST));
  setMode(v, MODE_GUEST, now);
  runGuest(v);
}

/** The host switched this vCPU thread in on p. */
export function vcpuSchedIn(v: i32, p: i32): void {
  pleSchedIn(v);
  if (isHalting(v)) {
    // schedule() returns inside kvm_vcpu_block.
    unchecked((vCold[v] = true));
    kvmHaltReturn(v);
    return;
  }
  // First run, or back from preemption: kvm_sched_in reloads the vCPU, then VMRESUME.
  unchecked((vState[v] = V_WAKE));
  setMode(p, MODE_HOST, now);
  unchecked((vCold[v] = true));
  const d = ns(hostCost(C.VCPU_LOAD_CYCLES) + hostCost(C.ENTRY_PREP_CYCLES) + plainCost(C.VMENTRY_CYCLES));
  after(d, EV_ENTERED, v, bump(v));
}

/** The reschedule IPI for this vCPU's wake-up reached its pCPU. */
export function vcpuWakeSeen(v: i32): void {
  unchecked((tWake[v] = now));
}

/**
 * Enter the guest at `at` (after VMRESUME). An injected interrupt's dispatch
 * to its handler is timed into the same event: the vCPU next appears at the
 * handler's first instruction.
 */
export function enterGuestAt(v: i32, at: i64): void {
  unchecked((vState[v] = V_WAKE));
  let prepaid: i64 = 0;
  if (unchecked(vIrr[v]) != 0 && !unchecked(vInHandler[v])) prepaid = ns(dispatchCycles(v));
  unchecked((vPrepaidNs[v] = prepaid));
  schedule(at + prepaid, EV_ENTERED, v, bump(v));
}

function dispatchCycles(v: i32): f64 {
  let c = cfg.virtOn ? plainCost(C.IRQ_DISPATCH_CYCLES) : bareCost(C.IRQ_DISPATCH_CYCLES);
  if (unchecked(vCold[v])) {
    c += plainCost(C.COLD_CACHE_CYCLES);
    unchecked((vCold[v] = false));
  }
  return c;
}

export function onEntered(v: i32, gen: i32): void {
  if (gen != unchecked(vGen[v])) return;
  const prepaid = unchecked(vPrepaidNs[v]);
  unchecked((tEntered[v] = now - prepaid));
  unchecked((vState[v] = V_GUEST));
  setMode(pcpuOf(v), MODE_GUEST, now - prepaid);
  runGuest(v);
}

/** A VM exit now: count it, run the handler (host time), then `kind` decides what follows. */
function vmexit(v: i32, reason: i32, handlerCycles: f64, kind: i32): void {
  countExit(v, reason);
  let c = plainCost(C.VMEXIT_CYCLES) + hostCost(handlerCycles);
  if (kind != KIND_HLT) c += plainCost(C.VMENTRY_CYCLES);
  inHostFor(v, ns(c), kind);
}

/** The vCPU leaves the guest for `d` ns of host work; EV_EXIT_DONE then acts on `kind`. */
function inHostFor(v: i32, d: i64, kind: i32): void {
  unchecked((vState[v] = V_EXIT));
  unchecked((vExitKind[v] = kind));
  setMode(pcpuOf(v), MODE_HOST, now);
  after(d, EV_EXIT_DONE, v, bump(v));
}

export function onExitDone(v: i32, gen: i32): void {
  if (gen != unchecked(vGen[v])) return;
  const kind = unchecked(vExitKind[v]);
  if (kind == KIND_HLT) {
    kvmVcpuHalt(v);
    return;
  }
  const p = pcpuOf(v);
  if (reschedPending(p)) {
    // vcpu_enter_guest sees need_resched: the thread is preempted instead.
    unchecked((vState[v] = V_RUNNABLE));
    preemptCurrent(p);
    return;
  }
  if (kind == KIND_RESUME_HALTED && unchecked(vIrr[v]) == 0) {
    unchecked((vState[v] = V_HALTED));
    setMode(p, MODE_GUEST, now);
    return;
  }
  unchecked((vState[v] = V_GUEST));
  setMode(p, MODE_GUEST, now);
  runGuest(v);
}

/** The guest's current op stops where it is (an interrupt or a preempting exit). */
function pauseOp(v: i32): void {
  bump(v);
  if (ops.opCount(v) == 0) return;
  const t = ops.frontType(v);
  if (t == ops.OP_WORK) {
    const left = unchecked(vOpEnd[v]) - now;
    ops.setFrontArg(v, left > 0 ? left : 0);
  } else if (t == ops.OP_POLL_IDLE) {
    ops.popFront(v); // polling idle ends as soon as anything happens
  }
}

export function onOpDone(v: i32, gen: i32): void {
  if (gen != unchecked(vGen[v]) || unchecked(vState[v]) != V_GUEST) return;
  const t = ops.frontType(v);
  if (t == ops.OP_WORK) {
    ops.popFront(v);
  } else if (t == ops.OP_POLL_IDLE) {
    ops.popFront(v);
    guestPollTimedOut(v);
  } else if (t == ops.OP_SPIN_LOCK) {
    // The PAUSE loop outlasted ple_window: PAUSE-loop exit.
    pleExit(v);
    return;
  }
  runGuest(v);
}

/** Execute guest ops until one takes time or leaves the guest. */
export function runGuest(v: i32): void {
  const limit = steps + 100000;
  while (true) {
    countStep();
    if (steps > limit) return; // no progress: the run loop stops with STATUS_STUCK
    if (unchecked(vIrr[v]) != 0 && !unchecked(vInHandler[v])) takeInterrupt(v);
    if (ops.opCount(v) == 0) guestStep(v, 0, 0); // code 0: "what next?"
    if (ops.opCount(v) == 0) ops.pushBack(v, ops.OP_IDLE, 0, 0);
    const t = ops.frontType(v);
    if (t == ops.OP_WORK) {
      const d = ops.frontArg(v);
      if (d <= 0) {
        ops.popFront(v);
        continue;
      }
      unchecked((vOpEnd[v] = now + d));
      after(d, EV_OP_DONE, v, bump(v));
      return;
    } else if (t == ops.OP_CALL) {
      const code = <i32>ops.frontArg(v);
      const arg = ops.frontArg2(v);
      ops.popFront(v);
      guestStep(v, code, arg);
    } else if (t == ops.OP_WRMSR) {
      const msr = <u32>ops.frontArg(v);
      const operand = ops.frontArg2(v);
      ops.popFront(v);
      if (wrmsr(v, msr, operand)) return;
    } else if (t == ops.OP_HLT) {
      const fromIdle = ops.frontArg2(v) != 0;
      ops.popFront(v);
      if (unchecked(vIrr[v]) != 0) continue; // sti; hlt with an interrupt pending: no halt
      if (fromIdle && guestNeedResched(v)) continue; // the idle loop re-checks need_resched with IRQs off
      halt(v);
      return;
    } else if (t == ops.OP_IDLE) {
      if (!guestIdle(v)) return;
    } else if (t == ops.OP_POLL_IDLE) {
      if (guestNeedResched(v)) {
        ops.popFront(v); // need_resched already set: the poll ends at once
        continue;
      }
      const limit = ops.frontArg(v);
      bump(v);
      if (limit >= 0) {
        unchecked((vOpEnd[v] = now + limit));
        after(limit, EV_OP_DONE, v, unchecked(vGen[v]));
      }
      return;
    } else if (t == ops.OP_SPIN_LOCK) {
      const lock = <i32>ops.frontArg(v);
      if (guestSpinTryLock(v, lock)) {
        ops.popFront(v);
        continue;
      }
      plePauseLoop(v, bump(v));
      return;
    } else if (t == ops.OP_UNLOCK) {
      const lock = <i32>ops.frontArg(v);
      ops.popFront(v);
      guestSpinUnlock(v, lock);
    } else if (t == ops.OP_EOI) {
      ops.popFront(v);
      unchecked((vInHandler[v] = false));
      if (eoi(v)) return;
    } else if (t == ops.OP_IRQ_DONE) {
      const vec = <i32>ops.frontArg(v);
      ops.popFront(v);
      guestIrqDone(v, vec);
    } else {
      ops.popFront(v);
    }
  }
}

/** Deliver the highest pending interrupt: handler dispatch, the vector's work, EOI. */
function takeInterrupt(v: i32): void {
  const irr = unchecked(vIrr[v]);
  const vec = (irr & IRQ_TIMER) != 0 ? IRQ_TIMER : IRQ_IPI;
  unchecked((vIrr[v] = irr & ~vec));
  unchecked((vInHandler[v] = true));
  const hltAt = unchecked(vHltAt[v]);
  if (hltAt >= 0) {
    guestHltReturned(v, now - hltAt);
    unchecked((vHltAt[v] = -1));
  }
  ops.pushFront(v, ops.OP_EOI, 0, 0);
  ops.pushFront(v, ops.OP_IRQ_DONE, vec, 0);
  const prepaid = unchecked(vPrepaidNs[v]);
  if (prepaid > 0) unchecked((vPrepaidNs[v] = 0));
  else ops.pushFront(v, ops.OP_WORK, ns(dispatchCycles(v)), 0);
}

/** WRMSR; true when it left the guest (an exit). */
function wrmsr(v: i32, msr: u32, operand: i32): bool {
  if (!cfg.virtOn) {
    if (msr == MSR_X2APIC_ICR) {
      const d = bareCost(C.BARE_ICR_WRITE_CYCLES) + bareCost(C.APIC_IPI_DELIVERY_CYCLES);
      sendIpiAt(operand, now + ns(d));
    }
    ops.pushFront(v, ops.OP_WORK, ns(C.BARE_ICR_WRITE_CYCLES), 0);
    return false;
  }
  if (msr == MSR_X2APIC_ICR) {
    if (cfg.ipiv) {
      // IPI virtualization: the CPU sends the posted interrupt itself (kvm-facts §4.2).
      sendIpiAt(operand, now + ns(plainCost(C.APIC_IPI_DELIVERY_CYCLES)));
      ops.pushFront(v, ops.OP_WORK, ns(C.BARE_ICR_WRITE_CYCLES), 0);
      return false;
    }
    countMsrWrite(v, msr);
    // The kick happens inside the handler; VMRESUME follows it.
    const handled = ns(plainCost(C.VMEXIT_CYCLES) + hostCost(C.ICR_WRITE_HANDLER_CYCLES));
    sendIpiAt(operand, now + handled);
    countExit(v, EXIT_REASON_MSR_WRITE);
    inHostFor(v, handled + ns(plainCost(C.VMENTRY_CYCLES)), KIND_RESUME);
    return true;
  }
  countMsrWrite(v, msr);
  if (msr == MSR_KVM_POLL_CONTROL) {
    kvmSetPollControl(v, operand);
    vmexit(v, EXIT_REASON_MSR_WRITE, C.PLAIN_MSR_HANDLER_CYCLES, KIND_RESUME);
    return true;
  }
  timerWriteExits(v, msr);
  return true;
}

/**
 * Timer MSRs (TMICT, TSC_DEADLINE) always exit (kvm-facts §4.2);
 * TSC_DEADLINE has a fastpath. The NOHZ tick stop/restart writes come in
 * pairs, often followed by the idle HLT: the run of exits is timed as one
 * stretch of host time (each exit still counted) and ends in the halt.
 */
function timerWriteExits(v: i32, msr: u32): void {
  countExit(v, EXIT_REASON_MSR_WRITE);
  let c = timerExitCycles(msr);
  while (ops.opCount(v) > 0 && ops.frontType(v) == ops.OP_WRMSR && isTimerMsr(<u32>ops.frontArg(v))) {
    const m = <u32>ops.frontArg(v);
    ops.popFront(v);
    countMsrWrite(v, m);
    countExit(v, EXIT_REASON_MSR_WRITE);
    c += timerExitCycles(m);
  }
  let kind = KIND_RESUME;
  if (cfg.hltExits && ops.opCount(v) > 0 && ops.frontType(v) == ops.OP_HLT && ops.frontArg2(v) != 0 &&
      unchecked(vIrr[v]) == 0 && !guestNeedResched(v)) {
    ops.popFront(v);
    countHltExit(v);
    c += plainCost(C.VMEXIT_CYCLES) + hostCost(C.HLT_HANDLER_CYCLES);
    kind = KIND_HLT;
  }
  const d = ns(c);
  if (kind == KIND_HLT) unchecked((vHltAt[v] = now + d));
  inHostFor(v, d, kind);
}

@inline function isTimerMsr(msr: u32): bool {
  return msr == MSR_IA32_TSC_DEADLINE || msr == MSR_X2APIC_TMICT;
}

@inline function timerExitCycles(msr: u32): f64 {
  const h = msr == MSR_IA32_TSC_DEADLINE ? C.TSC_DEADLINE_FASTPATH_CYCLES : C.TIMER_MSR_HANDLER_CYCLES;
  return plainCost(C.VMEXIT_CYCLES) + hostCost(h) + plainCost(C.VMENTRY_CYCLES);
}

/** An IPI from a guest reaches vCPU `target` at time `at`. */
@inline function sendIpiAt(target: i32, at: i64): void {
  unchecked((tKick[target] = at));
  schedule(at, EV_KICK, target, IRQ_IPI);
}

/** EOI; true when it exited. APICv virtualizes it; PV-EOI skips the write. */
function eoi(v: i32): bool {
  if (!cfg.virtOn || cfg.apicv || cfg.pvEoi) return false;
  countMsrWrite(v, MSR_X2APIC_EOI);
  vmexit(v, EXIT_REASON_MSR_WRITE, C.EOI_HANDLER_CYCLES, KIND_RESUME);
  return true;
}

function halt(v: i32): void {
  unchecked((vHltAt[v] = now));
  if (!cfg.virtOn) {
    unchecked((vState[v] = V_HALTED));
    setMode(v, MODE_IDLE, now); // the core sits in C1
    return;
  }
  if (!cfg.hltExits) {
    // KVM_X86_DISABLE_EXITS_HLT: the physical CPU halts in guest mode; the host sees a busy thread.
    unchecked((vState[v] = V_HALTED));
    return;
  }
  vmexit(v, EXIT_REASON_HLT, C.HLT_HANDLER_CYCLES, KIND_HLT);
  addHalt(v, HALT_EXITS, 1);
}

/** An HLT exit: the exit counter and kvm_emulate_halt's halt_exits move together. */
function countHltExit(v: i32): void {
  countExit(v, EXIT_REASON_HLT);
  addHalt(v, HALT_EXITS, 1);
}

/**
 * An interrupt for vCPU v: an IPI (`fromHostTimer` false) or its LAPIC timer
 * firing in the host. A running vCPU takes a posted interrupt without an exit;
 * otherwise it exits and the interrupt is injected at the next entry.
 */
export function deliverIrq(v: i32, bits: i32, fromHostTimer: bool): void {
  unchecked((vIrr[v] = vIrr[v] | bits));
  const s = unchecked(vState[v]);
  if (!cfg.virtOn) {
    if (s == V_HALTED) {
      unchecked((vState[v] = V_WAKE));
      setMode(v, MODE_GUEST, now);
      after(ns(bareCost(C.C1_EXIT_CYCLES)), EV_ENTERED, v, bump(v));
    } else if (s == V_GUEST && !unchecked(vInHandler[v])) {
      pauseOp(v);
      runGuest(v);
    }
    return;
  }
  const posted = cfg.postedInterrupts && !fromHostTimer;
  const reason = fromHostTimer && cfg.tscDeadline ? EXIT_REASON_PREEMPTION_TIMER : EXIT_REASON_EXTERNAL_INTERRUPT;
  const handler = fromHostTimer ? C.TIMER_MSR_HANDLER_CYCLES : C.RESCHED_HANDLER_CYCLES;
  if (s == V_GUEST) {
    if (unchecked(vInHandler[v])) {
      // Interrupts are off in the guest: a posted one waits in the PIR; otherwise the exit still happens.
      if (posted) return;
    }
    pauseOp(v);
    if (posted) runGuest(v);
    else vmexit(v, reason, handler, KIND_RESUME);
  } else if (s == V_HALTED) {
    if (posted) {
      unchecked((vState[v] = V_WAKE));
      after(ns(plainCost(C.C1_EXIT_CYCLES)), EV_ENTERED, v, bump(v));
    } else {
      vmexit(v, reason, handler, KIND_RESUME_HALTED);
    }
  } else if (s == V_POLL || s == V_BLOCKED) {
    kvmHaltKick(v);
  }
  // V_EXIT, V_WAKE, V_RUNNABLE: injected at the next entry.
}

/** A host tick on the pCPU this vCPU runs on. */
export function vcpuHostTick(v: i32): void {
  const s = unchecked(vState[v]);
  if (s == V_GUEST) {
    pauseOp(v);
    vmexit(v, EXIT_REASON_EXTERNAL_INTERRUPT, C.HOST_TICK_HANDLER_CYCLES, KIND_RESUME);
  } else if (s == V_HALTED) {
    vmexit(v, EXIT_REASON_EXTERNAL_INTERRUPT, C.HOST_TICK_HANDLER_CYCLES, KIND_RESUME_HALTED);
  } else if (s == V_POLL && reschedPending(pcpuOf(v))) {
    kvmPollInterrupted(v);
  }
}

/** Another task became runnable on this vCPU's pCPU. */
export function vcpuRunqueueChanged(v: i32): void {
  if (unchecked(vState[v]) == V_POLL) kvmPollInterrupted(v);
}

/** Something ended a polling or spinning op early (need_resched seen, lock handed over). */
export function vcpuNudge(v: i32): void {
  if (unchecked(vState[v]) != V_GUEST || unchecked(vInHandler[v])) return;
  const t = ops.frontType(v);
  if (t != ops.OP_POLL_IDLE && t != ops.OP_SPIN_LOCK) return;
  pauseOp(v);
  runGuest(v);
}

/** PAUSE-loop exit taken from ple.ts. */
export function pauseExit(v: i32, handlerCycles: f64): void {
  vmexit(v, EXIT_REASON_PAUSE_INSTRUCTION, handlerCycles, KIND_RESUME);
}
