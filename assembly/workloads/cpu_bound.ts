// A busy guest: every vCPU runs a CPU-bound task forever, optionally sharing
// its pCPUs with other host tasks. What it measures is how much of the
// guest's wall time turned into guest work, and which exits a busy guest takes
// (ticks: its own timer and the host's).
import * as ops from '../hw/ops';
import { addCounter } from '../sim/stats';

export const COUNTER_WORK_NS = 0;
const CHUNK_NS: i64 = 100000; // work is queued in 100 µs pieces; interruptions split them anyway
const CALL_CHUNK_DONE = 1;

export function start(): void {}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    ops.pushBack(v, ops.OP_WORK, CHUNK_NS, 0);
    ops.pushBack(v, ops.OP_CALL, CALL_CHUNK_DONE, 0);
  } else if (code == CALL_CHUNK_DONE) {
    addCounter(COUNTER_WORK_NS, CHUNK_NS);
  }
}
