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
