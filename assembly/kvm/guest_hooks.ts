// Where the CPU enters guest kernel code while KVM runs a vCPU: interrupt
// handlers completing, the idle loop, the scheduler's next step, spinlock
// instructions on guest memory. The guest layer registers these at start;
// KVM never imports guest code (imports point down the layers).

function noStep(v: i32, code: i32, arg: i32): void {}
function noBool(v: i32): bool { return false; }
function noVec(v: i32, vec: i32): void {}
function noNs(v: i32, ns: i64): void {}
function noVcpu(v: i32): void {}
function noLock(v: i32, lock: i32): i64 { return 0; }
function noUnlock(v: i32, lock: i32): void {}

/** The guest scheduler's next step on vCPU v (code 0: its queue ran dry; else a continuation). */
export let guestStep: (v: i32, code: i32, arg: i32) => void = noStep;
/** need_resched: a task is runnable on v (the idle loop's check before HLT). */
export let guestNeedResched: (v: i32) => bool = noBool;
/** The idle loop: queue what idling does next (HLT, a poll). True when it queued something to run now. */
export let guestIdle: (v: i32) => bool = noBool;
/** An interrupt handler finished: the kernel acts on its vector. */
export let guestIrqDone: (v: i32, vec: i32) => void = noVec;
/** HLT returned after block_ns (the haltpoll governor's reflect). */
export let guestHltReturned: (v: i32, blockNs: i64) => void = noNs;
/** A guest poll ran out its limit. */
export let guestPollTimedOut: (v: i32) => void = noVcpu;
/** The lock's atomic: -1 when v must spin (it joins the waiters), else v holds it after that many ns (its cache line's trip). */
export let guestSpinTryLock: (v: i32, lock: i32) => i64 = noLock;
export let guestSpinUnlock: (v: i32, lock: i32) => void = noUnlock;
/** The vCPU's guest was in kernel mode (CPL 0) when it last left guest mode. */
export let guestInKernel: (v: i32) => bool = noBool;

export function registerGuestHooks(
  step: (v: i32, code: i32, arg: i32) => void,
  needResched: (v: i32) => bool,
  idle: (v: i32) => bool,
  irqDone: (v: i32, vec: i32) => void,
  hltReturned: (v: i32, blockNs: i64) => void,
  pollTimedOut: (v: i32) => void,
  spinTryLock: (v: i32, lock: i32) => i64,
  spinUnlock: (v: i32, lock: i32) => void,
  inKernel: (v: i32) => bool,
): void {
  guestStep = step;
  guestNeedResched = needResched;
  guestIdle = idle;
  guestIrqDone = irqDone;
  guestHltReturned = hltReturned;
  guestPollTimedOut = pollTimedOut;
  guestSpinTryLock = spinTryLock;
  guestSpinUnlock = spinUnlock;
  guestInKernel = inKernel;
}
