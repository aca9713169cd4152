// The guest kernel's side: the idle loop (idle=halt, idle=poll, the
// cpuidle-haltpoll driver and governor), the periodic tick while busy, and
// NOHZ: on idle entry the tick stops unless the next timer is due within a
// tick (tick_nohz_idle_stop_tick); stopping parks the tick's hrtimer at the
// next event (remove, which reprograms, then start: two clockevent writes);
// leaving idle restarts it (cancel, which reprograms only if the parked timer
// is still queued, then start). seed-figures §2: 2 writes per transition
// when an IPI ends the idle period.
import { now } from '../sim/engine';
import { MAX_VCPUS } from '../sim/stats';
import { MSR_IA32_TSC_DEADLINE, MSR_X2APIC_TMICT } from '../hw/msr';
import { IRQ_IPI, IRQ_PMI, IRQ_DEV } from '../hw/irq';
import { perfPmiHandler } from './perf';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { paramI64, isOn, P_GUEST_HALT_POLL_NS, P_GUEST_HALT_POLL_GROW, P_GUEST_HALT_POLL_GROW_START, P_GUEST_HALT_POLL_SHRINK, P_GUEST_HALT_POLL_ALLOW_SHRINK } from '../sim/params';
import { lapicTimerSet, lapicTimerDeadline, lapicTimerReset, NEVER } from '../kvm/lapic_timer';
import { taskRunnable, taskTimer, taskIpi, taskDeviceIrq, rcuNeedsCpu } from './task_hooks';

/** False for bare-bones guests (kvm-unit-tests) that run no tick at all. */
export let guestTickEnabled = true;

const inIdle = new StaticArray<bool>(MAX_VCPUS);
const tickStopped = new StaticArray<bool>(MAX_VCPUS);
const tickParked = new StaticArray<bool>(MAX_VCPUS); // the stopped tick's hrtimer is queued at the next event
const nextTick = new StaticArray<i64>(MAX_VCPUS);
const scenTimer = new StaticArray<i64>(MAX_VCPUS);
// cpuidle-haltpoll governor state (kvm-facts §2.1)
const pollLimit = new StaticArray<i64>(MAX_VCPUS);
const lastWasPoll = new StaticArray<bool>(MAX_VCPUS);
const pollTimedOut = new StaticArray<bool>(MAX_VCPUS);

export function guestReset(tickEnabled: bool, nVcpus: i32): void {
  guestTickEnabled = tickEnabled;
  lapicTimerReset();
  inIdle.fill(false);
  tickStopped.fill(!tickEnabled);
  tickParked.fill(false);
  scenTimer.fill(-1);
  pollLimit.fill(0);
  lastWasPoll.fill(false);
  pollTimedOut.fill(false);
  for (let v = 0; v < nVcpus; v++) {
    // Ticks of different CPUs are spread over the period.
    unchecked((nextTick[v] = (cfg.guestTickNs * <i64>(v + 1)) / <i64>(nVcpus + 1)));
    reprogram(v);
  }
}

@inline function timerMsr(): i32 {
  return cfg.tscDeadline ? <i32>MSR_IA32_TSC_DEADLINE : <i32>MSR_X2APIC_TMICT;
}

/** One clockevent write (WRMSR TSC_DEADLINE or TMICT), queued as the next guest op. */
@inline function timerWrite(v: i32): void {
  ops.pushFront(v, ops.OP_WRMSR, timerMsr(), 0);
}

/** Point the LAPIC timer at the earliest of the running tick and the scenario's timer. */
function reprogram(v: i32): void {
  let d = NEVER;
  if (!unchecked(tickStopped[v])) d = unchecked(nextTick[v]);
  const s = unchecked(scenTimer[v]);
  if (s >= 0 && s < d) d = s;
  lapicTimerSet(v, d);
}

/**
 * Arm a scenario timer (hrtimer_start). From guest code, reprogramming the
 * clockevent for an earlier deadline is one timer MSR write.
 */
export function setScenarioTimer(v: i32, at: i64, fromGuest: bool): void {
  unchecked((scenTimer[v] = at));
  const before = lapicTimerDeadline(v);
  reprogram(v);
  if (fromGuest && lapicTimerDeadline(v) != before) timerWrite(v);
}

/** The handler of an interrupt has run; the kernel acts on its vector. */
export function guestIrqDone(v: i32, vec: i32): void {
  if (vec == IRQ_PMI) {
    perfPmiHandler(v); // perf's NMI handler
    return;
  }
  if (vec == IRQ_IPI) {
    taskIpi(v);
    return;
  }
  if (vec == IRQ_DEV) {
    taskDeviceIrq(v); // the driver's handler (guest/net_driver.ts, guest/blk_driver.ts)
    return;
  }
  const stopped = unchecked(tickStopped[v]);
  if (stopped) unchecked((tickParked[v] = false)); // the parked tick hrtimer fired (it does not restart in idle)
  let wrote = false;
  if (!stopped && now >= unchecked(nextTick[v])) {
    let t = unchecked(nextTick[v]);
    while (t <= now) t += cfg.guestTickNs;
    unchecked((nextTick[v] = t));
    // Periodic LAPIC mode re-arms itself; one-shot (NOHZ, TSC deadline) needs a write per tick.
    if (cfg.nohz || cfg.tscDeadline) {
      timerWrite(v);
      wrote = true;
    }
    ops.pushFront(v, ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_TICK_CYCLES)), 0);
  }
  const s = unchecked(scenTimer[v]);
  if (s >= 0 && now >= s) {
    unchecked((scenTimer[v] = -1));
    taskTimer(v);
  }
  const before = lapicTimerDeadline(v);
  reprogram(v);
  // hrtimer_interrupt reprograms the clockevent for the next expiry; with the
  // tick stopped the next timer is picked up when idle stops the tick again.
  if (!stopped && !wrote && lapicTimerDeadline(v) != before && lapicTimerDeadline(v) != NEVER) timerWrite(v);
}

/** tick_nohz_idle_stop_tick: keep the tick if the next timer is due within one tick period. */
function nohzIdleEnter(v: i32): void {
  if (!guestTickEnabled || !cfg.nohz) return;
  const s = unchecked(scenTimer[v]);
  if (!unchecked(tickStopped[v])) {
    if (s >= 0 && s - now <= cfg.guestTickNs) return;
    // rcu_needs_cpu: with callbacks queued the next event is one tick away, so the tick stays (Linux 4.4 tick_nohz_stop_sched_tick).
    if (rcuNeedsCpu(v)) return;
    unchecked((tickStopped[v] = true));
    unchecked((tickParked[v] = true));
    reprogram(v);
    timerWrite(v); // removing the queued tick reprograms the clockevent
    timerWrite(v); // hrtimer_start at the next event
  } else if (!unchecked(tickParked[v])) {
    // Back in idle after an interrupt that woke nothing: park the tick again.
    unchecked((tickParked[v] = true));
    reprogram(v);
    timerWrite(v);
  }
}

/** tick_nohz_idle_exit: restart the tick at the next tick boundary. */
function restartTick(v: i32): void {
  unchecked((tickStopped[v] = false));
  const cancelWrites = unchecked(tickParked[v]);
  unchecked((tickParked[v] = false));
  unchecked((nextTick[v] = (now / cfg.guestTickNs + 1) * cfg.guestTickNs));
  reprogram(v);
  if (cancelWrites) timerWrite(v); // hrtimer_cancel of a still-queued parked tick reprograms
  timerWrite(v); // hrtimer_start of the tick
}

export function guestIdle(v: i32): bool {
  if (taskRunnable(v)) {
    ops.popFront(v);
    unchecked((inIdle[v] = false));
    if (guestTickEnabled && unchecked(tickStopped[v])) restartTick(v);
    return true;
  }
  unchecked((inIdle[v] = true));
  if (cfg.idleMode == cfg.IDLE_POLL) {
    // idle=poll: cpu_idle_poll with the tick kept running.
    ops.pushFront(v, ops.OP_POLL_IDLE, -1, 0);
    return true;
  }
  if (cfg.idleMode == cfg.IDLE_HALTPOLL) {
    const limit = unchecked(pollLimit[v]);
    const poll = limit != 0 && !(unchecked(lastWasPoll[v]) && unchecked(pollTimedOut[v]));
    if (poll) {
      // The governor keeps the tick while polling.
      unchecked((lastWasPoll[v] = true));
      unchecked((pollTimedOut[v] = false));
      ops.pushFront(v, ops.OP_POLL_IDLE, limit, 0);
      return true;
    }
    unchecked((lastWasPoll[v] = false));
  }
  ops.pushFront(v, ops.OP_HLT, 0, 1);
  nohzIdleEnter(v);
  return true;
}

/** The vCPU is in its idle loop (halted, polling, or about to). */
@inline export function guestInIdle(v: i32): bool {
  return unchecked(inIdle[v]);
}

export function guestPollTimedOut(v: i32): void {
  unchecked((pollTimedOut[v] = true));
}

/** haltpoll_reflect -> adjust_poll_limit, after a HLT of block_ns. */
export function guestHltReturned(v: i32, blockNs: i64): void {
  if (cfg.idleMode != cfg.IDLE_HALTPOLL) return;
  const cap = paramI64(P_GUEST_HALT_POLL_NS);
  let limit = unchecked(pollLimit[v]);
  if (limit < blockNs && blockNs <= cap) {
    limit *= paramI64(P_GUEST_HALT_POLL_GROW);
    const start = paramI64(P_GUEST_HALT_POLL_GROW_START);
    if (limit < start) limit = start;
    if (limit > cap) limit = cap;
  } else if (blockNs > cap && isOn(P_GUEST_HALT_POLL_ALLOW_SHRINK)) {
    const shrink = paramI64(P_GUEST_HALT_POLL_SHRINK);
    limit = shrink == 0 ? 0 : limit / shrink;
  }
  unchecked((pollLimit[v] = limit));
}
