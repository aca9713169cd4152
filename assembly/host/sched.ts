// The host: physical CPUs, each with a run queue of tasks (vCPU threads and
// other host tasks), CFS-like fair sharing by slices checked at the host tick,
// wake-ups through reschedule IPIs, wake-up preemption of CPU hogs by sleepers,
// and directed yield. Task ids 0..MAX_VCPUS-1 are vCPU threads; higher ids are
// other host tasks that never sleep.
import { now, after, schedule } from '../sim/engine';
import { EV_SWITCH_DONE, EV_RESCHED_IPI, EV_HOST_TICK } from '../sim/events';
import { MAX_VCPUS, MAX_PCPUS } from '../sim/stats';
import { setMode, MODE_HOST, MODE_IDLE, MODE_OTHER } from '../hw/pcpu';
import { cyclesToNs, hostCost, plainCost } from '../hw/cost';
import * as C from '../hw/preset';

// Upward calls into KVM go through hooks it registers, as Linux does with
// preempt notifiers (kvm_sched_in) and the vCPU thread's own code.
function noopTaskCpu(t: i32, p: i32): void {}
function noopTask(t: i32): void {}
let vcpuSchedIn: (t: i32, p: i32) => void = noopTaskCpu;
let vcpuHostTick: (t: i32) => void = noopTask;
let vcpuRunqueueChanged: (t: i32) => void = noopTask;
let vcpuWakeSeen: (t: i32) => void = noopTask;

/** KVM's hooks: sched-in of a vCPU thread, a host tick or a new runnable task on its pCPU, its wake-up IPI arriving. */
export function registerVcpuThreadHooks(
  schedIn: (t: i32, p: i32) => void, hostTick: (t: i32) => void, runqueueChanged: (t: i32) => void, wakeSeen: (t: i32) => void,
): void {
  vcpuSchedIn = schedIn;
  vcpuHostTick = hostTick;
  vcpuRunqueueChanged = runqueueChanged;
  vcpuWakeSeen = wakeSeen;
}

export const MAX_HOGS = 8;
export const MAX_TASKS = MAX_VCPUS + MAX_HOGS;

const T_SLEEP = 0;
const T_RUNNABLE = 1;
const T_RUNNING = 2;

const taskState = new StaticArray<i32>(MAX_TASKS);
export const taskCpu = new StaticArray<i32>(MAX_TASKS);
const taskPin = new StaticArray<i32>(MAX_TASKS);

export const curr = new StaticArray<i32>(MAX_PCPUS); // running task, -1 = idle task
const switching = new StaticArray<bool>(MAX_PCPUS);
const switchDoneAt = new StaticArray<i64>(MAX_PCPUS);
const incoming = new StaticArray<i32>(MAX_PCPUS); // woken task whose reschedule IPI is in flight
const preemptFor = new StaticArray<bool>(MAX_PCPUS); // that IPI preempts a hog rather than ending idle
const needResched = new StaticArray<bool>(MAX_PCPUS);
const sliceStart = new StaticArray<i64>(MAX_PCPUS);
const rq = new StaticArray<i32>(MAX_PCPUS * MAX_TASKS);
const rqLen = new StaticArray<i32>(MAX_PCPUS);

let nPcpus = 0;
let nHogs = 0;
let tickPeriod: i64 = 0;

@inline export function isHog(t: i32): bool {
  return t >= MAX_VCPUS;
}

export function hostReset(pcpus: i32, vcpus: i32, hogs: i32, pinned: bool, hostHz: i64): void {
  nPcpus = pcpus;
  nHogs = hogs;
  tickPeriod = 1000000000 / hostHz;
  taskState.fill(T_SLEEP);
  curr.fill(-1);
  switching.fill(false);
  incoming.fill(-1);
  preemptFor.fill(false);
  needResched.fill(false);
  sliceStart.fill(0);
  rqLen.fill(0);
  for (let v = 0; v < vcpus; v++) {
    unchecked((taskPin[v] = pinned ? v % pcpus : -1));
    unchecked((taskCpu[v] = v % pcpus));
  }
  for (let h = 0; h < hogs; h++) {
    const t = MAX_VCPUS + h;
    unchecked((taskPin[t] = h % pcpus));
    unchecked((taskCpu[t] = h % pcpus));
  }
}

/** Put every task on its first pCPU and start the ticks. */
export function hostStart(vcpus: i32): void {
  for (let v = 0; v < vcpus; v++) enqueue(unchecked(taskCpu[v]), v);
  for (let h = 0; h < nHogs; h++) enqueue(unchecked(taskCpu[MAX_VCPUS + h]), MAX_VCPUS + h);
  for (let p = 0; p < nPcpus; p++) {
    setMode(p, MODE_IDLE, 0);
    if (rqLen[p] > 0) switchTo(p, pickNext(p), 0);
    // Stagger the ticks so pCPUs do not tick in lock-step.
    schedule((tickPeriod * <i64>(p + 1)) / <i64>(nPcpus + 1), EV_HOST_TICK, p, 0);
  }
}

/** single_task_running() is false: another task waits on this pCPU. */
@inline export function othersRunnable(p: i32): bool {
  return unchecked(rqLen[p]) > 0;
}

@inline export function reschedPending(p: i32): bool {
  return unchecked(needResched[p]);
}

function enqueue(p: i32, t: i32): void {
  unchecked((rq[p * MAX_TASKS + rqLen[p]] = t));
  unchecked((rqLen[p] = rqLen[p] + 1));
  unchecked((taskState[t] = T_RUNNABLE));
  unchecked((taskCpu[t] = p));
  const c = unchecked(curr[p]);
  if (c >= 0 && !isHog(c) && !unchecked(switching[p])) vcpuRunqueueChanged(c);
}

function pickNext(p: i32): i32 {
  const n = unchecked(rqLen[p]);
  if (n == 0) return -1;
  const b = p * MAX_TASKS;
  const t = unchecked(rq[b]);
  for (let i = 1; i < n; i++) unchecked((rq[b + i - 1] = rq[b + i]));
  unchecked((rqLen[p] = n - 1));
  return t;
}

function removeFromRq(p: i32, t: i32): bool {
  const b = p * MAX_TASKS;
  const n = unchecked(rqLen[p]);
  for (let i = 0; i < n; i++) {
    if (unchecked(rq[b + i]) == t) {
      for (let j = i + 1; j < n; j++) unchecked((rq[b + j - 1] = rq[b + j]));
      unchecked((rqLen[p] = n - 1));
      return true;
    }
  }
  return false;
}

/** Start a context switch on p to task `next` (-1: the idle task). */
function switchTo(p: i32, next: i32, extraCycles: f64): void {
  unchecked((curr[p] = next));
  unchecked((switching[p] = true));
  unchecked((needResched[p] = false));
  if (next >= 0) unchecked((taskState[next] = T_RUNNING));
  setMode(p, MODE_HOST, now);
  const d = cyclesToNs(hostCost(C.CONTEXT_SWITCH_CYCLES) + extraCycles);
  unchecked((switchDoneAt[p] = now + d));
  after(d, EV_SWITCH_DONE, p, 0);
}

export function onSwitchDone(p: i32): void {
  unchecked((switching[p] = false));
  unchecked((sliceStart[p] = now));
  const t = unchecked(curr[p]);
  if (t < 0) setMode(p, MODE_IDLE, now);
  else if (isHog(t)) setMode(p, MODE_OTHER, now);
  else vcpuSchedIn(t, p);
}

/** The running task on p sleeps (a vCPU in kvm_vcpu_block). */
export function taskBlock(p: i32): void {
  const t = unchecked(curr[p]);
  if (t >= 0) unchecked((taskState[t] = T_SLEEP));
  switchTo(p, pickNext(p), 0);
}

/** The running task on p is preempted: back of the run queue, next one runs. */
export function preemptCurrent(p: i32): void {
  const t = unchecked(curr[p]);
  const next = pickNext(p);
  if (t >= 0) enqueue(p, t);
  switchTo(p, next, 0);
}

function selectCpu(t: i32): i32 {
  const pin = unchecked(taskPin[t]);
  if (pin >= 0) return pin;
  const prev = unchecked(taskCpu[t]);
  if (idleCpu(prev)) return prev;
  for (let p = 0; p < nPcpus; p++) if (idleCpu(p)) return p;
  return prev;
}

@inline function idleCpu(p: i32): bool {
  return unchecked(curr[p]) < 0 && unchecked(incoming[p]) < 0 && unchecked(rqLen[p]) == 0;
}

/**
 * try_to_wake_up of a sleeping vCPU thread. An idle pCPU gets a reschedule
 * IPI and leaves idle; a pCPU running a CPU hog is preempted in the sleeper's
 * favour (CFS wake-up preemption); a pCPU running another vCPU queues it.
 */
export function taskWake(t: i32): void {
  if (unchecked(taskState[t]) != T_SLEEP) return;
  const p = selectCpu(t);
  const c = unchecked(curr[p]);
  const flight = cyclesToNs(hostCost(C.TTWU_REMOTE_CYCLES) + plainCost(C.RESCHED_IPI_CYCLES));
  if (unchecked(incoming[p]) < 0 && (c < 0 || (isHog(c) && !unchecked(switching[p])))) {
    unchecked((incoming[p] = t));
    unchecked((preemptFor[p] = c >= 0));
    unchecked((taskState[t] = T_RUNNABLE));
    unchecked((taskCpu[t] = p));
    let at = now + flight;
    if (unchecked(switching[p]) && at < unchecked(switchDoneAt[p])) at = unchecked(switchDoneAt[p]);
    schedule(at, EV_RESCHED_IPI, p, 0);
  } else {
    enqueue(p, t);
  }
}

export function onReschedIpi(p: i32): void {
  const t = unchecked(incoming[p]);
  unchecked((incoming[p] = -1));
  if (t < 0) return;
  if (!isHog(t)) vcpuWakeSeen(t);
  const c = unchecked(curr[p]);
  if (unchecked(preemptFor[p]) && c >= 0) {
    if (unchecked(switching[p])) {
      enqueue(p, t); // the hog already left; the queue decides
      return;
    }
    enqueue(p, c);
    switchTo(p, t, 0);
  } else if (c < 0) {
    // Leave the idle loop, then switch to the woken thread.
    switchTo(p, t, hostCost(C.IDLE_EXIT_CYCLES));
  } else {
    enqueue(p, t);
  }
}

/** CFS slice: the scheduling period shared by the runnable tasks, at least the minimum granularity. */
@inline function slice(p: i32): i64 {
  const s = C.SCHED_LATENCY_NS / <i64>(unchecked(rqLen[p]) + 1);
  return s > C.SCHED_MIN_GRANULARITY_NS ? s : C.SCHED_MIN_GRANULARITY_NS;
}

export function onHostTick(p: i32): void {
  after(tickPeriod, EV_HOST_TICK, p, 0);
  const t = unchecked(curr[p]);
  if (t < 0 || unchecked(switching[p])) return; // NOHZ idle: no tick work
  if (unchecked(rqLen[p]) > 0 && now - unchecked(sliceStart[p]) >= slice(p)) unchecked((needResched[p] = true));
  if (isHog(t)) {
    if (unchecked(needResched[p])) preemptCurrent(p);
  } else {
    vcpuHostTick(t);
  }
}

/**
 * yield_to(): give `target` (a preempted vCPU thread) the CPU it waits for.
 * It moves to the head of its run queue and that pCPU reschedules. False if
 * the target is not waiting to run.
 */
export function yieldTo(target: i32): bool {
  if (unchecked(taskState[target]) != T_RUNNABLE) return false;
  const q = unchecked(taskCpu[target]);
  if (!removeFromRq(q, target)) return false;
  // Put it first in line.
  const b = q * MAX_TASKS;
  for (let i = unchecked(rqLen[q]); i > 0; i--) unchecked((rq[b + i] = rq[b + i - 1]));
  unchecked((rq[b] = target));
  unchecked((rqLen[q] = rqLen[q] + 1));
  const c = unchecked(curr[q]);
  if (c >= 0 && isHog(c) && !unchecked(switching[q])) preemptCurrent(q);
  else unchecked((needResched[q] = true));
  return true;
}

@inline export function isRunnable(t: i32): bool {
  return unchecked(taskState[t]) == T_RUNNABLE;
}
