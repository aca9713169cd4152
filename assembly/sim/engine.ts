// The discrete-event engine: a binary min-heap of timed events ordered by
// (time_ns, seq). seq grows with every push, so events due at the same
// nanosecond pop in the order they were scheduled (FIFO). Storage is a set of
// parallel StaticArrays allocated once at instantiation: no allocation per
// event, and the whole run loop stays inside WebAssembly.

export const QUEUE_CAPACITY: i32 = 1 << 16;

const heapTime = new StaticArray<i64>(QUEUE_CAPACITY);
const heapSeq = new StaticArray<u64>(QUEUE_CAPACITY);
// kind (bits 48..63) | target (bits 32..47) | arg (bits 0..31)
const heapPayload = new StaticArray<u64>(QUEUE_CAPACITY);

let size: i32 = 0;
let nextSeq: u64 = 0;
/** Most events pending at once during the run (a benchmark compares the raw queue at this size). */
export let peakSize: i32 = 0;

/** Simulated time of the event being handled. */
export let now: i64 = 0;
/** Events handled since reset; the run budget is counted against it. */
export let eventsHandled: i64 = 0;
/** Set when a push found the queue full; the run stops with a message. */
export let overflowed: bool = false;
/**
 * Zero-time work (guest ops that take no time) counted against the budget too,
 * so a model bug that loops without advancing time still ends the run.
 */
export let steps: i64 = 0;

@inline export function countStep(): void {
  steps++;
}

// The event just popped, decoded.
export let evKind: i32 = 0;
export let evTarget: i32 = 0;
export let evArg: i32 = 0;

export function resetQueue(): void {
  size = 0;
  peakSize = 0;
  nextSeq = 0;
  now = 0;
  eventsHandled = 0;
  steps = 0;
  overflowed = false;
}

export function queueSize(): i32 {
  return size;
}

@inline function before(i: i32, j: i32): bool {
  const ti = unchecked(heapTime[i]);
  const tj = unchecked(heapTime[j]);
  return ti < tj || (ti == tj && unchecked(heapSeq[i]) < unchecked(heapSeq[j]));
}

@inline function move(to: i32, from: i32): void {
  unchecked((heapTime[to] = heapTime[from]));
  unchecked((heapSeq[to] = heapSeq[from]));
  unchecked((heapPayload[to] = heapPayload[from]));
}

/** Schedule an event at absolute time `at` (never earlier than now). */
export function schedule(at: i64, kind: i32, target: i32, arg: i32): void {
  if (size >= QUEUE_CAPACITY) {
    overflowed = true;
    return;
  }
  if (at < now) at = now;
  const payload = ((<u64>kind) << 48) | ((<u64>(target & 0xffff)) << 32) | <u64>(<u32>arg);
  const seq = nextSeq++;
  // Sift up with a hole instead of swaps.
  let i = size++;
  if (size > peakSize) peakSize = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const tp = unchecked(heapTime[parent]);
    if (tp < at || (tp == at && unchecked(heapSeq[parent]) < seq)) break;
    move(i, parent);
    i = parent;
  }
  unchecked((heapTime[i] = at));
  unchecked((heapSeq[i] = seq));
  unchecked((heapPayload[i] = payload));
}

/** Schedule an event `delay_ns` after now. */
@inline export function after(delay_ns: i64, kind: i32, target: i32, arg: i32): void {
  schedule(now + delay_ns, kind, target, arg);
}

/** Pop the earliest event into (now, evKind, evTarget, evArg). False when empty. */
export function popNext(): bool {
  if (size == 0) return false;
  now = unchecked(heapTime[0]);
  const payload = unchecked(heapPayload[0]);
  evKind = <i32>(payload >> 48);
  evTarget = <i32>((payload >> 32) & 0xffff);
  evArg = <i32>(<u32>payload);
  eventsHandled++;
  const last = --size;
  if (last > 0) {
    // Sift the last element down from the root.
    const lt = unchecked(heapTime[last]);
    const ls = unchecked(heapSeq[last]);
    const lp = unchecked(heapPayload[last]);
    let i = 0;
    while (true) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && before(child + 1, child)) child++;
      const tc = unchecked(heapTime[child]);
      if (lt < tc || (lt == tc && ls < unchecked(heapSeq[child]))) break;
      move(i, child);
      i = child;
    }
    unchecked((heapTime[i] = lt));
    unchecked((heapSeq[i] = ls));
    unchecked((heapPayload[i] = lp));
  }
  return true;
}
