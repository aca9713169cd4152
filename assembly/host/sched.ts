// The host scheduler beside KVM: physical CPUs, each with a run queue of
// tasks (vCPU threads and other host tasks), fair sharing by virtual runtime.
// Snb-3.11 runs CFS: a sleeper is placed at most sched_latency/2 behind
// min_vruntime and preempts the running task only if it is more than the
// wake-up granularity behind it; a task that cannot preempt waits for the
// current one's slice to end at a tick. Spr-6.x runs EEVDF (Linux 6.6+): a
// woken task keeps its lag and preempts only with an earlier virtual
// deadline. Wake-ups from another pCPU travel as reschedule IPIs; a pCPU
// leaving idle pays its C-state's exit latency. Task ids 0..MAX_VCPUS-1 are
// vCPU threads; higher ids are other host tasks that never sleep.
import { now, after, schedule } from '../sim/engine';
import { EV_SWITCH_DONE, EV_RESCHED_IPI, EV_HOST_TICK } from '../sim/events';
import { MAX_VCPUS, MAX_PCPUS } from '../sim/stats';
import { setMode, MODE_HOST, MODE_IDLE, MODE_OTHER } from '../hw/pcpu';
import { cyclesToNs, hostCost, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import { cstateExtraCycles, cstateEnterIdle, cstateLeaveIdle, cstateReset } from './cpuidle';

// Upward calls into KVM go through hooks it registers, as Linux does with
// preempt notifiers (kvm_sched_in / kvm_sched_out) and the vCPU thread's code.
function noopTaskCpu(t: i32, p: i32): void {}
function noopTask(t: i32): void {}
let vcpuSchedIn: (t: i32, p: i32) => void = noopTaskCpu;
let vcpuSchedOut: (t: i32, p: i32) => void = noopTaskCpu;
let vcpuHostTick: (t: i32) => void = noopTask;
let vcpuRunqueueChanged: (t: i32) => void = noopTask;
let vcpuWakeSeen: (t: i32) => void = noopTask;
let vcpuReschedIpi: (t: i32) => void = noopTask;

/** KVM's hooks on its vCPU threads. */
export function registerVcpuThreadHooks(
  schedIn: (t: i32, p: i32) => void, schedOut: (t: i32, p: i32) => void, hostTick: (t: i32) => void,
  runqueueChanged: (t: i32) => void, wakeSeen: (t: i32) => void, reschedIpi: (t: i32) => void,
): void {
  vcpuSchedIn = schedIn;
  vcpuSchedOut = schedOut;
  vcpuHostTick = hostTick;
  vcpuRunqueueChanged = runqueueChanged;
  vcpuWakeSeen = wakeSeen;
  vcpuReschedIpi = reschedIpi;
}

export const MAX_HOGS = 8;
export const MAX_TASKS = MAX_VCPUS + MAX_HOGS;

const T_SLEEP = 0;
const T_RUNNABLE = 1;
const T_RUNNING = 2;

const taskState = new StaticArray<i32>(MAX_TASKS);
export const taskCpu = new StaticArray<i32>(MAX_TASKS);
const taskPin = new StaticArray<i32>(MAX_TASKS);
const vruntime = new StaticArray<i64>(MAX_TASKS);
const deadline = new StaticArray<i64>(MAX_TASKS); // EEVDF virtual deadline
const lag = new StaticArray<i64>(MAX_TASKS); // EEVDF lag saved at dequeue
const execStart = new StaticArray<i64>(MAX_TASKS);

export const curr = new StaticArray<i32>(MAX_PCPUS); // running task, -1 = idle task
const switching = new StaticArray<bool>(MAX_PCPUS);
const switchDoneAt = new StaticArray<i64>(MAX_PCPUS);
const ipiInFlight = new StaticArray<bool>(MAX_PCPUS);
const needResched = new StaticArray<bool>(MAX_PCPUS);
const sliceStart = new StaticArray<i64>(MAX_PCPUS);
const minVruntime = new StaticArray<i64>(MAX_PCPUS);
const nextBuddy = new StaticArray<i32>(MAX_PCPUS);
const skipBuddy = new StaticArray<i32>(MAX_PCPUS);
const rq = new StaticArray<i32>(MAX_PCPUS * MAX_TASKS);
const rqLen = new StaticArray<i32>(MAX_PCPUS);
const lastRan = new StaticArray<i32>(MAX_PCPUS); // the last task (not the idle task) that ran on p
const evicted = new StaticArray<bool>(MAX_PCPUS); // the task switching in finds another task's footprint in the caches

let nPcpus = 0;
let nHogs = 0;
let tickPeriod: i64 = 0;
// sysctl_sched_latency, min_granularity (base_slice) and wakeup_granularity,
// scaled by 1 + ilog2(CPUs) (SCHED_TUNABLESCALING_LOG).
let latencyNs: i64 = 0;
let minGranNs: i64 = 0;
let wakeupGranNs: i64 = 0;

@inline export function isHog(t: i32): bool {
  return t >= MAX_VCPUS;
}

export function hostReset(pcpus: i32, vcpus: i32, hogs: i32, pinned: bool, hostHz: i64): void {
  nPcpus = pcpus;
  nHogs = hogs;
  tickPeriod = 1000000000 / hostHz;
  let n = pcpus < 8 ? pcpus : 8;
  let factor: i64 = 1;
  while (n > 1) {
    factor++;
    n >>= 1;
  }
  latencyNs = C.SCHED_LATENCY_NS * factor;
  minGranNs = C.SCHED_MIN_GRANULARITY_NS * factor;
  wakeupGranNs = C.SCHED_WAKEUP_GRANULARITY_NS * factor;
  taskState.fill(T_SLEEP);
  vruntime.fill(0);
  deadline.fill(0);
  lag.fill(0);
  execStart.fill(0);
  curr.fill(-1);
  switching.fill(false);
  ipiInFlight.fill(false);
  needResched.fill(false);
  sliceStart.fill(0);
  minVruntime.fill(0);
  nextBuddy.fill(-1);
  skipBuddy.fill(-1);
  rqLen.fill(0);
  lastRan.fill(-1);
  evicted.fill(false);
  cstateReset();
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

/** The task now switching in on p follows another task (not idle): its cache footprint is gone. */
@inline export function cachesEvicted(p: i32): bool {
  return unchecked(evicted[p]);
}


/** update_curr: charge the running task's time to its vruntime. */
function updateCurr(p: i32): void {
  const t = unchecked(curr[p]);
  if (t < 0 || unchecked(switching[p])) return;
  const d = now - unchecked(execStart[t]);
  if (d > 0) {
    unchecked((vruntime[t] = vruntime[t] + d));
    unchecked((execStart[t] = now));
  }
  // min_vruntime only moves forward: the smallest of curr and the queue.
  let m = unchecked(vruntime[t]);
  const b = p * MAX_TASKS;
  for (let i = 0; i < unchecked(rqLen[p]); i++) {
    const v = unchecked(vruntime[rq[b + i]]);
    if (v < m) m = v;
  }
  if (m > unchecked(minVruntime[p])) unchecked((minVruntime[p] = m));
}

/** EEVDF's avg_vruntime over the queue and the running task (equal weights). */
function avgVruntime(p: i32): i64 {
  let sum: i64 = 0;
  let n: i64 = 0;
  const c = unchecked(curr[p]);
  if (c >= 0) {
    sum += unchecked(vruntime[c]);
    n++;
  }
  const b = p * MAX_TASKS;
  for (let i = 0; i < unchecked(rqLen[p]); i++) {
    sum += unchecked(vruntime[rq[b + i]]);
    n++;
  }
  return n > 0 ? sum / n : unchecked(minVruntime[p]);
}

function enqueue(p: i32, t: i32): void {
  unchecked((rq[p * MAX_TASKS + rqLen[p]] = t));
  unchecked((rqLen[p] = rqLen[p] + 1));
  unchecked((taskState[t] = T_RUNNABLE));
  unchecked((taskCpu[t] = p));
  const c = unchecked(curr[p]);
  if (c >= 0 && !isHog(c) && !unchecked(switching[p])) vcpuRunqueueChanged(c);
}

/** A sleeper joins p's queue at its place_entity position. */
function placeWoken(p: i32, t: i32): void {
  if (C.EEVDF) {
    // place_entity with PLACE_LAG: the lag is scaled by (W + w) / W for equal weights.
    const n = <i64>unchecked(rqLen[p]) + (unchecked(curr[p]) >= 0 ? 1 : 0);
    const l = n > 0 ? (unchecked(lag[t]) * (n + 1)) / n : 0;
    const v = avgVruntime(p) - l;
    unchecked((vruntime[t] = v));
    unchecked((deadline[t] = v + minGranNs));
  } else {
    const floor = unchecked(minVruntime[p]) - latencyNs / 2; // GENTLE_FAIR_SLEEPERS
    if (unchecked(vruntime[t]) < floor) unchecked((vruntime[t] = floor));
  }
}

function removeAt(p: i32, i: i32): i32 {
  const b = p * MAX_TASKS;
  const t = unchecked(rq[b + i]);
  const n = unchecked(rqLen[p]);
  for (let j = i + 1; j < n; j++) unchecked((rq[b + j - 1] = rq[b + j]));
  unchecked((rqLen[p] = n - 1));
  return t;
}

/** pick_next_task_fair: the next buddy, else the fairest task (skipping a yielder if there is another). */
function pickNext(p: i32): i32 {
  const n = unchecked(rqLen[p]);
  if (n == 0) return -1;
  const b = p * MAX_TASKS;
  const buddy = unchecked(nextBuddy[p]);
  const skip = unchecked(skipBuddy[p]);
  unchecked((nextBuddy[p] = -1));
  unchecked((skipBuddy[p] = -1));
  let best = -1;
  let second = -1;
  const avg = C.EEVDF ? avgVruntime(p) : 0;
  for (let i = 0; i < n; i++) {
    const t = unchecked(rq[b + i]);
    if (t == buddy) return removeAt(p, i);
    if (better(t, best, avg)) {
      second = best;
      best = t;
    } else if (better(t, second, avg)) {
      second = t;
    }
  }
  // The yielder is skipped only for a task not too far ahead of it (wakeup_preempt_entity(second, left) < 1).
  const pick = best == skip && second >= 0 && unchecked(vruntime[second]) - unchecked(vruntime[best]) <= wakeupGranNs ? second : best;
  for (let i = 0; i < n; i++) if (unchecked(rq[b + i]) == pick) return removeAt(p, i);
  return removeAt(p, 0);
}

/** CFS: smaller vruntime; EEVDF: eligible first (vruntime <= avg), then the earlier deadline. Ties keep queue order. */
function better(a: i32, b: i32, avg: i64): bool {
  if (b < 0) return true;
  if (C.EEVDF) {
    const ea = unchecked(vruntime[a]) <= avg;
    const eb = unchecked(vruntime[b]) <= avg;
    if (ea != eb) return ea;
    return unchecked(deadline[a]) < unchecked(deadline[b]);
  }
  return unchecked(vruntime[a]) < unchecked(vruntime[b]);
}

/** Start a context switch on p to task `next` (-1: the idle task). */
function switchTo(p: i32, next: i32, extraCycles: f64): void {
  const prev = unchecked(curr[p]);
  if (prev >= 0 && !isHog(prev) && prev != next) vcpuSchedOut(prev, p);
  if (next < 0) cstateEnterIdle(p, now);
  unchecked((curr[p] = next));
  unchecked((switching[p] = true));
  unchecked((needResched[p] = false));
  if (next >= 0) {
    const last = unchecked(lastRan[p]);
    unchecked((evicted[p] = last >= 0 && last != next));
    unchecked((lastRan[p] = next));
    unchecked((taskState[next] = T_RUNNING));
    if (C.EEVDF && unchecked(deadline[next]) <= unchecked(vruntime[next])) unchecked((deadline[next] = vruntime[next] + minGranNs));
  }
  setMode(p, MODE_HOST, now);
  const d = cyclesToNs(hostCost(C.CONTEXT_SWITCH_CYCLES) + extraCycles);
  unchecked((switchDoneAt[p] = now + d));
  after(d, EV_SWITCH_DONE, p, 0);
}

export function onSwitchDone(p: i32): void {
  unchecked((switching[p] = false));
  unchecked((sliceStart[p] = now));
  const t = unchecked(curr[p]);
  if (t >= 0) unchecked((execStart[t] = now));
  if (t < 0) {
    setMode(p, MODE_IDLE, now);
    // A wake-up that arrived during the switch to idle.
    if (unchecked(rqLen[p]) > 0) leaveIdle(p, 0);
  } else if (isHog(t)) {
    setMode(p, MODE_OTHER, now);
    if (unchecked(needResched[p]) && unchecked(rqLen[p]) > 0) preemptCurrent(p);
  } else {
    vcpuSchedIn(t, p);
  }
}

/** The idle pCPU p switches to its next task, paying the idle exit (and the C-state's latency). */
function leaveIdle(p: i32, extraCycles: f64): void {
  const next = pickNext(p);
  const deeper = cstateExtraCycles(p);
  cstateLeaveIdle(p, now);
  if (next >= 0 && !isHog(next)) vcpuWakeSeen(next);
  switchTo(p, next, hostCost(C.IDLE_EXIT_CYCLES) + deeper + extraCycles);
}

/** The running task on p sleeps (a vCPU in kvm_vcpu_block). */
export function taskBlock(p: i32): void {
  updateCurr(p);
  const t = unchecked(curr[p]);
  if (t >= 0) {
    unchecked((taskState[t] = T_SLEEP));
    if (C.EEVDF) unchecked((lag[t] = clampLag(avgVruntime(p) - vruntime[t])));
  }
  switchTo(p, pickNext(p), 0);
}

@inline function clampLag(l: i64): i64 {
  const limit = 2 * minGranNs;
  return l > limit ? limit : l < -limit ? -limit : l;
}

/** The running task on p is preempted (or yields): back on the queue, the next one runs. */
export function preemptCurrent(p: i32): void {
  updateCurr(p);
  const t = unchecked(curr[p]);
  if (t >= 0) enqueue(p, t);
  switchTo(p, pickNext(p), 0);
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
  return unchecked(curr[p]) < 0 && !unchecked(ipiInFlight[p]) && unchecked(rqLen[p]) == 0;
}

/** check_preempt_wakeup: should woken task t preempt what runs on p? */
function wakeupPreempts(p: i32, t: i32): bool {
  const c = unchecked(curr[p]);
  if (c < 0) return true;
  if (unchecked(switching[p])) return false; // the switch's pick will see it
  updateCurr(p);
  if (C.EEVDF) {
    // RUN_TO_PARITY (default since 6.6): the running task keeps its slice; after that the earliest eligible deadline wins.
    if (unchecked(vruntime[c]) < unchecked(deadline[c])) return false;
    return unchecked(vruntime[t]) <= avgVruntime(p) && unchecked(deadline[t]) < unchecked(deadline[c]);
  }
  return unchecked(vruntime[c]) - unchecked(vruntime[t]) > wakeupGranNs;
}

/**
 * try_to_wake_up of a sleeping vCPU thread from another pCPU (kvm_vcpu_kick
 * in the sender's exit handler). The task is queued on its pCPU; if it should
 * run now (the pCPU idles, or wake-up preemption says so) a reschedule IPI
 * flies there. Otherwise it waits for the running task's slice to end.
 */
export function taskWake(t: i32): void {
  if (unchecked(taskState[t]) != T_SLEEP) return;
  const p = selectCpu(t);
  placeWoken(p, t);
  enqueue(p, t);
  if (wakeupPreempts(p, t)) sendReschedIpi(p, hostCost(C.TTWU_REMOTE_CYCLES) + plainCost(C.RESCHED_IPI_CYCLES));
}

/**
 * try_to_wake_up from an interrupt on the pCPU the task slept on (its LAPIC
 * timer's hrtimer, a posted-interrupt wake-up vector): no IPI. An idle pCPU
 * leaves idle because of the interrupt itself; a busy one takes the
 * interrupt and preempts only if wake-up preemption says so.
 */
export function taskWakeLocal(t: i32, handlerCycles: f64): void {
  if (unchecked(taskState[t]) != T_SLEEP) return;
  const p = unchecked(taskCpu[t]);
  placeWoken(p, t);
  enqueue(p, t);
  const c = unchecked(curr[p]);
  const work = hostCost(handlerCycles) + hostCost(C.TTWU_LOCAL_CYCLES);
  if (c < 0 && !unchecked(switching[p])) {
    leaveIdle(p, work);
  } else if (wakeupPreempts(p, t)) {
    unchecked((needResched[p] = true));
    if (c >= 0 && isHog(c)) preemptCurrent(p);
    else if (c >= 0) vcpuReschedIpi(c);
  }
}

function sendReschedIpi(p: i32, flightCycles: f64): void {
  if (unchecked(ipiInFlight[p])) return;
  unchecked((ipiInFlight[p] = true));
  let at = now + cyclesToNs(flightCycles);
  if (unchecked(switching[p]) && at < unchecked(switchDoneAt[p])) at = unchecked(switchDoneAt[p]);
  schedule(at, EV_RESCHED_IPI, p, 0);
}

/** scheduler_ipi on p: leave idle for the queued task, or preempt the running one. */
export function onReschedIpi(p: i32): void {
  unchecked((ipiInFlight[p] = false));
  if (unchecked(rqLen[p]) == 0) return;
  const c = unchecked(curr[p]);
  if (unchecked(switching[p])) {
    unchecked((needResched[p] = true));
    return;
  }
  if (c < 0) {
    leaveIdle(p, 0);
    return;
  }
  unchecked((needResched[p] = true));
  if (isHog(c)) preemptCurrent(p);
  else vcpuReschedIpi(c);
}

/** CFS's ideal slice: the period shared by the runnable tasks. */
function idealSlice(p: i32): i64 {
  const n = <i64>unchecked(rqLen[p]) + 1;
  let period = latencyNs;
  if (n * minGranNs > period) period = n * minGranNs;
  return period / n;
}

/** scheduler_tick -> task_tick_fair: end the running task's slice when it is used up. */
function tickPreempts(p: i32): bool {
  if (unchecked(rqLen[p]) == 0) return false;
  const t = unchecked(curr[p]);
  updateCurr(p);
  if (C.EEVDF) {
    if (unchecked(vruntime[t]) < unchecked(deadline[t])) return false;
    unchecked((deadline[t] = vruntime[t] + minGranNs));
    return true;
  }
  const ideal = idealSlice(p);
  const ran = now - unchecked(sliceStart[p]);
  if (ran > ideal) return true;
  if (ran < minGranNs) return false;
  // The fairest waiting task is more than a slice behind.
  let left = i64.MAX_VALUE;
  const b = p * MAX_TASKS;
  for (let i = 0; i < unchecked(rqLen[p]); i++) {
    const v = unchecked(vruntime[rq[b + i]]);
    if (v < left) left = v;
  }
  return unchecked(vruntime[t]) - left > ideal;
}

export function onHostTick(p: i32): void {
  after(tickPeriod, EV_HOST_TICK, p, 0);
  const t = unchecked(curr[p]);
  if (t < 0 || unchecked(switching[p])) return; // NOHZ idle: no tick work
  if (tickPreempts(p)) unchecked((needResched[p] = true));
  if (isHog(t)) {
    if (unchecked(needResched[p])) preemptCurrent(p);
  } else {
    vcpuHostTick(t);
  }
}

/**
 * yield_to(target) from the task running on `from` (kvm_vcpu_on_spin). 1: the
 * target becomes its queue's next buddy (a reschedule IPI if it is remote)
 * and the yielder will schedule() away if anything else can run; 0: the
 * target is running or asleep; -1 (-ESRCH): both queues have one task each.
 */
export function yieldTo(target: i32, from: i32): i32 {
  if (unchecked(taskState[target]) != T_RUNNABLE) return 0;
  const q = unchecked(taskCpu[target]);
  const nrFrom = unchecked(rqLen[from]) + 1;
  const nrQ = unchecked(rqLen[q]) + (unchecked(curr[q]) >= 0 ? 1 : 0);
  if (nrFrom == 1 && nrQ == 1) return -1;
  unchecked((nextBuddy[q] = target));
  if (q != from) sendReschedIpi(q, plainCost(C.RESCHED_IPI_CYCLES)); // resched_curr on the target's pCPU
  // yield_task_fair: skip the yielder at the next pick, then schedule().
  const me = unchecked(curr[from]);
  if (unchecked(rqLen[from]) > 0) {
    unchecked((skipBuddy[from] = me));
    unchecked((needResched[from] = true));
  }
  return 1;
}
