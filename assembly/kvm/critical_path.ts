// The critical path of one message round trip, as named steps. One vCPU
// holds the "token" (its work is what the round trip waits for); every
// stretch of its time is charged to the step it is in. An IPI passes the
// token to the target at the moment of the kick, so what the sender does
// after that (the rest of its exit, going idle) is off the path.
export const CP_GUEST = 0; // guest code: the stack, handlers, scheduling
export const CP_TIMER_MSR = 1; // timer-MSR write exits (NOHZ tick stop/restart)
export const CP_ICR = 2; // the ICR write until the kick (or the posted interrupt is written)
export const CP_WAKE_POLL = 3; // kick -> the halt-polling vCPU leaves kvm_vcpu_halt
export const CP_WAKE_SCHED = 4; // kick -> the blocked vCPU is scheduled back and leaves kvm_vcpu_halt
export const CP_WAKE_OTHER = 5; // kick -> handler of a vCPU not halted in KVM (posted delivery, a polling guest)
export const CP_ENTRY = 6; // leaving kvm_vcpu_halt -> VMRESUME, injection, the handler's first instruction
export const CP_OTHER_EXIT = 7; // any other exit (host ticks, EOI, interrupt windows)
export const CP_HOST_WAIT = 8; // the vCPU thread waiting for its pCPU (preempted)
export const CP_COUNT = 9;

let holder: i32 = -1;
let step: i32 = CP_GUEST;
let mark: i64 = 0;
export const cpAcc = new StaticArray<i64>(CP_COUNT);

export function cpReset(): void {
  holder = -1;
  cpAcc.fill(0);
}

/** A round trip starts on vCPU v at `at`, in guest code. */
export function cpBegin(v: i32, at: i64): void {
  cpAcc.fill(0);
  holder = v;
  step = CP_GUEST;
  mark = at;
}

/** v enters step `s` at `at` (ignored unless v holds the token). */
@inline export function cpMark(v: i32, s: i32, at: i64): void {
  if (v == holder) markHolder(s, at);
}

function markHolder(s: i32, at: i64): void {
  if (at > mark) {
    unchecked((cpAcc[step] = cpAcc[step] + (at - mark)));
    mark = at;
  }
  step = s;
}

/** Name the step v is in since its last mark (a wake-up turns out to be polled or scheduled). */
export function cpRelabel(v: i32, s: i32): void {
  if (v == holder) step = s;
}

/** The token moves from v to `to` at `at` (a kick, a wake-up): `to` is then in step s. */
export function cpPass(v: i32, to: i32, s: i32, at: i64): void {
  if (v != holder) return;
  markHolder(s, at);
  holder = to;
}

/** The round trip ends on the holder at `at`; cpAcc holds its steps. */
export function cpEnd(at: i64): void {
  if (holder >= 0) markHolder(step, at);
  holder = -1;
}
