// A vCPU: the host thread's run -> exit -> handle -> enter state machine, and
// the guest operations the CPU executes while in guest mode. An exit's round
// trip is the hardware exit, its handler, vcpu_enter_guest (skipped by the
// irq-off fastpaths) and VMRESUME; afterwards the guest refills what the host
// evicted. Interrupts arrive posted (no exit), through a kick, or through
// IPI virtualization, and are injected at the next entry.
import { now, after, schedule, steps, countStep } from '../sim/engine';
import { EV_OP_DONE, EV_EXIT_DONE, EV_ENTERED, EV_KICK, EV_PI_NOTIFY } from '../sim/events';
import { MAX_VCPUS } from '../sim/stats';
import {
  countExit, countMsrWrite, addMsrExitNs, addHalt, addKvmStat, HALT_EXITS, STAT_IRQ_INJECTIONS, STAT_HOST_STATE_RELOAD,
} from './kvm_stats';
import { MSR_X2APIC_ICR, MSR_X2APIC_EOI, MSR_KVM_POLL_CONTROL, MSR_IA32_TSC_DEADLINE, MSR_X2APIC_TMICT } from '../hw/msr';
import { IRQ_TIMER, IRQ_IPI, IRQ_PMI, IRQ_DEV } from '../hw/irq';
import {
  EXIT_REASON_EXTERNAL_INTERRUPT, EXIT_REASON_HLT, EXIT_REASON_MSR_WRITE, EXIT_REASON_PREEMPTION_TIMER, EXIT_REASON_PAUSE_INSTRUCTION,
  EXIT_REASON_INTERRUPT_WINDOW, EXIT_REASON_EXCEPTION_NMI, EXIT_REASON_EOI_INDUCED,
} from '../hw/exit_reason';
import { deviceAccess } from './mmio';
import { setMode, MODE_GUEST, MODE_HOST, MODE_IDLE } from '../hw/pcpu';
import {
  traceOn, traceVcpu, traceMark, tracePcpu, LANE_GUEST, LANE_EXIT, LANE_BLOCKED, LANE_RUNNABLE, MARK_EXIT, MARK_ENTRY, MARK_INJECT, MARK_KICK,
} from '../sim/trace';
import { cyclesToNs, hostCost, plainCost, bareCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { taskCpu, preemptCurrent, reschedPending, registerVcpuThreadHooks, cachesEvicted } from '../host/sched';
import { registerHostIrqHook } from '../host/irq';
import { kvmVcpuHalt, kvmHaltKick, kvmHaltWakeLocal, kvmHaltReturn, kvmPollInterrupted, kvmPollDelayed, kvmSetPollControl, isHalting } from './kvm_halt';
import { guestStep, guestNeedResched, guestIdle, guestIrqDone, guestHltReturned, guestPollTimedOut, guestSpinTryLock, guestSpinUnlock } from './guest_hooks';
import { pleExit, pleSchedIn, plePauseLoop } from './ple';
import { openExit, closeExit, recordExitTime, openExitReason } from './exit_time';
import { cpMark, cpPass, CP_GUEST, CP_TIMER_MSR, CP_ICR, CP_WAKE_OTHER, CP_OTHER_EXIT, CP_HOST_WAIT } from './critical_path';
import {
  vpmuAccess, vpmuOnExit, vpmuSchedIn, vpmuInstructionRetired, commitTimeline, hostPmiCycles, accessExitReason, vpmuMode, VPMU_MEDIATED,
  NATIVE_PMU_MSR_CYCLES,
} from './pmu';

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

// How an interrupt reaches a vCPU (EV_KICK's arg >> 8).
export const VIA_KICK = 0; // kvm_vcpu_kick: a wake-up, or a reschedule IPI that forces an exit
export const VIA_POSTED = 1; // KVM posted it into the PIR and sent the notification vector
export const VIA_IPIV = 2; // the sender's CPU posted it (IPI virtualization): the notification is already there
export const VIA_TIMER = 3; // the vCPU's own LAPIC timer, on its own pCPU

export const vState = new StaticArray<i32>(MAX_VCPUS);
export const vGen = new StaticArray<i32>(MAX_VCPUS);
const vOpEnd = new StaticArray<i64>(MAX_VCPUS);
export const vIrr = new StaticArray<i32>(MAX_VCPUS);
export const vPir = new StaticArray<i32>(MAX_VCPUS); // posted, not yet seen by the guest
const vInHandler = new StaticArray<bool>(MAX_VCPUS); // in an interrupt handler: RFLAGS.IF = 0
const vIrqOff = new StaticArray<bool>(MAX_VCPUS); // guest code between local_irq_disable and local_irq_enable (OP_CLI .. OP_STI)
const vIrqWindow = new StaticArray<bool>(MAX_VCPUS); // KVM asked for an interrupt-window exit
const vPvEoiSkip = new StaticArray<bool>(MAX_VCPUS); // PV-EOI: KVM set "EOI not needed" at injection
const vExitKind = new StaticArray<i32>(MAX_VCPUS);
const vCold = new StaticArray<bool>(MAX_VCPUS); // first entry after a context switch
const vHltAt = new StaticArray<i64>(MAX_VCPUS); // guest HLT start, for haltpoll's reflect
const vPrepaidNs = new StaticArray<i64>(MAX_VCPUS); // interrupt dispatch already timed into the entry
const vExtraDispatch = new StaticArray<f64>(MAX_VCPUS); // posted-interrupt processing before the dispatch
const vRefillNs = new StaticArray<i64>(MAX_VCPUS); // guest time the next work loses to refills
// Timeline only: the exit a vCPU's lane shows (NO_EXIT_LANE: it is not in one), for the entry mark that ends it.
const NO_EXIT_LANE = -2;
const vLaneExit = new StaticArray<i32>(MAX_VCPUS);
/** vcpu->ready: preempted while runnable, or woken, and not yet back in kvm_sched_in. */
export const vReady = new StaticArray<bool>(MAX_VCPUS);
// Critical-path timestamps of the latest wake-up (ipi-hlt's five segments).
export const tKick = new StaticArray<i64>(MAX_VCPUS);
export const tWake = new StaticArray<i64>(MAX_VCPUS);
export const tHaltDone = new StaticArray<i64>(MAX_VCPUS);
export const tVmrun = new StaticArray<i64>(MAX_VCPUS);
export const tEntered = new StaticArray<i64>(MAX_VCPUS);
/** Vectors routed through the IOAPIC as level-triggered (INTx): their EOI must reach KVM (kvm/irqfd.ts sets it). */
let levelIrqs: i32 = 0;

export function setLevelTriggered(bits: i32): void {
  levelIrqs = bits;
}

export function vcpuReset(): void {
  registerVcpuThreadHooks(vcpuSchedIn, vcpuSchedOut, vcpuHostTick, vcpuRunqueueChanged, vcpuWakeSeen, vcpuReschedIpi);
  registerHostIrqHook(vcpuHostIrq);
  vState.fill(V_RUNNABLE);
  vGen.fill(0);
  vIrr.fill(0);
  vPir.fill(0);
  vInHandler.fill(false);
  vIrqOff.fill(false);
  vIrqWindow.fill(false);
  vPvEoiSkip.fill(false);
  vCold.fill(false);
  vHltAt.fill(-1);
  vPrepaidNs.fill(0);
  vExtraDispatch.fill(0);
  vRefillNs.fill(0);
  vReady.fill(false);
  vLaneExit.fill(NO_EXIT_LANE);
  levelIrqs = 0;
  if (traceOn) for (let v = 0; v < MAX_VCPUS; v++) traceVcpu(v, LANE_RUNNABLE, 0, -1);
}

@inline export function pcpuOf(v: i32): i32 {
  return cfg.virtOn ? unchecked(taskCpu[v]) : v;
}

/** RFLAGS.IF = 0: in a handler, or in guest code that disabled interrupts. */
@inline function ifClear(v: i32): bool {
  return unchecked(vInHandler[v]) || unchecked(vIrqOff[v]);
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
  setMode(v, MODE_GUEST, now, v);
  if (traceOn) traceGuest(v, now);
  runGuest(v);
}

/** kvm_sched_in: the host switched this vCPU thread in on p. */
function vcpuSchedIn(v: i32, p: i32): void {
  unchecked((vReady[v] = false));
  pleSchedIn(v);
  unchecked((vCold[v] = true));
  if (cachesEvicted(p)) addRefill(v, ns(C.TASK_SWITCH_REFILL_CYCLES));
  if (isHalting(v)) {
    kvmHaltReturn(v); // schedule() returns inside kvm_vcpu_block
    return;
  }
  // First run, or back from preemption: kvm_arch_vcpu_load, then VMRESUME.
  unchecked((vState[v] = V_WAKE));
  const open = openExitReason(v); // an exit the thread was preempted in, or none (first run)
  setMode(p, MODE_HOST, now, v, open);
  if (traceOn) traceExitLane(v, now, open);
  let d = ns(hostCost(C.VCPU_LOAD_CYCLES) + hostCost(C.ENTRY_PREP_CYCLES) + plainCost(entryCycles(v)));
  const cleanup = vpmuSchedIn(v); // the vPMU's lazy release, before the entry
  if (cleanup > 0) d += <i64>cleanup;
  after(d, EV_ENTERED, v, bump(v));
}

/** kvm_sched_out: the thread leaves its pCPU; the host state is reloaded (vmx_prepare_switch_to_host). */
function vcpuSchedOut(v: i32, p: i32): void {
  addKvmStat(v, STAT_HOST_STATE_RELOAD, 1);
  if (unchecked(vState[v]) == V_RUNNABLE) unchecked((vReady[v] = true)); // preempted, not blocking
}

/** The reschedule IPI for this vCPU's wake-up reached its pCPU. */
function vcpuWakeSeen(v: i32): void {
  unchecked((tWake[v] = now));
}

@inline function entryCycles(v: i32): f64 {
  return unchecked(vIrr[v]) != 0 || unchecked(vPir[v]) != 0 ? C.VMENTRY_INJECT_CYCLES : C.VMRESUME_CYCLES;
}

/**
 * Enter the guest at `at` (after VMRESUME). An injected interrupt's dispatch
 * to its handler is timed into the same event: the vCPU next appears at the
 * handler's first instruction.
 */
export function enterGuestAt(v: i32, at: i64): void {
  unchecked((vState[v] = V_WAKE));
  syncPir(v);
  let prepaid: i64 = 0;
  if (unchecked(vIrr[v]) != 0 && !ifClear(v)) prepaid = ns(dispatchCycles(v));
  unchecked((vPrepaidNs[v] = prepaid));
  schedule(at + prepaid, EV_ENTERED, v, bump(v));
}

/** VM entry syncs posted interrupts (PIR -> vIRR). */
@inline function syncPir(v: i32): void {
  const pir = unchecked(vPir[v]);
  if (pir != 0) {
    unchecked((vIrr[v] = vIrr[v] | pir));
    unchecked((vPir[v] = 0));
  }
}

function dispatchCycles(v: i32): f64 {
  let c = cfg.virtOn ? plainCost(C.IRQ_DISPATCH_CYCLES) : bareCost(C.IRQ_DISPATCH_CYCLES);
  const pi = unchecked(vExtraDispatch[v]);
  if (pi > 0) {
    c += plainCost(pi);
    unchecked((vExtraDispatch[v] = 0));
  }
  if (unchecked(vCold[v])) {
    c += plainCost(C.COLD_CACHE_CYCLES);
    unchecked((vCold[v] = false));
  }
  return c;
}

export function onEntered(v: i32, gen: i32): void {
  if (gen != unchecked(vGen[v])) return;
  const p = pcpuOf(v);
  const prepaid = unchecked(vPrepaidNs[v]);
  const entered = now - prepaid;
  if (cfg.virtOn && reschedPending(p) && prepaid == 0) {
    // vcpu_enter_guest saw need_resched before VMRESUME: the thread yields its pCPU.
    toRunQueue(v, p);
    return;
  }
  unchecked((tEntered[v] = entered));
  if (traceOn) traceGuest(v, entered);
  closeExit(v, entered);
  unchecked((vState[v] = V_GUEST));
  setMode(p, MODE_GUEST, entered, v);
  checkIrqWindow(v);
  runGuest(v);
}

/** The vCPU thread is preempted: it waits on its run queue (the open exit stays open until it runs again). */
function toRunQueue(v: i32, p: i32): void {
  unchecked((vState[v] = V_RUNNABLE));
  if (traceOn) traceVcpu(v, LANE_RUNNABLE, now, -1);
  cpMark(v, CP_HOST_WAIT, now);
  preemptCurrent(p);
}

/** A VM exit now: count it, run the handler (host time), then `kind` decides what follows. */
function vmexit(v: i32, reason: i32, handlerCycles: f64, kind: i32): void {
  countExit(v, reason);
  openExit(v, reason, now);
  cpMark(v, CP_OTHER_EXIT, now);
  let c = plainCost(C.VMEXIT_CYCLES) + hostCost(handlerCycles);
  if (kind != KIND_HLT) c += hostCost(C.ENTRY_PREP_CYCLES) + plainCost(C.VMRESUME_CYCLES);
  const pmu = vpmuOnExit(v, reason);
  if (pmu > 0) c += plainCost(pmu);
  if (traceOn) traceMark(v, MARK_EXIT, now, reason);
  inHostFor(v, ns(c), kind, reason);
}

/** The vCPU leaves the guest for `d` ns of host work handling exit `reason`; EV_EXIT_DONE then acts on `kind`. */
function inHostFor(v: i32, d: i64, kind: i32, reason: i32): void {
  unchecked((vState[v] = V_EXIT));
  unchecked((vExitKind[v] = kind));
  if (kind != KIND_HLT) addRefill(v, ns(C.EXIT_REFILL_CYCLES));
  setMode(pcpuOf(v), MODE_HOST, now, v, reason);
  if (traceOn) traceExitLane(v, now, reason);
  after(d, EV_EXIT_DONE, v, bump(v));
}

/** Timeline: from t the vCPU's thread is in the host for exit `reason` (-1: none, a reload after a switch). */
export function traceExitLane(v: i32, t: i64, reason: i32): void {
  unchecked((vLaneExit[v] = reason));
  traceVcpu(v, LANE_EXIT, t, reason);
}

/** Timeline: back in guest mode at t; a VM entry if the lane was in an exit (not a halted core leaving C1). */
function traceGuest(v: i32, t: i64): void {
  const r = unchecked(vLaneExit[v]);
  if (r != NO_EXIT_LANE) {
    traceMark(v, MARK_ENTRY, t, r);
    unchecked((vLaneExit[v] = NO_EXIT_LANE));
  }
  traceVcpu(v, LANE_GUEST, t, -1);
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
    toRunQueue(v, p);
    return;
  }
  if (traceOn) traceGuest(v, now); // halted again or running: guest mode either way
  closeExit(v, now);
  commitTimeline(v, now);
  syncPir(v);
  if (kind == KIND_RESUME_HALTED && unchecked(vIrr[v]) == 0) {
    unchecked((vState[v] = V_HALTED));
    setMode(p, MODE_GUEST, now, v);
    return;
  }
  unchecked((vState[v] = V_GUEST));
  setMode(p, MODE_GUEST, now, v);
  checkIrqWindow(v);
  runGuest(v);
}

/**
 * Entering with an interrupt pending while the guest has interrupts off:
 * without virtual interrupt delivery (APICv) KVM cannot inject it and asks
 * for an interrupt-window exit instead.
 */
@inline function checkIrqWindow(v: i32): void {
  if (cfg.virtOn && !cfg.apicv && unchecked(vIrr[v]) != 0 && ifClear(v)) unchecked((vIrqWindow[v] = true));
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

/**
 * Cache and TLB refills owed by the guest's next work. They add up, but never
 * beyond refetching the whole working set once (a vCPU that spins through many
 * exits or switches does not owe more than that).
 */
function addRefill(v: i32, d: i64): void {
  const cap = ns(C.TASK_SWITCH_REFILL_CYCLES);
  const r = unchecked(vRefillNs[v]) + d;
  unchecked((vRefillNs[v] = r < cap ? r : cap));
}

/**
 * Guest work as it runs in this VM: TLB misses walk two levels of page
 * tables under EPT, and the first work after an exit refills what the host
 * evicted. Applied once per op (arg2 marks it).
 */
function virtWork(v: i32, d: i64): i64 {
  if (!cfg.virtOn) return d;
  let w = d + <i64>(<f64>d * C.EPT_WALK_OVERHEAD);
  const refill = unchecked(vRefillNs[v]);
  if (refill > 0) {
    w += refill;
    unchecked((vRefillNs[v] = 0));
  }
  return w;
}

/** Execute guest ops until one takes time or leaves the guest. */
export function runGuest(v: i32): void {
  cpMark(v, CP_GUEST, now);
  const limit = steps + 100000;
  while (true) {
    countStep();
    if (steps > limit) return; // no progress: the run loop stops with STATUS_STUCK
    if (unchecked(vIrr[v]) != 0 && !ifClear(v)) takeInterrupt(v);
    if (ops.opCount(v) == 0) guestStep(v, 0, 0); // code 0: "what next?"
    if (ops.opCount(v) == 0) ops.pushBack(v, ops.OP_IDLE, 0, 0);
    const t = ops.frontType(v);
    if (t == ops.OP_WORK) {
      let d = ops.frontArg(v);
      if (d <= 0) {
        ops.popFront(v);
        continue;
      }
      if (ops.frontArg2(v) == 0) {
        d = virtWork(v, d);
        ops.setFrontArg(v, d);
        ops.setFrontArg2(v, 1);
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
      const line = guestSpinTryLock(v, lock);
      if (line >= 0) {
        ops.popFront(v);
        if (line > 0) ops.pushFront(v, ops.OP_WORK, line, 1); // the lock's cache line comes from another core
        continue;
      }
      plePauseLoop(v, bump(v));
      return;
    } else if (t == ops.OP_UNLOCK) {
      const lock = <i32>ops.frontArg(v);
      ops.popFront(v);
      guestSpinUnlock(v, lock);
    } else if (t == ops.OP_PMU_WRMSR || t == ops.OP_PMU_RDMSR) {
      const write = t == ops.OP_PMU_WRMSR;
      const value = <u64>ops.frontArg(v);
      const msr = <u32>ops.frontArg2(v);
      ops.popFront(v);
      if (pmuAccess(v, msr, value, write)) return;
    } else if (t == ops.OP_EOI) {
      const vec = <i32>ops.frontArg(v);
      const nmi = ops.frontArg2(v) != 0;
      ops.popFront(v);
      if (nmi) {
        // An NMI handler ends with IRET: no EOI.
        unchecked((vInHandler[v] = false));
        if (irqWindowExit(v)) return;
        continue;
      }
      if (eoiExits(v, vec)) {
        // RFLAGS.IF stays 0 through the EOI's exit until the handler's IRET.
        ops.pushFront(v, ops.OP_IRET, 0, 0);
        eoi(v, vec);
        return;
      }
      unchecked((vInHandler[v] = false));
      eoi(v, vec);
      if (irqWindowExit(v)) return;
    } else if (t == ops.OP_CLI) {
      ops.popFront(v);
      unchecked((vIrqOff[v] = true));
    } else if (t == ops.OP_STI) {
      ops.popFront(v);
      unchecked((vIrqOff[v] = false));
      if (irqWindowExit(v)) return;
    } else if (t == ops.OP_IRET) {
      ops.popFront(v);
      unchecked((vInHandler[v] = false));
      if (irqWindowExit(v)) return;
    } else if (t == ops.OP_IRQ_DONE) {
      const vec = <i32>ops.frontArg(v);
      ops.popFront(v);
      guestIrqDone(v, vec);
    } else if (t == ops.OP_DEVICE) {
      const access = <i32>ops.frontArg(v);
      const operand = ops.frontArg2(v);
      ops.popFront(v);
      if (deviceAccess(v, access, operand)) return;
    } else {
      ops.popFront(v);
    }
  }
}

/** Deliver the highest pending interrupt: handler dispatch, the vector's work, EOI. */
function takeInterrupt(v: i32): void {
  const irr = unchecked(vIrr[v]);
  // The PMI arrives as an NMI: it is taken before any maskable vector.
  const vec = (irr & IRQ_PMI) != 0 ? IRQ_PMI : (irr & IRQ_TIMER) != 0 ? IRQ_TIMER : (irr & IRQ_IPI) != 0 ? IRQ_IPI : IRQ_DEV;
  const rest = irr & ~vec;
  unchecked((vIrr[v] = rest));
  unchecked((vInHandler[v] = true));
  if (cfg.virtOn) {
    // Without APICv, KVM injects through the VM-entry fields (vmx_inject_irq); with it, virtual interrupt delivery.
    if (!cfg.apicv) addKvmStat(v, STAT_IRQ_INJECTIONS, 1);
    // PV-EOI: KVM marks "EOI not needed" only when this is the one vector in service and nothing else is pending.
    // Never for a level-triggered IOAPIC vector: its EOI must reach the IOAPIC (lapic.c apic_sync_pv_eoi_to_guest).
    unchecked((vPvEoiSkip[v] = cfg.pvEoi && rest == 0 && unchecked(vPir[v]) == 0 && (vec & levelIrqs) == 0));
    // Another one still injectable: delivery clears IF, so KVM opens an interrupt window for it (x86.c inject_pending_event).
    if (!cfg.apicv && rest != 0) unchecked((vIrqWindow[v] = true));
    // Injected at the entry when its dispatch was timed into it, else delivered now.
    if (traceOn) traceMark(v, MARK_INJECT, now - unchecked(vPrepaidNs[v]), vec);
  }
  const hltAt = unchecked(vHltAt[v]);
  if (hltAt >= 0) {
    guestHltReturned(v, now - hltAt);
    unchecked((vHltAt[v] = -1));
  }
  ops.pushFront(v, ops.OP_EOI, vec, vec == IRQ_PMI ? 1 : 0);
  ops.pushFront(v, ops.OP_IRQ_DONE, vec, 0);
  const prepaid = unchecked(vPrepaidNs[v]);
  if (prepaid > 0) unchecked((vPrepaidNs[v] = 0));
  else ops.pushFront(v, ops.OP_WORK, ns(dispatchCycles(v)), 1);
}

/**
 * A guest access to a PMU register: on bare metal or passed through it is a
 * serialising instruction; intercepted, an exit whose handler includes the
 * reprogramming KVM_REQ_PMU does before the next entry. KVM then skips the
 * emulated instruction, which counts as retired (kvm/pmu.ts).
 */
function pmuAccess(v: i32, msr: u32, value: u64, write: bool): bool {
  const rdpmc = !write && value == 1;
  const handler = vpmuAccess(v, msr, value, write, rdpmc);
  if (handler < 0) {
    commitTimeline(v, now);
    ops.pushFront(v, ops.OP_WORK, ns(cfg.virtOn ? plainCost(NATIVE_PMU_MSR_CYCLES) : bareCost(NATIVE_PMU_MSR_CYCLES)), 1);
    return false;
  }
  if (write && accessExitReason == EXIT_REASON_MSR_WRITE) countMsrWrite(v, msr);
  vmexit(v, accessExitReason, handler, KIND_RESUME);
  vpmuInstructionRetired(v);
  return true;
}

/**
 * A PMI for vCPU v (a counter overflowed while it ran its guest). Bare
 * metal: an NMI the core takes at once. In a VM the host's PMI is an NMI on
 * the pCPU: an EXCEPTION_NMI exit, perf's handler and kvm_perf_overflow,
 * then the PMI is injected through the guest's LVTPC at the very next entry,
 * at the instruction where the guest was interrupted (kvm-facts §7.1 step 4).
 * The mediated vPMU takes it on its own vector instead (an external interrupt).
 */
export function pmiArrive(v: i32): void {
  if (!cfg.virtOn) {
    deliverIrq(v, IRQ_PMI, VIA_KICK);
    return;
  }
  unchecked((vIrr[v] = vIrr[v] | IRQ_PMI));
  const s = unchecked(vState[v]);
  if (s != V_GUEST && s != V_HALTED) return; // injected at the next entry
  if (s == V_GUEST) pauseOp(v);
  const reason = vpmuMode == VPMU_MEDIATED ? EXIT_REASON_EXTERNAL_INTERRUPT : EXIT_REASON_EXCEPTION_NMI;
  vmexit(v, reason, hostPmiCycles(), s == V_HALTED ? KIND_RESUME_HALTED : KIND_RESUME);
}

/** WRMSR; true when it left the guest (an exit). */
function wrmsr(v: i32, msr: u32, operand: i32): bool {
  if (!cfg.virtOn) {
    if (msr == MSR_X2APIC_ICR) {
      const at = now + ns(bareCost(C.BARE_ICR_WRITE_CYCLES) + bareCost(C.APIC_IPI_DELIVERY_CYCLES));
      cpMark(v, CP_ICR, now);
      cpPass(v, operand, CP_WAKE_OTHER, at);
      sendIpiAt(operand, at, VIA_KICK);
    }
    ops.pushFront(v, ops.OP_WORK, ns(C.BARE_ICR_WRITE_CYCLES), 1);
    return false;
  }
  if (msr == MSR_X2APIC_ICR) return icrWrite(v, operand);
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
 * An IPI. With IPI virtualization the CPU posts it without an exit.
 * Otherwise the write exits; the handler kicks the target (the moment the
 * token of the critical path passes to it), then wakes it, posts the
 * interrupt or sends it a reschedule IPI, and re-enters the guest.
 */
function icrWrite(v: i32, target: i32): bool {
  cpMark(v, CP_ICR, now);
  if (cfg.ipiv) {
    // The CPU writes the target's PIR itself; the notification vector follows.
    const at = now + ns(plainCost(C.IPIV_ICR_WRITE_CYCLES));
    cpPass(v, target, CP_WAKE_OTHER, at);
    sendIpiAt(target, at, VIA_IPIV);
    ops.pushFront(v, ops.OP_WORK, ns(C.IPIV_ICR_WRITE_CYCLES), 1);
    return false;
  }
  countMsrWrite(v, MSR_X2APIC_ICR);
  countExit(v, EXIT_REASON_MSR_WRITE);
  openExit(v, EXIT_REASON_MSR_WRITE, now);
  const kick = ns(plainCost(C.VMEXIT_CYCLES) + hostCost(C.ICR_WRITE_HANDLER_CYCLES));
  cpPass(v, target, CP_WAKE_OTHER, now + kick);
  sendIpiAt(target, now + kick, cfg.postedInterrupts ? VIA_POSTED : VIA_KICK);
  const ts = unchecked(vState[target]);
  const rest = cfg.postedInterrupts && ts != V_BLOCKED ? C.POSTED_INTR_SEND_CYCLES : ts == V_BLOCKED ? C.TTWU_REMOTE_CYCLES : C.KICK_CYCLES;
  let c = hostCost(rest) + hostCost(C.ICR_HANDLER_TAIL_CYCLES) + plainCost(C.VMRESUME_CYCLES);
  if (!C.ICR_FASTPATH) c += hostCost(C.ENTRY_PREP_CYCLES);
  const d = kick + ns(c);
  addMsrExitNs(v, MSR_X2APIC_ICR, d);
  if (traceOn) traceMark(v, MARK_EXIT, now, EXIT_REASON_MSR_WRITE);
  inHostFor(v, d, KIND_RESUME, EXIT_REASON_MSR_WRITE);
  return true;
}

/**
 * Timer MSRs (TMICT, TSC_DEADLINE) always exit (kvm-facts §4.2);
 * TSC_DEADLINE takes the irq-off fastpath on hosts that have it. The NOHZ
 * tick stop/restart writes come in pairs, often followed by the idle HLT:
 * the run of exits is timed as one stretch of host time (each exit still
 * counted and timed) and ends in the halt.
 */
function timerWriteExits(v: i32, msr: u32): void {
  cpMark(v, CP_TIMER_MSR, now);
  if (traceOn) traceMark(v, MARK_EXIT, now, EXIT_REASON_MSR_WRITE);
  let c = timerExit(v, msr);
  while (ops.opCount(v) > 0 && ops.frontType(v) == ops.OP_WRMSR && isTimerMsr(<u32>ops.frontArg(v))) {
    const m = <u32>ops.frontArg(v);
    ops.popFront(v);
    countMsrWrite(v, m);
    if (traceOn) traceBackToBack(v, now + c, EXIT_REASON_MSR_WRITE);
    c += timerExit(v, m);
  }
  let kind = KIND_RESUME;
  const hltAt = now + c;
  if (cfg.hltExits && ops.opCount(v) > 0 && ops.frontType(v) == ops.OP_HLT && ops.frontArg2(v) != 0 &&
      unchecked(vIrr[v]) == 0 && !guestNeedResched(v)) {
    ops.popFront(v);
    countHltExit(v);
    openExit(v, EXIT_REASON_HLT, hltAt);
    c += ns(plainCost(C.VMEXIT_CYCLES) + hostCost(C.HLT_HANDLER_CYCLES));
    kind = KIND_HLT;
  }
  if (kind == KIND_HLT) unchecked((vHltAt[v] = now + c));
  inHostFor(v, c, kind, EXIT_REASON_MSR_WRITE);
  if (traceOn && kind == KIND_HLT) {
    // The halt's exit follows the timer writes within the same stretch of host time.
    traceBackToBack(v, hltAt, EXIT_REASON_HLT);
    traceExitLane(v, hltAt, EXIT_REASON_HLT);
    tracePcpu(pcpuOf(v), MODE_HOST, hltAt, v, EXIT_REASON_HLT);
  }
}

/** Timeline: one exit of a run timed as one stretch ends at t and the next, for `reason`, starts at once. */
function traceBackToBack(v: i32, t: i64, reason: i32): void {
  traceMark(v, MARK_ENTRY, t, EXIT_REASON_MSR_WRITE);
  traceMark(v, MARK_EXIT, t, reason);
}

@inline function isTimerMsr(msr: u32): bool {
  return msr == MSR_IA32_TSC_DEADLINE || msr == MSR_X2APIC_TMICT;
}

/** One timer-MSR write exit, exit to entry (ns); counted and timed here. */
function timerExit(v: i32, msr: u32): i64 {
  countExit(v, EXIT_REASON_MSR_WRITE);
  const fast = msr == MSR_IA32_TSC_DEADLINE && C.TSC_DEADLINE_FASTPATH;
  let c = plainCost(C.VMEXIT_CYCLES) + plainCost(C.VMRESUME_CYCLES);
  if (fast) c += hostCost(C.TSC_DEADLINE_FASTPATH_CYCLES);
  else c += hostCost(C.TIMER_MSR_HANDLER_CYCLES) + hostCost(C.ENTRY_PREP_CYCLES);
  const pmu = vpmuOnExit(v, EXIT_REASON_MSR_WRITE); // the fastpath stays inside the PMU context on mediated (kvm-facts §7.4)
  if (pmu > 0 && !fast) c += plainCost(pmu);
  const d = ns(c);
  recordExitTime(v, EXIT_REASON_MSR_WRITE, d);
  addMsrExitNs(v, msr, d);
  return d;
}

/** An interrupt for vCPU `target` leaves at time `at`. */
@inline function sendIpiAt(target: i32, at: i64, via: i32): void {
  unchecked((tKick[target] = at));
  schedule(at, EV_KICK, target, IRQ_IPI | (via << 8));
}

/**
 * EOI; true when it exited. APICv virtualizes it, except for level-triggered
 * vectors in the EOI-exit bitmap (EOI_INDUCED, kvm-facts §4.2); PV-EOI skips
 * the write when KVM allowed it.
 */
@inline function eoiExits(v: i32, vec: i32): bool {
  if (!cfg.virtOn) return false;
  if (cfg.apicv) return (vec & levelIrqs) != 0;
  return !unchecked(vPvEoiSkip[v]);
}

function eoi(v: i32, vec: i32): bool {
  if (!cfg.virtOn) return false;
  if (cfg.apicv) {
    if ((vec & levelIrqs) == 0) return false;
    vmexit(v, EXIT_REASON_EOI_INDUCED, C.EOI_HANDLER_CYCLES, KIND_RESUME);
    return true;
  }
  if (unchecked(vPvEoiSkip[v])) {
    unchecked((vPvEoiSkip[v] = false));
    return false;
  }
  countMsrWrite(v, MSR_X2APIC_EOI);
  vmexit(v, EXIT_REASON_MSR_WRITE, C.EOI_HANDLER_CYCLES, KIND_RESUME);
  return true;
}

/** The handler's IRET re-enabled interrupts: the requested interrupt-window exit, then the injection. */
function irqWindowExit(v: i32): bool {
  if (!unchecked(vIrqWindow[v])) return false;
  unchecked((vIrqWindow[v] = false));
  if (unchecked(vIrr[v]) == 0) return false;
  vmexit(v, EXIT_REASON_INTERRUPT_WINDOW, C.IRQ_WINDOW_HANDLER_CYCLES, KIND_RESUME);
  return true;
}

function halt(v: i32): void {
  unchecked((vHltAt[v] = now));
  if (!cfg.virtOn) {
    unchecked((vState[v] = V_HALTED));
    setMode(v, MODE_IDLE, now); // the core sits in C1
    if (traceOn) traceVcpu(v, LANE_BLOCKED, now, -1); // halted: the timeline's nearest state for a core in C1
    return;
  }
  if (!cfg.hltExits) {
    // KVM_X86_DISABLE_EXITS_HLT: the physical CPU halts in guest mode; the host sees a busy thread.
    unchecked((vState[v] = V_HALTED));
    return;
  }
  addHalt(v, HALT_EXITS, 1); // kvm_emulate_halt; vmexit counts the exit itself
  vmexit(v, EXIT_REASON_HLT, C.HLT_HANDLER_CYCLES, KIND_HLT);
}

/** An HLT exit: the exit counter and kvm_emulate_halt's halt_exits move together. */
function countHltExit(v: i32): void {
  countExit(v, EXIT_REASON_HLT);
  addHalt(v, HALT_EXITS, 1);
}

/** EV_KICK: an interrupt sent to vCPU v arrives (arg = bits | via << 8). */
export function onKick(v: i32, arg: i32): void {
  if (traceOn) traceMark(v, MARK_KICK, now, arg & 0xff);
  deliverIrq(v, arg & 0xff, arg >> 8);
}

/**
 * An interrupt for vCPU v. Bare metal: the core takes it. In a VM, by the
 * target's state: running or halted in guest mode, a posted interrupt waits
 * for its notification and needs no exit, anything else forces an exit; a
 * polling or blocked vCPU is woken by kvm_vcpu_kick, by the wake-up vector
 * (IPIv), or by its own timer's hrtimer on its own pCPU.
 */
export function deliverIrq(v: i32, bits: i32, via: i32): void {
  const s = unchecked(vState[v]);
  if (!cfg.virtOn) {
    unchecked((vIrr[v] = vIrr[v] | bits));
    if (s == V_HALTED) {
      unchecked((vState[v] = V_WAKE));
      setMode(v, MODE_GUEST, now, v);
      if (traceOn) traceGuest(v, now);
      after(ns(bareCost(C.C1_EXIT_CYCLES)), EV_ENTERED, v, bump(v));
    } else if (s == V_GUEST && !ifClear(v)) {
      pauseOp(v);
      runGuest(v);
    }
    return;
  }
  if (via == VIA_POSTED || via == VIA_IPIV) {
    // The PIR is written; a poller sees it at its next check, anyone else
    // when the notification vector arrives (KVM sends it after the kick,
    // IPIv's CPU right away). A blocked vCPU without IPIv is kicked by KVM.
    unchecked((vPir[v] = vPir[v] | bits));
    if (s == V_POLL) kvmHaltKick(v);
    else if (s == V_BLOCKED && via == VIA_POSTED) kvmHaltKick(v);
    else if (s == V_GUEST || s == V_HALTED || s == V_BLOCKED) {
      let flight = plainCost(C.APIC_IPI_DELIVERY_CYCLES);
      if (via == VIA_POSTED) flight += plainCost(C.POSTED_INTR_SEND_CYCLES);
      after(ns(flight), EV_PI_NOTIFY, v, 0);
    }
    return; // V_EXIT, V_WAKE, V_RUNNABLE: synced at the next entry
  }
  unchecked((vIrr[v] = vIrr[v] | bits));
  if (s == V_GUEST || s == V_HALTED) {
    // kvm_vcpu_kick's reschedule IPI, or the LAPIC timer's host interrupt, forces an exit.
    if (s == V_GUEST) pauseOp(v);
    const timer = via == VIA_TIMER;
    const reason = timer && C.HV_TIMER ? EXIT_REASON_PREEMPTION_TIMER : EXIT_REASON_EXTERNAL_INTERRUPT;
    const handler = timer ? C.TIMER_EXPIRY_HANDLER_CYCLES : C.RESCHED_HANDLER_CYCLES;
    vmexit(v, reason, handler, s == V_HALTED ? KIND_RESUME_HALTED : KIND_RESUME);
  } else if (s == V_POLL) {
    kvmHaltKick(v);
  } else if (s == V_BLOCKED) {
    if (via == VIA_TIMER) kvmHaltWakeLocal(v, C.TIMER_EXPIRY_HANDLER_CYCLES);
    else kvmHaltKick(v);
  }
  // V_EXIT, V_WAKE, V_RUNNABLE: injected at the next entry.
}

/**
 * A posted-interrupt notification reaches the vCPU's pCPU. In guest mode the
 * CPU moves PIR to the virtual IRR and delivers it without an exit (a halted
 * core first leaves C1); a blocked vCPU is woken by the wake-up vector; else
 * the PIR waits for the next entry.
 */
export function onPiNotify(v: i32, _arg: i32): void {
  const s = unchecked(vState[v]);
  if (s == V_BLOCKED) {
    kvmHaltWakeLocal(v, C.PI_WAKEUP_HANDLER_CYCLES); // IPIv's wake-up vector on the pCPU it blocked on
    return;
  }
  if (s == V_POLL) {
    kvmHaltKick(v);
    return;
  }
  if (s != V_GUEST && s != V_HALTED) return;
  syncPir(v);
  if (unchecked(vIrr[v]) == 0) return;
  unchecked((vExtraDispatch[v] = C.POSTED_INTR_PROCESS_CYCLES));
  if (s == V_HALTED) {
    unchecked((vState[v] = V_WAKE));
    setMode(pcpuOf(v), MODE_GUEST, now, v); // the core leaves C1 in guest mode: no exit, no entry
    enterGuestAt(v, now + ns(plainCost(C.C1_EXIT_CYCLES)));
  } else if (!ifClear(v)) {
    pauseOp(v);
    runGuest(v);
  }
}

/** A host tick on the pCPU this vCPU runs on. */
function vcpuHostTick(v: i32): void {
  hostInterrupt(v, C.HOST_TICK_HANDLER_CYCLES);
}

/** A host interrupt other than the tick (hw/irq.ts) on the pCPU this vCPU runs on. */
function vcpuHostIrq(v: i32, cycles: f64): void {
  const s = unchecked(vState[v]);
  if (s == V_POLL) kvmPollDelayed(v, ns(cycles));
  else hostInterrupt(v, cycles);
}

/** A host interrupt in guest mode is an EXTERNAL_INTERRUPT exit; a poller may have to stop. */
function hostInterrupt(v: i32, handlerCycles: f64): void {
  const s = unchecked(vState[v]);
  if (s == V_GUEST) {
    pauseOp(v);
    vmexit(v, EXIT_REASON_EXTERNAL_INTERRUPT, handlerCycles, KIND_RESUME);
  } else if (s == V_HALTED) {
    vmexit(v, EXIT_REASON_EXTERNAL_INTERRUPT, handlerCycles, KIND_RESUME_HALTED);
  } else if (s == V_POLL && reschedPending(pcpuOf(v))) {
    kvmPollInterrupted(v);
  }
}

/** A reschedule IPI for this vCPU's pCPU: another task should run there now. */
function vcpuReschedIpi(v: i32): void {
  hostInterrupt(v, C.RESCHED_HANDLER_CYCLES);
}

/** Another task became runnable on this vCPU's pCPU. */
function vcpuRunqueueChanged(v: i32): void {
  if (unchecked(vState[v]) == V_POLL) kvmPollInterrupted(v);
}

/** Something ended a polling or spinning op early (need_resched seen, lock handed over). */
export function vcpuNudge(v: i32): void {
  if (unchecked(vState[v]) != V_GUEST || ifClear(v)) return;
  const t = ops.frontType(v);
  if (t != ops.OP_POLL_IDLE && t != ops.OP_SPIN_LOCK) return;
  pauseOp(v);
  runGuest(v);
}

/** An exit for a device access (kvm/mmio.ts): the handler's cycles include any trip to userspace. */
export function deviceExit(v: i32, reason: i32, handlerCycles: f64): void {
  vmexit(v, reason, handlerCycles, KIND_RESUME);
}

/** PAUSE-loop exit taken from ple.ts. */
export function pauseExit(v: i32, handlerCycles: f64): void {
  vmexit(v, EXIT_REASON_PAUSE_INSTRUCTION, handlerCycles, KIND_RESUME);
}

/** An interrupt waits for the vCPU (kvm_arch_dy_has_pending_interrupt). */
export function irqPending(v: i32): bool {
  return unchecked(vIrr[v]) != 0 || unchecked(vPir[v]) != 0;
}
