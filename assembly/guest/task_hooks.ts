// The workload's tasks, as the guest kernel runs them: a task's function
// (its next step), whether one is runnable, and what its timers and IPIs do.
// The workload layer registers these; the guest never imports workloads.

function noStep(v: i32, code: i32, arg: i32): void {}
function yes(v: i32): bool { return true; }
function noVcpu(v: i32): void {}

export let taskStep: (v: i32, code: i32, arg: i32) => void = noStep;
export let taskRunnable: (v: i32) => bool = yes;
export let taskTimer: (v: i32) => void = noVcpu;
export let taskIpi: (v: i32) => void = noVcpu;

export function registerTasks(
  step: (v: i32, code: i32, arg: i32) => void, runnable: (v: i32) => bool, timer: (v: i32) => void, ipi: (v: i32) => void,
): void {
  taskStep = step;
  taskRunnable = runnable;
  taskTimer = timer;
  taskIpi = ipi;
}

// Device workloads (nic, disk) add two more: the driver's interrupt handler
// for a device vector, and rcu_needs_cpu (callbacks queued on this CPU keep
// the NOHZ tick running). Registered separately so other scenarios keep the
// defaults: no device, no callbacks.
function noCallbacks(v: i32): bool { return false; }

export let taskDeviceIrq: (v: i32) => void = noVcpu;
export let rcuNeedsCpu: (v: i32) => bool = noCallbacks;

export function registerDeviceTasks(deviceIrq: (v: i32) => void, rcuPending: (v: i32) => bool): void {
  taskDeviceIrq = deviceIrq;
  rcuNeedsCpu = rcuPending;
}

export function resetDeviceTasks(): void {
  taskDeviceIrq = noVcpu;
  rcuNeedsCpu = noCallbacks;
}
