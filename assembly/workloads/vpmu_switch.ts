// vpmu-switch: a guest profiling one of its two CPU-bound tasks with
// `perf record -F sample_hz` while the guest scheduler switches between
// them every switch_ns (perf saves and restores the profiled task's counters
// on every switch), the same work once for each of KVM's vPMU designs —
// legacy, reuse, mediated — with basic sampling (6 events) and with
// multiplexing (10 events rotated over the counters every 4 ms), after a
// baseline without perf. Each phase reports the reprogramming it caused,
// host perf event creations, the guest PMI handler's latency and the time
// the same work took (kvm-facts §7.2, §7.4).
import { now } from '../sim/engine';
import { schedule } from '../sim/engine';
import { EV_PMI } from '../sim/events';
import { traceMeasureStart } from '../sim/trace';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as ops from '../hw/ops';
import * as P from '../hw/pmu';
import { paramI64, isOn, P_SAMPLE_HZ, P_SWITCH_NS, P_PHASE_WORK_NS, P_NMI_WATCHDOG } from '../sim/params';
import {
  vpmuStat, phaseRow, nextPhase, resetVpmuStat, VS_REPROGRAM_CALLS, VS_REPROGRAM_REQUESTS, VS_CREATE_NS, VS_PMI_HANDLER_COUNT,
  VS_PMI_HANDLER_NS, VS_PMI_HANDLER_MIN_NS, VS_PMI_HANDLER_MAX_NS, VS_PMU_EXITS, VS_LAZY_RELEASES, VS_DS_RESERVES, VS_CREATE_MAX_NS,
  PC_MODE, PC_MUX, PC_WALL_NS, PC_LAZY_RELEASES, PC_REPROGRAM_CALLS, PC_REPROGRAM_REQUESTS, PC_CREATE_NS, PC_PMIS, PC_HANDLER_MEAN_NS,
  PC_HANDLER_MIN_NS, PC_HANDLER_MAX_NS, PC_PMU_EXITS, PC_DS_RESERVES, PC_CREATE_MAX_NS,
} from '../sim/pmu_stats';
import { vpmuReset, guestPmuKind, isCounting, VPMU_LEGACY, VPMU_REUSE, VPMU_MEDIATED } from '../kvm/pmu';
import { perfReset, perfAssign, queueProgram, queueEnable, queueSchedOut, queueSchedIn, perfOverflowAt } from '../guest/perf';
import { finishScenario } from './registry';

const BASIC: StaticArray<i32> = [P.EVT_CYCLES, P.EVT_INSTRUCTIONS, P.EVT_BRANCHES, P.EVT_BRANCH_MISSES, P.EVT_LLC_MISSES, P.EVT_LLC_REFERENCES];
const MUX: StaticArray<i32> = [
  P.EVT_CYCLES, P.EVT_INSTRUCTIONS, P.EVT_BRANCHES, P.EVT_BRANCH_MISSES, P.EVT_LLC_MISSES, P.EVT_LLC_REFERENCES,
  P.EVT_REF_CYCLES, P.EVT_INSTRUCTIONS, P.EVT_CYCLES, P.EVT_BRANCHES,
];
/** perf_event_mux_interval_ms: one jiffy at the guest's HZ=250 (kernel/events/core.c PERF_CPU_HRTIMER). */
const MUX_INTERVAL_NS: i64 = 4000000;
/** The period perf writes when re-arming (frequency mode adapts it; its value does not change the model's costs). */
const SAMPLE_PERIOD: u64 = 100000;
/** Work is queued in pieces no longer than this (interrupts split them anyway). */
const CHUNK_NS: i64 = 200000;

const CALL_PHASE_START = 1;
const CALL_CHUNK_DONE = 2;
const CALL_SWITCHED = 3;

// Phases: mode (-1: baseline without perf), multiplexing.
const phaseMode = new StaticArray<i32>(8);
const phaseMux = new StaticArray<bool>(8);
let phases = 0;
let phase = -1;
let phaseStart: i64 = 0;
let workDone: i64 = 0;
let workTarget: i64 = 0;
let switchNs: i64 = 0;
let sampleHz: i64 = 0;
let profiled = true; // task A (profiled) is current
let sliceLeft: i64 = 0;
let toPmi: i64 = 0;
let toRotate: i64 = 0;
let chunk: i64 = 0;
let events = 0;
let active = 0;
let rotation = 0;
let nextOverflow = 0;
let perfOn = false;

function addPhase(mode: i32, mux: bool): void {
  unchecked((phaseMode[phases] = mode));
  unchecked((phaseMux[phases] = mux));
  phases++;
}

/** The mediated vPMU needs a PMU KVM can hand over: Intel v4-class (icx, spr) or AMD PerfMon V2 (model assumption for snb; kvm-facts §7.4 for AMD). */
function mediatedCapable(): bool {
  return C.PMU_NATIVE_KIND == P.PMU_AMD_V2 || (C.PMU_NATIVE_KIND == P.PMU_INTEL && !C.PMU_PDIR_PMC1);
}

export function start(): void {
  phases = 0;
  addPhase(-1, false);
  addPhase(VPMU_LEGACY, false);
  addPhase(VPMU_LEGACY, true);
  addPhase(VPMU_REUSE, false);
  addPhase(VPMU_REUSE, true);
  if (mediatedCapable()) {
    addPhase(VPMU_MEDIATED, false);
    addPhase(VPMU_MEDIATED, true);
  }
  phase = -1;
  switchNs = paramI64(P_SWITCH_NS);
  sampleHz = paramI64(P_SAMPLE_HZ);
  workTarget = paramI64(P_PHASE_WORK_NS);
  perfOn = false;
}

/** Which events sit on the counters now: the list rotated by `rotation`, as many as there are counters. */
function assign(v: i32): void {
  for (let idx = 0; idx < P.MAX_GP; idx++) perfAssign(v, idx, P.EVT_NONE, 0, false);
  const list = phaseMux[phase] ? MUX : BASIC;
  events = list.length;
  active = events < P.gpCount ? events : P.gpCount;
  for (let idx = 0; idx < active; idx++) perfAssign(v, idx, unchecked(list[(rotation + idx) % events]), SAMPLE_PERIOD, false);
}

function beginPhase(v: i32): void {
  phase++;
  if (phase >= phases) {
    finishScenario();
    return;
  }
  const mode = unchecked(phaseMode[phase]);
  perfOn = mode >= 0;
  if (perfOn) traceMeasureStart(); // the first design profiled (the first phase is the baseline without perf)
  // A fresh VM for each design: its vPMU as that KVM builds it.
  vpmuReset(perfOn ? mode : VPMU_LEGACY, guestPmuKind(), isOn(P_NMI_WATCHDOG), false, 0);
  perfReset();
  resetVpmuStat();
  phaseStart = now;
  workDone = 0;
  rotation = 0;
  nextOverflow = 0;
  sliceLeft = switchNs;
  toRotate = MUX_INTERVAL_NS;
  profiled = true;
  if (perfOn) {
    assign(v);
    toPmi = pmiIntervalNs();
    queueProgram(v);
    queueEnable(v);
  }
  queueChunk(v);
}

/** -F sample_hz per event: the active counters overflow, between them, every 1 / (active x hz) of the profiled task's time. */
function pmiIntervalNs(): i64 {
  const rate = <i64>active * sampleHz;
  return rate > 0 ? 1000000000 / rate : i64.MAX_VALUE;
}

function queueChunk(v: i32): void {
  let c = sliceLeft;
  if (c > CHUNK_NS) c = CHUNK_NS;
  if (perfOn && profiled && toPmi < c) c = toPmi;
  if (perfOn && profiled && events > active && toRotate < c) c = toRotate;
  if (workTarget - workDone < c) c = workTarget - workDone;
  if (c < 1) c = 1;
  chunk = c;
  ops.pushBack(v, ops.OP_WORK, c, 0);
  ops.pushBack(v, ops.OP_CALL, CALL_CHUNK_DONE, 0);
}

function endPhase(): void {
  const pmis = <f64>vpmuStat[VS_PMI_HANDLER_COUNT];
  phaseRow(PC_MODE, <f64>unchecked(phaseMode[phase]));
  phaseRow(PC_MUX, unchecked(phaseMux[phase]) ? 1 : 0);
  phaseRow(PC_WALL_NS, <f64>(now - phaseStart));
  phaseRow(PC_LAZY_RELEASES, <f64>vpmuStat[VS_LAZY_RELEASES]);
  phaseRow(PC_REPROGRAM_CALLS, <f64>vpmuStat[VS_REPROGRAM_CALLS]);
  phaseRow(PC_REPROGRAM_REQUESTS, <f64>vpmuStat[VS_REPROGRAM_REQUESTS]);
  phaseRow(PC_CREATE_NS, <f64>vpmuStat[VS_CREATE_NS]);
  phaseRow(PC_PMIS, pmis);
  phaseRow(PC_HANDLER_MEAN_NS, pmis > 0 ? <f64>vpmuStat[VS_PMI_HANDLER_NS] / pmis : 0);
  phaseRow(PC_HANDLER_MIN_NS, pmis > 0 ? <f64>vpmuStat[VS_PMI_HANDLER_MIN_NS] : 0);
  phaseRow(PC_HANDLER_MAX_NS, <f64>vpmuStat[VS_PMI_HANDLER_MAX_NS]);
  phaseRow(PC_PMU_EXITS, <f64>vpmuStat[VS_PMU_EXITS]);
  phaseRow(PC_DS_RESERVES, <f64>vpmuStat[VS_DS_RESERVES]);
  phaseRow(PC_CREATE_MAX_NS, <f64>vpmuStat[VS_CREATE_MAX_NS]);
  nextPhase();
}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    if (phase < 0) beginPhase(v);
    return;
  }
  if (code == CALL_PHASE_START) {
    beginPhase(v);
    return;
  }
  if (code == CALL_SWITCHED) {
    queueChunk(v);
    return;
  }
  if (code != CALL_CHUNK_DONE) return;
  workDone += chunk;
  sliceLeft -= chunk;
  if (perfOn && profiled) {
    toPmi -= chunk;
    toRotate -= chunk;
  }
  if (workDone >= workTarget) {
    if (perfOn && profiled) queueSchedOut(v); // perf stops with the task
    endPhase();
    ops.pushBack(v, ops.OP_CALL, CALL_PHASE_START, 0);
    return;
  }
  if (perfOn && profiled && toPmi <= 0) {
    // The next counter in turn reaches its period: it wraps, and if it counts, its PMI follows.
    toPmi = pmiIntervalNs();
    const idx = nextOverflow % active;
    nextOverflow++;
    if (isCounting(v, idx)) {
      P.counterAdd(v, idx, P.eventsToOverflow(v, idx));
      perfOverflowAt(v, now);
      schedule(now, EV_PMI, v, 0);
    }
  }
  if (perfOn && profiled && events > active && toRotate <= 0) {
    // perf_rotate_context: stop every event, rotate the list, start the next set.
    toRotate = MUX_INTERVAL_NS;
    queueSchedOut(v);
    rotation = (rotation + 1) % events;
    assign(v);
    queueSchedIn(v);
  }
  if (sliceLeft <= 0) {
    // The guest scheduler switches tasks; perf saves or restores the profiled one's counters.
    sliceLeft = switchNs;
    ops.pushBack(v, ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_CONTEXT_SWITCH_CYCLES)), 0);
    if (perfOn) {
      if (profiled) queueSchedOut(v);
      else queueSchedIn(v);
    }
    profiled = !profiled;
    ops.pushBack(v, ops.OP_CALL, CALL_SWITCHED, 0);
    return;
  }
  queueChunk(v);
}
