// The ipi-hlt microbenchmark of S1 (shared/reference/seed-figures.md §1):
// vCPU0 halts; delay_ns later vCPU1 writes the x2APIC ICR to send it an IPI;
// the latency runs from that write to the first instruction of vCPU0's
// handler. vCPU0 runs on pCPU0 and vCPU1 on pCPU1; the host is otherwise idle.
import { after, now, evKind, evArg } from '../engine';
import { cyclesToNs, nsToCycles, plainCost, hostCost, jitter } from '../cost';
import * as C from '../preset';
import { uniform } from '../rng';
import { param, paramI64, P_ITERATIONS, P_WARMUP, P_DELAY_NS, P_VIRT } from '../params';
import { EXIT_REASON_HLT, EXIT_REASON_MSR_WRITE } from '../exit_reason';
import {
  countExit, countMsrWrite, addHalt, recordSample, MSR_X2APIC_ICR, MSR_X2APIC_EOI,
  HALT_EXITS, HALT_ATTEMPTED_POLL, HALT_SUCCESSFUL_POLL, HALT_WAKEUP,
  HALT_POLL_SUCCESS_NS, HALT_POLL_FAIL_NS, HALT_WAIT_NS,
} from '../stats';
import { setMode, MODE_GUEST, MODE_HOST, MODE_POLL, MODE_IDLE } from '../pcpu';
import { pollWindow, adapt } from '../halt_poll';

const TARGET = 0; // vCPU0 on pCPU0 halts
const SENDER = 1; // vCPU1 on pCPU1 sends the IPI

// Events
const EV_HLT = 1; // vCPU0 executes HLT
const EV_HALT_ENTER = 2; // kvm_emulate_halt done: enter kvm_vcpu_halt
const EV_POLL_TIMEOUT = 3; // the poll window ran out (arg = poll generation)
const EV_SWITCHED_OUT = 4; // schedule() finished switching to the idle task
const EV_IPI_SEND = 5; // vCPU1 reads the TSC (A) and writes the ICR
const EV_KICK = 6; // KVM calls kvm_vcpu_kick on vCPU0
const EV_SENDER_RESUME = 7; // vCPU1 back in the guest
const EV_WAKE_SEEN = 8; // the wake-up reaches vCPU0's host thread
const EV_HALT_DONE = 9; // return from schedule() / the poll loop in kvm_vcpu_block
const EV_VMRUN = 10; // vmx_vcpu_run reached after kvm_sched_in / state reload
const EV_HANDLER = 11; // first instruction of the guest's IPI handler (B)
const EV_EOI_DONE = 12; // the handler's EOI write exit handled; back in the guest
const EV_BARE_DELIVER = 13; // bare metal: the IPI reaches the halted core's APIC
const EV_BARE_WAKE = 14; // bare metal: the core has left C1

// vCPU0's halt state
const S_GUEST = 0;
const S_EXITING = 1;
const S_POLLING = 2;
const S_BLOCKED = 3;
const S_WAKING = 4;

let virtOn = true;
let remaining: i64 = 0; // iterations left, warm-up included
let warmupLeft: i64 = 0;
let state = S_GUEST;
let irqPending = false;
let pollGen: i32 = 0;
let waited = false; // scheduled out during this halt
let polled = false; // polling was attempted during this halt
let wakeInFlight = false;
let haltStart: i64 = 0;
let pollEnd: i64 = 0;
let switchedOutAt: i64 = 0;
let haltWindow: i64 = 0; // the poll window this halt started with
// Timestamps of the critical path for the current iteration.
let tA: i64 = 0;
let tKick: i64 = 0;
let tWake: i64 = 0;
let tHaltDone: i64 = 0;
let tVmrun: i64 = 0;
export let done = false;

export function start(): void {
  virtOn = param(P_VIRT) == 0;
  warmupLeft = paramI64(P_WARMUP);
  remaining = paramI64(P_ITERATIONS) + warmupLeft;
  state = S_GUEST;
  irqPending = false;
  pollGen = 0;
  wakeInFlight = false;
  done = remaining <= 0;
  setMode(TARGET, MODE_GUEST, 0);
  setMode(SENDER, MODE_GUEST, 0);
  if (!done) after(0, EV_HLT, TARGET, 0);
}

@inline function ns(cycles: f64): i64 {
  return cyclesToNs(cycles);
}

export function handle(): void {
  switch (evKind) {
    case EV_HLT: onHlt(); break;
    case EV_HALT_ENTER: onHaltEnter(); break;
    case EV_POLL_TIMEOUT: onPollTimeout(); break;
    case EV_SWITCHED_OUT: if (state == S_BLOCKED) setMode(TARGET, MODE_IDLE, now); break;
    case EV_IPI_SEND: onIpiSend(); break;
    case EV_KICK: onKick(); break;
    case EV_SENDER_RESUME: setMode(SENDER, MODE_GUEST, now); break;
    case EV_WAKE_SEEN: onWakeSeen(); break;
    case EV_HALT_DONE: onHaltDone(); break;
    case EV_VMRUN: onVmrun(); break;
    case EV_HANDLER: onHandler(); break;
    case EV_EOI_DONE: onEoiDone(); break;
    case EV_BARE_DELIVER: onBareDeliver(); break;
    case EV_BARE_WAKE: onBareWake(); break;
    default: break;
  }
}

function onHlt(): void {
  // The sender starts its delay when vCPU0 announces it is about to halt.
  after(paramI64(P_DELAY_NS), EV_IPI_SEND, SENDER, 0);
  if (!virtOn) {
    state = S_BLOCKED;
    setMode(TARGET, MODE_IDLE, now); // the core itself sits in C1
    return;
  }
  countExit(TARGET, EXIT_REASON_HLT);
  addHalt(TARGET, HALT_EXITS, 1);
  state = S_EXITING;
  setMode(TARGET, MODE_HOST, now);
  after(ns(plainCost(C.VMEXIT_CYCLES) + hostCost(C.HLT_HANDLER_CYCLES)), EV_HALT_ENTER, TARGET, 0);
}

// kvm_vcpu_halt: poll for the vCPU's window, else (or then) block.
function onHaltEnter(): void {
  haltStart = now;
  pollEnd = now;
  waited = false;
  const window = pollWindow(TARGET);
  haltWindow = window;
  polled = window != 0;
  if (irqPending) {
    // kvm_vcpu_check_block sees the IRQ before any poll round or schedule().
    state = S_POLLING;
    wakeInFlight = true;
    after(0, EV_WAKE_SEEN, TARGET, 0);
    return;
  }
  if (polled) {
    state = S_POLLING;
    setMode(TARGET, MODE_POLL, now);
    pollGen++;
    after(window, EV_POLL_TIMEOUT, TARGET, pollGen);
  } else {
    block();
  }
}

function onPollTimeout(): void {
  if (state != S_POLLING || wakeInFlight || evArg != pollGen) return;
  pollEnd = now;
  block();
}

// kvm_vcpu_block: schedule() to the idle task.
function block(): void {
  state = S_BLOCKED;
  waited = true;
  setMode(TARGET, MODE_HOST, now);
  const d = ns(hostCost(C.CONTEXT_SWITCH_CYCLES));
  switchedOutAt = now + d;
  after(d, EV_SWITCHED_OUT, TARGET, 0);
}

function onIpiSend(): void {
  tA = now;
  if (!virtOn) {
    const s = jitter(C.BARE_ICR_WRITE_CYCLES, C.BARE_JITTER_SIGMA) + jitter(C.APIC_IPI_DELIVERY_CYCLES, C.BARE_JITTER_SIGMA);
    after(ns(s), EV_BARE_DELIVER, TARGET, 0);
    return;
  }
  // No APICv on the S1 host: the ICR write exits.
  countExit(SENDER, EXIT_REASON_MSR_WRITE);
  countMsrWrite(SENDER, MSR_X2APIC_ICR);
  setMode(SENDER, MODE_HOST, now);
  after(ns(plainCost(C.VMEXIT_CYCLES) + hostCost(C.ICR_WRITE_HANDLER_CYCLES)), EV_KICK, TARGET, 0);
}

// kvm_vcpu_kick on vCPU0: set the IRR bit, wake the thread if it sleeps.
function onKick(): void {
  tKick = now;
  after(ns(plainCost(C.VMENTRY_CYCLES)), EV_SENDER_RESUME, SENDER, 0);
  irqPending = true;
  if (state == S_POLLING && !wakeInFlight) {
    // The poller sees the pending IRQ once the cache line arrives, at some
    // point of its current poll round.
    wakeInFlight = true;
    after(ns(plainCost(C.CACHELINE_TRANSFER_CYCLES) + uniform() * C.POLL_ITERATION_CYCLES), EV_WAKE_SEEN, TARGET, 0);
  } else if (state == S_BLOCKED && !wakeInFlight) {
    // kvm_vcpu_wake_up -> try_to_wake_up -> reschedule IPI to the idle pCPU.
    wakeInFlight = true;
    addHalt(TARGET, HALT_WAKEUP, 1);
    let at = now + ns(hostCost(C.TTWU_REMOTE_CYCLES) + plainCost(C.RESCHED_IPI_CYCLES));
    if (at < switchedOutAt) at = switchedOutAt;
    after(at - now, EV_WAKE_SEEN, TARGET, 0);
  }
  // S_GUEST / S_EXITING: the pending IRQ is found at kvm_vcpu_halt entry.
}

function onWakeSeen(): void {
  tWake = now;
  setMode(TARGET, MODE_HOST, now);
  let c = hostCost(C.HALT_BOOKKEEPING_CYCLES);
  if (waited) {
    c += hostCost(C.IDLE_EXIT_CYCLES) + hostCost(C.CONTEXT_SWITCH_CYCLES);
  } else {
    pollEnd = now;
  }
  state = S_WAKING;
  after(ns(c), EV_HALT_DONE, TARGET, 0);
}

// End of kvm_vcpu_halt: halt stats and the window's adaptation.
function onHaltDone(): void {
  tHaltDone = now;
  const halt_ns = now - haltStart;
  if (waited) addHalt(TARGET, HALT_WAIT_NS, now - pollEnd);
  if (polled) {
    addHalt(TARGET, HALT_ATTEMPTED_POLL, 1);
    if (!waited) {
      addHalt(TARGET, HALT_SUCCESSFUL_POLL, 1);
      addHalt(TARGET, HALT_POLL_SUCCESS_NS, pollEnd - haltStart);
    } else {
      addHalt(TARGET, HALT_POLL_FAIL_NS, pollEnd - haltStart);
    }
  }
  adapt(TARGET, halt_ns);
  let c = hostCost(C.ENTRY_PREP_CYCLES);
  if (waited) c += hostCost(C.VCPU_LOAD_CYCLES); // kvm_sched_in reloads the vCPU
  after(ns(c), EV_VMRUN, TARGET, 0);
}

function onVmrun(): void {
  tVmrun = now;
  setMode(TARGET, MODE_GUEST, now);
  let c = plainCost(C.VMENTRY_INJECT_CYCLES) + plainCost(C.IRQ_DISPATCH_CYCLES);
  if (waited) c += plainCost(C.COLD_CACHE_CYCLES);
  after(ns(c), EV_HANDLER, TARGET, 0);
}

function onHandler(): void {
  state = S_GUEST;
  irqPending = false;
  wakeInFlight = false;
  if (warmupLeft > 0) {
    warmupLeft--;
  } else if (virtOn) {
    recordSample(cyc(now - tA), cyc(tKick - tA), cyc(tWake - tKick), cyc(tHaltDone - tWake), cyc(tVmrun - tHaltDone), cyc(now - tVmrun), <i32>haltWindow);
  } else {
    recordSample(cyc(now - tA), cyc(tKick - tA), cyc(tWake - tKick), cyc(now - tWake), 0, 0, 0);
  }
  remaining--;
  if (!virtOn) {
    if (remaining > 0) after(ns(plainCost(C.GUEST_LOOP_CYCLES)), EV_HLT, TARGET, 0);
    else done = true;
    return;
  }
  // The handler's EOI write exits (no APICv on the S1 host).
  countExit(TARGET, EXIT_REASON_MSR_WRITE);
  countMsrWrite(TARGET, MSR_X2APIC_EOI);
  setMode(TARGET, MODE_HOST, now);
  after(ns(plainCost(C.VMEXIT_CYCLES) + hostCost(C.EOI_HANDLER_CYCLES) + plainCost(C.VMENTRY_CYCLES)), EV_EOI_DONE, TARGET, 0);
}

function onEoiDone(): void {
  setMode(TARGET, MODE_GUEST, now);
  if (remaining > 0) after(ns(plainCost(C.GUEST_LOOP_CYCLES)), EV_HLT, TARGET, 0);
  else done = true;
}

function onBareDeliver(): void {
  tKick = now;
  after(ns(jitter(C.C1_EXIT_CYCLES, C.BARE_JITTER_SIGMA)), EV_BARE_WAKE, TARGET, 0);
}

function onBareWake(): void {
  tWake = now;
  setMode(TARGET, MODE_GUEST, now);
  after(ns(jitter(C.IRQ_DISPATCH_CYCLES, C.BARE_JITTER_SIGMA)), EV_HANDLER, TARGET, 0);
}

@inline function cyc(d: i64): i32 {
  return <i32>Math.round(nsToCycles(d));
}
