// A guest spinlock with FIFO hand-off (like a ticket or queued lock): the next
// waiter in line gets the lock, even if its vCPU is not running — which is why
// a preempted lock holder or waiter stalls everyone behind it.
import { now, schedule } from '../sim/engine';
import { EV_LOCK_HANDOFF } from '../sim/events';
import { MAX_VCPUS } from '../sim/stats';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as C from '../hw/preset';

const MAX_LOCKS = 4;
const holder = new StaticArray<i32>(MAX_LOCKS);
const handedTo = new StaticArray<i32>(MAX_LOCKS);
const waitQ = new StaticArray<i32>(MAX_LOCKS * MAX_VCPUS);
const waitLen = new StaticArray<i32>(MAX_LOCKS);
const waitingSince = new StaticArray<i64>(MAX_VCPUS);
/** Set by a successful acquisition: how long the vCPU waited (ns). */
export let lastWaitNs: i64 = 0;

export function spinlockReset(): void {
  holder.fill(-1);
  handedTo.fill(-1);
  waitLen.fill(0);
  waitingSince.fill(-1);
}

function dequeue(lock: i32, v: i32): void {
  const b = lock * MAX_VCPUS;
  const n = unchecked(waitLen[lock]);
  for (let i = 0; i < n; i++) {
    if (unchecked(waitQ[b + i]) == v) {
      for (let j = i + 1; j < n; j++) unchecked((waitQ[b + j - 1] = waitQ[b + j]));
      unchecked((waitLen[lock] = n - 1));
      return;
    }
  }
}

/** Take the lock if it is free for us; otherwise join the queue. */
export function spinTryLock(v: i32, lock: i32): bool {
  const h = unchecked(handedTo[lock]);
  if (unchecked(holder[lock]) < 0 && (h == v || (h < 0 && unchecked(waitLen[lock]) == 0))) {
    unchecked((holder[lock] = v));
    unchecked((handedTo[lock] = -1));
    const since = unchecked(waitingSince[v]);
    lastWaitNs = since >= 0 ? now - since : 0;
    unchecked((waitingSince[v] = -1));
    if (h == v) dequeue(lock, v);
    return true;
  }
  if (unchecked(waitingSince[v]) < 0) {
    unchecked((waitingSince[v] = now));
    unchecked((waitQ[lock * MAX_VCPUS + waitLen[lock]] = v));
    unchecked((waitLen[lock] = waitLen[lock] + 1));
  }
  return false;
}

export function spinUnlock(v: i32, lock: i32): void {
  if (unchecked(holder[lock]) != v) return;
  unchecked((holder[lock] = -1));
  if (unchecked(waitLen[lock]) > 0) {
    const next = unchecked(waitQ[lock * MAX_VCPUS]);
    unchecked((handedTo[lock] = next));
    schedule(now + cyclesToNs(plainCost(C.LOCK_HANDOFF_CYCLES)), EV_LOCK_HANDOFF, next, 0);
  }
}
