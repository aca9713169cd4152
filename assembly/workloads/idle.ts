// An idle guest: its only work is a timer-driven wake-up now and then
// (RCU, timer wheels, housekeeping), work_ns long, every wake_interval_ns
// periodically or as a Poisson process. NOHZ on by default.
import { now } from '../sim/engine';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { exponential } from '../sim/rng';
import { param, paramI64, P_WAKE_INTERVAL_NS, P_WAKE_PATTERN, P_WORK_NS } from '../sim/params';
import { MAX_VCPUS, addCounter } from '../sim/stats';
import { setScenarioTimer } from '../guest/kernel';

export const COUNTER_WAKEUPS = 0;
export const COUNTER_WORK_NS = 1;

const CALL_WORK_DONE = 1;
const pending = new StaticArray<i32>(MAX_VCPUS);
const nextAt = new StaticArray<i64>(MAX_VCPUS);

function interval(): i64 {
  const mean = paramI64(P_WAKE_INTERVAL_NS);
  if (param(P_WAKE_PATTERN) == 0) return mean; // periodic
  const d = <i64>exponential(<f64>mean);
  return d > 1000 ? d : 1000;
}

export function start(): void {
  pending.fill(0);
  for (let v = 0; v < cfg.vcpus; v++) {
    // Spread first expiries over one interval so vCPUs do not wake in lock-step.
    const first = param(P_WAKE_PATTERN) == 0 ? (paramI64(P_WAKE_INTERVAL_NS) * <i64>(v + 1)) / <i64>(cfg.vcpus + 1) : interval();
    unchecked((nextAt[v] = first));
    setScenarioTimer(v, first, false);
  }
}

export function needResched(v: i32): bool {
  return unchecked(pending[v]) > 0;
}

export function timer(v: i32): void {
  unchecked((pending[v] = pending[v] + 1));
  addCounter(COUNTER_WAKEUPS, 1);
  let at = unchecked(nextAt[v]) + interval();
  if (at <= now) at = now + 1000;
  unchecked((nextAt[v] = at));
  setScenarioTimer(v, at, false); // reprogrammed by the timer interrupt itself
}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    if (unchecked(pending[v]) > 0) {
      const w = paramI64(P_WORK_NS);
      ops.pushBack(v, ops.OP_WORK, w, 0);
      ops.pushBack(v, ops.OP_CALL, CALL_WORK_DONE, <i32>w);
    }
  } else if (code == CALL_WORK_DONE) {
    unchecked((pending[v] = pending[v] - 1));
    addCounter(COUNTER_WORK_NS, <i64>_arg);
  }
}
