// KVM's emulation of a vCPU's LAPIC timer: the deadline the guest last
// programmed (TSC_DEADLINE or TMICT) and its expiry, which interrupts the
// vCPU on its own pCPU. The engine keeps at most one timer event per vCPU:
// a later deadline waits for the event in flight, which re-arms itself when
// it fires early (NOHZ moves the deadline on every idle entry and exit).
import { now, schedule } from '../sim/engine';
import { EV_GUEST_TIMER } from '../sim/events';
import { MAX_VCPUS } from '../sim/stats';
import { IRQ_TIMER } from '../hw/irq';
import { deliverIrq, VIA_TIMER } from './vcpu';

export const NEVER: i64 = i64.MAX_VALUE;

const timerAt = new StaticArray<i64>(MAX_VCPUS);
const timerGen = new StaticArray<i32>(MAX_VCPUS);
const timerEventAt = new StaticArray<i64>(MAX_VCPUS); // the one EV_GUEST_TIMER in flight (NEVER: none)

export function lapicTimerReset(): void {
  timerAt.fill(NEVER);
  timerGen.fill(0);
  timerEventAt.fill(NEVER);
}

/** The programmed deadline (NEVER: disarmed). */
@inline export function lapicTimerDeadline(v: i32): i64 {
  return unchecked(timerAt[v]);
}

/** The guest programmed the timer for `at` (NEVER disarms it). */
export function lapicTimerSet(v: i32, at: i64): void {
  unchecked((timerAt[v] = at));
  if (at < unchecked(timerEventAt[v])) armEvent(v, at);
}

function armEvent(v: i32, at: i64): void {
  const g = unchecked(timerGen[v]) + 1;
  unchecked((timerGen[v] = g));
  unchecked((timerEventAt[v] = at));
  schedule(at, EV_GUEST_TIMER, v, g);
}

export function onLapicTimer(v: i32, gen: i32): void {
  if (gen != unchecked(timerGen[v])) return; // superseded by an earlier deadline
  unchecked((timerEventAt[v] = NEVER));
  const d = unchecked(timerAt[v]);
  if (d == NEVER) return;
  if (d > now) {
    armEvent(v, d);
    return;
  }
  unchecked((timerAt[v] = NEVER));
  deliverIrq(v, IRQ_TIMER, VIA_TIMER);
}
