// The host threads that serve emulated and paravirtual devices: QEMU's main
// loop (userspace device models, bottom halves, aio completions) and the
// vhost-net worker (a kernel thread). Each serves one item at a time in
// arrival order on a pCPU of its own, beside the vCPUs' (S2 §4: the VM ran on
// host CPUs 2 and 3, everything else elsewhere). A thread asleep in
// ppoll()/schedule() pays the host's wake-up path before its first item.
import { now, schedule } from '../sim/engine';
import { EV_BACKEND_DONE } from '../sim/events';
import { cyclesToNs, hostCost, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import { addCounter } from '../sim/stats';
import { COUNTER_BACKEND_BUSY_NS, COUNTER_BACKEND_WAKEUPS } from '../sim/device_events';

export const BACKEND_QEMU = 0; // QEMU's main-loop thread
export const BACKEND_VHOST = 1; // the vhost worker kthread
const THREADS = 2;
const CAP = 1024;

const qKind = new StaticArray<i32>(THREADS * CAP);
const qTag = new StaticArray<i32>(THREADS * CAP);
const qCost = new StaticArray<f64>(THREADS * CAP);
const qHead = new StaticArray<i32>(THREADS);
const qLen = new StaticArray<i32>(THREADS);
const busy = new StaticArray<bool>(THREADS);
const busyNs = new StaticArray<i64>(THREADS);
const wakeups = new StaticArray<i64>(THREADS);
/** Set when a queue overflowed (a model bug or a run far past saturation): items were dropped. */
export let backendDropped: i64 = 0;

function noop(th: i32, kind: i32, tag: i32): void {}
let onDone: (th: i32, kind: i32, tag: i32) => void = noop;

/** The device models' hook: thread `th` finished work item (kind, tag). */
export function registerBackendHook(f: (th: i32, kind: i32, tag: i32) => void): void {
  onDone = f;
}

export function backendReset(): void {
  qHead.fill(0);
  qLen.fill(0);
  busy.fill(false);
  busyNs.fill(0);
  wakeups.fill(0);
  backendDropped = 0;
  onDone = noop;
}

/** Queue work for thread th costing `cycles` of host time. */
export function backendSubmit(th: i32, kind: i32, tag: i32, cycles: f64): void {
  const n = unchecked(qLen[th]);
  if (n >= CAP) {
    backendDropped++;
    return;
  }
  const i = th * CAP + ((unchecked(qHead[th]) + n) & (CAP - 1));
  unchecked((qKind[i] = kind));
  unchecked((qTag[i] = tag));
  unchecked((qCost[i] = cycles));
  unchecked((qLen[th] = n + 1));
  if (!unchecked(busy[th])) {
    // Asleep: the waker's try_to_wake_up, the reschedule IPI, leaving idle and switching in.
    unchecked((wakeups[th] = wakeups[th] + 1));
    addCounter(COUNTER_BACKEND_WAKEUPS, 1);
    const wake = plainCost(C.RESCHED_IPI_CYCLES) + plainCost(C.IDLE_EXIT_CYCLES) + plainCost(C.CONTEXT_SWITCH_CYCLES);
    startNext(th, wake);
  }
}

function startNext(th: i32, extraCycles: f64): void {
  const i = th * CAP + unchecked(qHead[th]);
  const d = cyclesToNs(extraCycles + hostCost(unchecked(qCost[i])));
  unchecked((busy[th] = true));
  unchecked((busyNs[th] = busyNs[th] + d));
  addCounter(COUNTER_BACKEND_BUSY_NS, d);
  schedule(now + d, EV_BACKEND_DONE, th, 0);
}

export function onBackendDone(th: i32): void {
  const i = th * CAP + unchecked(qHead[th]);
  const kind = unchecked(qKind[i]);
  const tag = unchecked(qTag[i]);
  unchecked((qHead[th] = (qHead[th] + 1) & (CAP - 1)));
  unchecked((qLen[th] = qLen[th] - 1));
  onDone(th, kind, tag); // what it queues now is served without a sleep in between
  if (unchecked(qLen[th]) > 0) startNext(th, 0);
  else unchecked((busy[th] = false)); // back to ppoll() / schedule()
}

@inline export function backendBusy(th: i32): bool {
  return unchecked(busy[th]);
}

/** Time thread th spent serving (ns), including its wake-ups. */
@inline export function backendBusyNs(th: i32): i64 {
  return unchecked(busyNs[th]);
}

@inline export function backendWakeups(th: i32): i64 {
  return unchecked(wakeups[th]);
}
