// vCPUs contending on one guest spinlock: think for a while (exponential,
// mean think_ns), take the lock (spinning with PAUSE while it is held), hold
// it hold_ns, release. Under host overcommit a preempted holder or next waiter
// leaves the others spinning: PAUSE-loop exits and directed yields.
import * as ops from '../hw/ops';
import { cyclesToNs } from '../hw/cost';
import * as C from '../hw/preset';
import { exponential } from '../sim/rng';
import { paramI64, P_HOLD_NS, P_THINK_NS } from '../sim/params';
import { recordSample, addCounter } from '../sim/stats';
import { lastWaitNs } from '../guest/spinlock';

export const COUNTER_ACQUISITIONS = 0;
const LOCK = 0;
const CALL_ACQUIRED = 1;

export function start(): void {}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    // Think, then the atomic that takes the lock (so even zero think and hold times advance the clock).
    const think = <i64>exponential(<f64>paramI64(P_THINK_NS)) + cyclesToNs(C.LOCK_ATOMIC_CYCLES);
    ops.pushBack(v, ops.OP_WORK, think, 0);
    ops.pushBack(v, ops.OP_SPIN_LOCK, LOCK, 0);
    ops.pushBack(v, ops.OP_CALL, CALL_ACQUIRED, 0);
    ops.pushBack(v, ops.OP_WORK, paramI64(P_HOLD_NS), 0);
    ops.pushBack(v, ops.OP_UNLOCK, LOCK, 0);
  } else if (code == CALL_ACQUIRED) {
    addCounter(COUNTER_ACQUISITIONS, 1);
    const w = lastWaitNs;
    recordSample(<i32>(w < 2000000000 ? w : 2000000000), 0, 0, 0, 0, 0, 0);
  }
}
