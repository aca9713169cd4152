// The guest kernel hands KVM its entry points (kvm/guest_hooks.ts): the
// scheduler's next step and need_resched come from the workload's tasks,
// the rest is the guest kernel's own code.
import { registerGuestHooks } from '../kvm/guest_hooks';
import { taskStep, taskRunnable } from './task_hooks';
import { guestIdle, guestIrqDone, guestHltReturned, guestPollTimedOut } from './kernel';
import { spinTryLock, spinUnlock, spinInKernel } from './spinlock';
import { perfCall, PERF_CALL_BASE } from './perf';

function schedStep(v: i32, code: i32, arg: i32): void {
  if (code >= PERF_CALL_BASE) perfCall(v, code, arg); // perf's own continuations
  else taskStep(v, code, arg);
}

function needResched(v: i32): bool {
  return taskRunnable(v);
}

export function guestBoot(): void {
  registerGuestHooks(schedStep, needResched, guestIdle, guestIrqDone, guestHltReturned, guestPollTimedOut, spinTryLock, spinUnlock, spinInKernel);
}
