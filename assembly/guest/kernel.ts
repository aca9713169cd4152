// The guest kernel's side: the idle loop (idle=halt, idle=poll, the
// cpuidle-haltpoll driver and governor), the NOHZ tick stopped on idle entry
// and restarted on exit (two timer MSR writes each, seed-figures §2), the
// periodic tick while busy, timer interrupts and scenario timers.
import { now, schedule } from '../sim/engine';
import { EV_GUEST_TIMER } from '../sim/events';
import { MAX_VCPUS } from '../sim/stats';
import { MSR_IA32_TSC_DEADLINE, MSR_X2APIC_TMICT } from '../hw/msr';
import { IRQ_IPI, IRQ_TIMER } from '../hw/irq';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../sim/config';
import * as ops from '../hw/ops';
import { paramI64, isOn, P_GUEST_HALT_POLL_NS, P_GUEST_HALT_POLL_GROW, P_GUEST_HALT_POLL_GROW_START, P_GUEST_HALT_POLL_SHRINK, P_GUEST_HALT_POLL_ALLOW_SHRINK } from '../sim/params';
import { deliverIrq } from '../kvm/vcpu';
import { taskRunnable, taskTimer, taskIpi } from './task_hooks';

const NEVER: i64 = i64.MAX_VALUE;

/** False for bare-bones guests (kvm-unit-tests) that run no tick at all. */
export let guestTickEnabled = true;

const inIdle = new StaticArray<bool>(MAX_VCPUS);
const tickStopped = new StaticArray<bool>(MAX_VCPUS);
const nextTick = new StaticArray<i64>(MAX_VCPUS);
const scenTimer = new StaticArray<i64>(MAX_VCPUS);
const timerAt = new StaticArray<i64>(MAX_VCPUS);
const timerGen = new StaticArray<i32>(MAX_VCPUS);
const timerEventAt = new StaticArray<i64>(MAX_VCPUS); // the one EV_GUEST_TIMER in flight (NEVER: none)
// cpuidle-haltpoll governor state (kvm-facts §2.1)
const pollLimit = new StaticArray<i64>(MAX_VCPUS);
const lastWasPoll = new StaticArray<bool>(MAX_VCPUS);
const pollTimedOut = new StaticArray<bool>(MAX_VCPUS);

export function guestReset(tickEnabled: bool, nVcpus: i32): void {
  guestTickEnabled = tickEnabled;
  inIdle.fill(false);
  tickStopped.fill(!tickEnabled);
  scenTimer.fill(-1);
  timerAt.fill(NEVER);
  timerGen.fill(0);
  timerEventAt.fill(NEVER);
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

/**
 * Point the LAPIC timer at the earliest of the tick and the scenario's timer.
 * The engine keeps at most one timer event per vCPU: a later deadline waits
 * for the event in flight, which re-arms itself when it fires early (NOHZ
 * moves the deadline on every idle entry and exit).
 */
function reprogram(v: i32): void {
  let d = NEVER;
  if (!unchecked(tickStopped[v])) d = unchecked(nextTick[v]);
  const s = unchecked(scenTimer[v]);
  if (s >= 0 && s < d) d = s;
  unchecked((timerAt[v] = d));
  if (d < unchecked(timerEventAt[v])) armEvent(v, d);
}

function armEvent(v: i32, at: i64): void {
  const g = unchecked(timerGen[v]) + 1;
  unchecked((timerGen[v] = g));
  unchecked((timerEventAt[v] = at));
  schedule(at, EV_GUEST_TIMER, v, g);
}

export function onGuestTimer(v: i32, gen: i32): void {
  if (gen != unchecked(timerGen[v])) return; // superseded by an earlier deadline
  unchecked((timerEventAt[v] = NEVER));
  const d = unchecked(timerAt[v]);
  if (d == NEVER) return;
  if (d > now) {
    armEvent(v, d);
    return;
  }
  unchecked((timerAt[v] = NEVER));
  deliverIrq(v, IRQ_TIMER, true);
}

/**
 * Arm a scenario timer from guest code (hrtimer_start). Reprogramming the
 * clockevent for an earlier deadline is one timer MSR write.
 */
export function setScenarioTimer(v: i32, at: i64, fromGuest: bool): void {
  unchecked((scenTimer[v] = at));
  const before = unchecked(timerAt[v]);
  reprogram(v);
  if (fromGuest && unchecked(timerAt[v]) != before) timerWrite(v);
}

/** The handler of an interrupt has run; the kernel acts on its vector. */
export function guestIrqDone(v: i32, vec: i32): void {
  if (vec == IRQ_IPI) {
    taskIpi(v);
    return;
  }
  let wrote = false;
  if (!unchecked(tickStopped[v]) && now >= unchecked(nextTick[v])) {
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
  const before = unchecked(timerAt[v]);
  reprogram(v);
  // hrtimer_interrupt reprograms the clockevent for the next expiry.
  if (!wrote && unchecked(timerAt[v]) != before && unchecked(timerAt[v]) != NEVER) timerWrite(v);
}

function stopTick(v: i32): void {
  unchecked((tickStopped[v] = true));
  reprogram(v);
  timerWrite(v); // hrtimer_start of the tick at the next event
  timerWrite(v); // hrtimer_cancel of the tick
}

function restartTick(v: i32): void {
  unchecked((tickStopped[v] = false));
  let t = (now / cfg.guestTickNs + 1) * cfg.guestTickNs;
  unchecked((nextTick[v] = t));
  reprogram(v);
  timerWrite(v);
  timerWrite(v);
}

/**
 * The idle loop (front op OP_IDLE). Returns true when it queued ops to run
 * now, false when the vCPU waits (never: it always queues HLT or a poll).
 */
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
  if (guestTickEnabled && cfg.nohz && !unchecked(tickStopped[v])) stopTick(v);
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
