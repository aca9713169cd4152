// The core's exports. The host writes parameters by slot, calls run() once,
// then reads the result arrays as typed-array views over linear memory.
import { resetQueue, popNext, schedule, eventsHandled, now, peakSize, queueSize, evArg } from './sim/engine';
import { seedRng, uniform } from './sim/rng';
import { PARAM_NAMES, setParamValue } from './sim/params';
import { counters, samples, sampleCount, samplesSeen, columnMin, columnMax, columnSum, MAX_VCPUS, MAX_PCPUS, COUNTER_SLOTS, SAMPLE_STRIDE } from './sim/stats';
import { exitTimeCount, exitTimeNs, exitTimeMin, exitTimeMax, exitTimeSq } from './kvm/exit_time';
import { kvmBlocking } from './kvm/kvm_halt';
import { exitCounts, msrWrites, msrExitNs, haltStats, kvmStats, TRACKED_MSRS, HALT_STAT_COUNT, KVM_STAT_COUNT } from './kvm/kvm_stats';
import { EXIT_REASON_SLOTS } from './hw/exit_reason';
import { pcpuTime, MODE_COUNT } from './hw/pcpu';
import { resetHaltPoll, pollWindow, adapt } from './kvm/halt_poll';
import { CPU_MHZ } from './hw/preset';
import * as cfg from './hw/config';
import * as PS from './sim/pmu_stats';
import { SVM } from './hw/preset';
import * as T from './sim/trace';
import { runModel, simTimeNs, STATUS_OK as OK, STATUS_BUDGET as BUDGET, STATUS_QUEUE_FULL as QUEUE_FULL, STATUS_BAD_SCENARIO as BAD, STATUS_STUCK as STUCK } from './model';

export const STATUS_OK = OK;
export const STATUS_BUDGET = BUDGET;
export const STATUS_QUEUE_FULL = QUEUE_FULL;
export const STATUS_BAD_SCENARIO = BAD;
export const STATUS_STUCK = STUCK;

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
  return runModel(scenario, seed, <i64>maxEvents);
}

// --- results ------------------------------------------------------------------
export function resultSimTimeNs(): f64 { return <f64>simTimeNs; }
export function resultEvents(): f64 { return <f64>eventsHandled; }
export function resultPeakQueue(): i32 { return peakSize; }
export function resultPcpuCount(): i32 { return cfg.pcpus; }
export function resultVcpuCount(): i32 { return cfg.vcpus; }
export function resultSampleCount(): i32 { return sampleCount; }
export function samplesPtr(): usize { return changetype<usize>(samples); }
export function resultSamplesSeen(): f64 { return <f64>samplesSeen; }
export function columnMinPtr(): usize { return changetype<usize>(columnMin); }
export function columnMaxPtr(): usize { return changetype<usize>(columnMax); }
export function columnSumPtr(): usize { return changetype<usize>(columnSum); }
export function exitTimeCountPtr(): usize { return changetype<usize>(exitTimeCount); }
export function exitTimeNsPtr(): usize { return changetype<usize>(exitTimeNs); }
export function exitTimeMinPtr(): usize { return changetype<usize>(exitTimeMin); }
export function exitTimeMaxPtr(): usize { return changetype<usize>(exitTimeMax); }
export function exitTimeSqPtr(): usize { return changetype<usize>(exitTimeSq); }
export function msrExitNsPtr(): usize { return changetype<usize>(msrExitNs); }
/** kvm_stat's blocking, at the end of the run: vCPUs asleep in kvm_vcpu_block. */
export function resultBlocking(): i32 {
  let n = 0;
  for (let v = 0; v < cfg.vcpus; v++) if (cfg.virtOn && kvmBlocking(v)) n++;
  return n;
}
export function sampleStride(): i32 { return SAMPLE_STRIDE; }
export function exitCountsPtr(): usize { return changetype<usize>(exitCounts); }
export function exitReasonSlots(): i32 { return EXIT_REASON_SLOTS; }
export function msrWritesPtr(): usize { return changetype<usize>(msrWrites); }
export function trackedMsrCount(): i32 { return TRACKED_MSRS.length; }
export function trackedMsr(i: i32): u32 { return TRACKED_MSRS[i]; }
export function haltStatsPtr(): usize { return changetype<usize>(haltStats); }
export function haltStatCount(): i32 { return HALT_STAT_COUNT; }
export function kvmStatsPtr(): usize { return changetype<usize>(kvmStats); }
export function kvmStatCount(): i32 { return KVM_STAT_COUNT; }
export function countersPtr(): usize { return changetype<usize>(counters); }
export function counterSlots(): i32 { return COUNTER_SLOTS; }
export function pcpuTimePtr(): usize { return changetype<usize>(pcpuTime); }
export function pcpuModeCount(): i32 { return MODE_COUNT; }
export function maxVcpus(): i32 { return MAX_VCPUS; }
export function maxPcpus(): i32 { return MAX_PCPUS; }
export function cpuMhz(): f64 { return CPU_MHZ; }

// --- the PMU scenarios' results (sim/pmu_stats.ts; web/sim/metrics/pmu.ts) -----------
export function hostIsSvm(): bool { return SVM; }
export function vpmuStatPtr(): usize { return changetype<usize>(PS.vpmuStat); }
export function vpmuStatCount(): i32 { return PS.VS_COUNT; }
export function ctrSlots(): i32 { return PS.CTR_SLOTS; }
export function ctrReadPtr(): usize { return changetype<usize>(PS.ctrRead); }
export function ctrTruthPtr(): usize { return changetype<usize>(PS.ctrTruth); }
export function ctrKindPtr(): usize { return changetype<usize>(PS.ctrKind); }
export function ctrStartPtr(): usize { return changetype<usize>(PS.ctrStartNs); }
export function ctrStopPtr(): usize { return changetype<usize>(PS.ctrStopNs); }
export function markCount(): i32 { return PS.markCount; }
export function markNsPtr(): usize { return changetype<usize>(PS.markNs); }
export function markReasonPtr(): usize { return changetype<usize>(PS.markReason); }
export function listingSlots(): i32 { return PS.LISTING_SLOTS; }
export function sampleHistPtr(): usize { return changetype<usize>(PS.sampleHist); }
export function truthHistPtr(): usize { return changetype<usize>(PS.truthHist); }
export function phaseCount(): i32 { return PS.phaseCount; }
export function phaseCols(): i32 { return PS.PHASE_COLS; }
export function phaseRowsPtr(): usize { return changetype<usize>(PS.phaseRows); }

// --- the timeline (sim/trace.ts; decoded by web/sim/timeline.ts) ---------------------
/**
 * The window the next runs record: from start_ns (-2: where the workload's
 * measurement starts, after its warm-up) for duration_ns; start -1 turns
 * recording off. Kept until changed, like the parameters.
 */
export function setTimeline(start_ns: f64, duration_ns: f64): void {
  T.traceRequest(<i64>start_ns, <i64>duration_ns);
}
export function timelineStartNs(): f64 { return <f64>T.startNs; }
export function timelineEndNs(): f64 { return <f64>T.endNs; }
export function timelineTruncated(): bool { return T.truncated; }
export function timelineCount(): i32 { return T.traceCount; }
export function timelineTimePtr(): usize { return changetype<usize>(T.traceTime); }
export function timelineCodePtr(): usize { return changetype<usize>(T.traceCode); }
/** Per lane, pCPUs (maxPcpus) then vCPUs (maxVcpus): the state before the window (time -1: none). */
export function timelineBaseTimePtr(): usize { return changetype<usize>(T.baseTime); }
export function timelineBaseCodePtr(): usize { return changetype<usize>(T.baseCode); }
export function timelineCapacity(): i32 { return T.TRACE_CAPACITY; }

// --- the halt-poll window alone, for tests -------------------------------------
export function haltPollReset(): void { resetHaltPoll(); }
/** kvm_vcpu_halt entry: clamp and return the window. */
export function haltPollEnter(vcpu: i32): f64 { return <f64>pollWindow(vcpu); }
/** kvm_vcpu_halt exit after a halt of halt_ns. */
export function haltPollAdapt(vcpu: i32, halt_ns: f64): void { adapt(vcpu, <i64>halt_ns); }

// --- the bare event queue, for tests and the benchmark ---------------------------
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

@inline function uniformNs(): f64 {
  return Math.floor(uniform() * 10000.0);
}
