// A guest spinlock with FIFO hand-off (like a ticket or queued lock): the next
// waiter in line gets the lock, even if its vCPU is not running — which is why
// a preempted lock holder or waiter stalls everyone behind it. The lock's
// cache line lives in one core at a time: taking the lock after another core
// had it waits for the line, even with nothing held in between.
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
const lineAt = new StaticArray<i32>(MAX_LOCKS); // the vCPU whose core holds the lock's cache line (-1: memory)
/** Set by a successful acquisition: how long the vCPU waited (ns). */
export let lastWaitNs: i64 = 0;

export function spinlockReset(): void {
  holder.fill(-1);
  handedTo.fill(-1);
  waitLen.fill(0);
  waitingSince.fill(-1);
  lineAt.fill(-1);
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

/**
 * Take the lock if it is free for us: returns the ns the line takes to
 * arrive (0 if it is already here or was handed over); -1: it is not ours
 * yet, so we join the queue and spin.
 */
export function spinTryLock(v: i32, lock: i32): i64 {
  const h = unchecked(handedTo[lock]);
  if (unchecked(holder[lock]) < 0 && (h == v || (h < 0 && unchecked(waitLen[lock]) == 0))) {
    unchecked((holder[lock] = v));
    unchecked((handedTo[lock] = -1));
    const l = unchecked(lineAt[lock]);
    const line: i64 = h != v && l >= 0 && l != v ? cyclesToNs(plainCost(C.LOCK_HANDOFF_CYCLES)) : 0;
    unchecked((lineAt[lock] = v));
    const since = unchecked(waitingSince[v]);
    lastWaitNs = (since >= 0 ? now - since : 0) + line;
    unchecked((waitingSince[v] = -1));
    if (h == v) dequeue(lock, v);
    return line;
  }
  if (unchecked(waitingSince[v]) < 0) {
    unchecked((waitingSince[v] = now));
    unchecked((waitQ[lock * MAX_VCPUS + waitLen[lock]] = v));
    unchecked((waitLen[lock] = waitLen[lock] + 1));
  }
  return -1;
}

/** The vCPU holds or waits for a lock: it is in kernel code (CPL 0). */
export function spinInKernel(v: i32): bool {
  if (unchecked(waitingSince[v]) >= 0) return true;
  for (let l = 0; l < MAX_LOCKS; l++) if (unchecked(holder[l]) == v || unchecked(handedTo[l]) == v) return true;
  return false;
}

export function spinUnlock(v: i32, lock: i32): void {
  if (unchecked(holder[lock]) != v) return;
  unchecked((holder[lock] = -1));
  if (unchecked(waitLen[lock]) > 0) {
    const next = unchecked(waitQ[lock * MAX_VCPUS]);
    unchecked((handedTo[lock] = next));
    unchecked((lineAt[lock] = next));
    schedule(now + cyclesToNs(plainCost(C.LOCK_HANDOFF_CYCLES)), EV_LOCK_HANDOFF, next, 0);
  }
}
