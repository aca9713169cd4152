// The scenarios' hooks into the guest. Each scenario supplies the guest's
// work: what a vCPU runs next, what its interrupts and timers do, and when it
// has something to run (need_resched for the idle loop).
import * as ipiHlt from './ipi_hlt';
import * as tcpRr from './tcp_rr';
import * as idle from './idle';
import * as cpuBound from './cpu_bound';
import * as spinlock from './spinlock';
import * as perfStat from './perf_stat';
import * as perfRecord from './perf_record';
import * as vpmuSwitch from './vpmu_switch';
import * as nic from './nic';
import * as disk from './disk';
import { registerTasks, resetDeviceTasks } from '../guest/task_hooks';

export const SCENARIO_IPI_HLT = 0;
export const SCENARIO_TCP_RR = 1;
export const SCENARIO_IDLE = 2;
export const SCENARIO_CPU_BOUND = 3;
export const SCENARIO_SPINLOCK = 4;
export const SCENARIO_PERF_STAT = 5;
export const SCENARIO_PERF_RECORD = 6;
export const SCENARIO_VPMU_SWITCH = 7;
export const SCENARIO_NIC = 8;
export const SCENARIO_DISK = 9;
export const SCENARIO_COUNT = 10;

export let scenario = 0;
/** A scenario that counts iterations sets this when it has its last one. */
export let scenarioDone = false;

export function finishScenario(): void {
  scenarioDone = true;
}

/** Guest tick: kvm-unit-tests (ipi-hlt) runs none. */
export function scenarioHasTick(id: i32): bool {
  return id != SCENARIO_IPI_HLT;
}

export function scenarioStart(id: i32): void {
  scenario = id;
  scenarioDone = false;
  registerTasks(scenarioCall, scenarioNeedResched, scenarioTimer, scenarioIpi);
  resetDeviceTasks();
  switch (id) {
    case SCENARIO_IPI_HLT: ipiHlt.start(); break;
    case SCENARIO_TCP_RR: tcpRr.start(); break;
    case SCENARIO_IDLE: idle.start(); break;
    case SCENARIO_CPU_BOUND: cpuBound.start(); break;
    case SCENARIO_SPINLOCK: spinlock.start(); break;
    case SCENARIO_PERF_STAT: perfStat.start(); break;
    case SCENARIO_PERF_RECORD: perfRecord.start(); break;
    case SCENARIO_VPMU_SWITCH: vpmuSwitch.start(); break;
    case SCENARIO_NIC: nic.start(); break;
    case SCENARIO_DISK: disk.start(); break;
    default: break;
  }
}

/** OP_CALL continuation; code 0 asks for the vCPU's next ops (its queue ran dry). */
export function scenarioCall(v: i32, code: i32, arg: i32): void {
  switch (scenario) {
    case SCENARIO_IPI_HLT: ipiHlt.call(v, code, arg); break;
    case SCENARIO_TCP_RR: tcpRr.call(v, code, arg); break;
    case SCENARIO_IDLE: idle.call(v, code, arg); break;
    case SCENARIO_CPU_BOUND: cpuBound.call(v, code, arg); break;
    case SCENARIO_SPINLOCK: spinlock.call(v, code, arg); break;
    case SCENARIO_PERF_STAT: perfStat.call(v, code, arg); break;
    case SCENARIO_PERF_RECORD: perfRecord.call(v, code, arg); break;
    case SCENARIO_VPMU_SWITCH: vpmuSwitch.call(v, code, arg); break;
    case SCENARIO_NIC: nic.call(v, code, arg); break;
    case SCENARIO_DISK: disk.call(v, code, arg); break;
    default: break;
  }
}

export function scenarioNeedResched(v: i32): bool {
  switch (scenario) {
    case SCENARIO_IPI_HLT: return ipiHlt.needResched(v);
    case SCENARIO_TCP_RR: return tcpRr.needResched(v);
    case SCENARIO_IDLE: return idle.needResched(v);
    // The PMU scenarios' tasks run until the measurement is over; then the guest idles and the run stops.
    case SCENARIO_PERF_STAT:
    case SCENARIO_PERF_RECORD:
    case SCENARIO_VPMU_SWITCH: return !scenarioDone;
    case SCENARIO_NIC: return nic.needResched(v);
    case SCENARIO_DISK: return disk.needResched(v);
    default: return true;
  }
}

export function scenarioTimer(v: i32): void {
  if (scenario == SCENARIO_IDLE) idle.timer(v);
}

export function scenarioIpi(v: i32): void {
  if (scenario == SCENARIO_IPI_HLT) ipiHlt.ipi(v);
}
