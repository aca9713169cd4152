// The core's exports. The host writes parameters by slot, calls run() once,
// then reads the result arrays as typed-array views over linear memory.
import { resetQueue, popNext, schedule, eventsHandled, overflowed, now, QUEUE_CAPACITY, queueSize, evArg } from './engine';
import { seedRng } from './rng';
import { PARAM_NAMES, setParamValue } from './params';
import { resetStats, exitCounts, msrWrites, haltStats, samples, sampleCount, TRACKED_MSRS, MAX_VCPUS, MAX_PCPUS, HALT_STAT_COUNT, SAMPLE_STRIDE } from './stats';
import { EXIT_REASON_SLOTS } from './exit_reason';
import { resetPcpus, closePcpus, pcpuTime, MODE_COUNT, MODE_IDLE } from './pcpu';
import { resetHaltPoll, haltPollNs, pollWindow, adapt } from './halt_poll';
import * as ipiHlt from './scenarios/ipi_hlt';
import { CPU_MHZ } from './preset';

export const SCENARIO_IPI_HLT = 0;

export const STATUS_OK = 0;
export const STATUS_BUDGET = 1; // the event budget ran out before the scenario finished
export const STATUS_QUEUE_FULL = 2; // more pending events than the queue holds
export const STATUS_BAD_SCENARIO = 3;

let simTimeNs: i64 = 0;
let pcpuCount: i32 = 0;
let vcpuCount: i32 = 0;

// --- parameters ---------------------------------------------------------------
export function paramCount(): i32 {
  return PARAM_NAMES.length;
}
export function paramName(i: i32): string {
  return PARAM_NAMES[i];
}
export function setParam(i: i32, v: f64): void {
  setParamValue(i, v);
}

// --- running ------------------------------------------------------------------
/** Run a scenario to completion or until `maxEvents` events were handled. */
export function run(scenario: i32, seed: u32, maxEvents: f64): i32 {
  resetQueue();
  resetStats();
  resetHaltPoll();
  seedRng(<u64>seed);
  const budget = <i64>maxEvents;
  if (scenario != SCENARIO_IPI_HLT) return STATUS_BAD_SCENARIO;
  pcpuCount = 2;
  vcpuCount = 2;
  resetPcpus(MODE_IDLE);
  ipiHlt.start();
  let status = STATUS_OK;
  while (!ipiHlt.done && popNext()) {
    ipiHlt.handle();
    if (overflowed) {
      status = STATUS_QUEUE_FULL;
      break;
    }
    if (eventsHandled >= budget && !ipiHlt.done) {
      status = STATUS_BUDGET;
      break;
    }
  }
  simTimeNs = now;
  closePcpus(now, pcpuCount);
  return status;
}

// --- results ------------------------------------------------------------------
export function resultSimTimeNs(): f64 { return <f64>simTimeNs; }
export function resultEvents(): f64 { return <f64>eventsHandled; }
export function resultPcpuCount(): i32 { return pcpuCount; }
export function resultVcpuCount(): i32 { return vcpuCount; }
export function resultSampleCount(): i32 { return sampleCount; }
export function samplesPtr(): usize { return changetype<usize>(samples); }
export function sampleStride(): i32 { return SAMPLE_STRIDE; }
export function exitCountsPtr(): usize { return changetype<usize>(exitCounts); }
export function exitReasonSlots(): i32 { return EXIT_REASON_SLOTS; }
export function msrWritesPtr(): usize { return changetype<usize>(msrWrites); }
export function trackedMsrCount(): i32 { return TRACKED_MSRS.length; }
export function trackedMsr(i: i32): u32 { return TRACKED_MSRS[i]; }
export function haltStatsPtr(): usize { return changetype<usize>(haltStats); }
export function haltStatCount(): i32 { return HALT_STAT_COUNT; }
export function haltPollWindowNs(vcpu: i32): f64 { return <f64>haltPollNs[vcpu]; }
export function pcpuTimePtr(): usize { return changetype<usize>(pcpuTime); }
export function pcpuModeCount(): i32 { return MODE_COUNT; }
export function maxVcpus(): i32 { return MAX_VCPUS; }
export function maxPcpus(): i32 { return MAX_PCPUS; }
export function cpuMhz(): f64 { return CPU_MHZ; }

// --- the halt-poll window alone, for tests -------------------------------------
export function haltPollReset(): void { resetHaltPoll(); }
/** kvm_vcpu_halt entry: clamp and return the window. */
export function haltPollEnter(vcpu: i32): f64 { return <f64>pollWindow(vcpu); }
/** kvm_vcpu_halt exit after a halt of halt_ns. */
export function haltPollAdapt(vcpu: i32, halt_ns: f64): void { adapt(vcpu, <i64>halt_ns); }

// --- the bare event queue, for tests and the benchmark ---------------------------
export function queueCapacity(): i32 { return QUEUE_CAPACITY; }
export function queueReset(): void { resetQueue(); }
export function queuePush(at: f64, tag: i32): void { schedule(<i64>at, 0, 0, tag); }
export function queuePop(): i32 { return popNext() ? evArg : -1; }
export function queueLength(): i32 { return queueSize(); }

/**
 * The "hold" model: keep `pending` events queued and do `n` pop+push pairs
 * with random increments. Measures the raw queue, no model work; returns a
 * checksum so the work cannot be optimised away.
 */
export function queueHold(n: i32, pending: i32, seed: u32): f64 {
  resetQueue();
  seedRng(<u64>seed);
  for (let i = 0; i < pending; i++) schedule(<i64>(uniformNs()), 0, 0, i);
  let sum: i64 = 0;
  for (let i = 0; i < n; i++) {
    popNext();
    sum += now ^ <i64>evArg;
    schedule(now + <i64>uniformNs(), 0, 0, evArg);
  }
  return <f64>(sum & 0xfffffffffffff);
}

import { uniform } from './rng';
@inline function uniformNs(): f64 {
  return Math.floor(uniform() * 10000.0);
}
