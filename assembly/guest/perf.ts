// The guest kernel's perf (arch/x86/events/): how it drives the PMU it sees.
// perf stat programs N counters, enables them, lets the measured region run,
// disables and reads them; the enable and disable are one global-control
// write when the PMU has one (Intel v2+, AMD PerfMon V2: enable_all /
// disable_all), else one select write per counter (start skew: each counter
// also counts the loop that enables the ones after it). perf record arms a
// counter with -period; its PMI handler disables, reads and acks the
// overflow status, re-arms and re-enables (Intel: GLOBAL_CTRL, STATUS,
// OVF_CTRL, the LVTPC unmask; AMD v2: GlobalCtl / GlobalStatus /
// GlobalStatusClr; v1 PMUs: a read of every counter). A context switch
// away from a profiled task saves its counters, back restores them.
import { now } from '../sim/engine';
import { MAX_VCPUS } from '../sim/stats';
import {
  addVs, maxVs, minVs, VS_PMI_HANDLER_NS, VS_PMI_HANDLER_COUNT, VS_PMI_HANDLER_MIN_NS, VS_PMI_HANDLER_MAX_NS, VS_PMI_LATENCY_NS,
} from '../sim/pmu_stats';
import * as P from '../hw/pmu';
import * as ops from '../hw/ops';
import { cyclesToNs, plainCost } from '../hw/cost';
import { vpmuCount } from '../kvm/pmu';

/** OP_CALL codes at or above this are perf's own continuations (guest/boot.ts routes them here). */
export const PERF_CALL_BASE = 1000;
const CALL_AGENT = PERF_CALL_BASE + 1; // perf's own code between two enable (or disable) writes ran
const CALL_PMI_DONE = PERF_CALL_BASE + 2; // the PMI handler's IRET

/**
 * perf's code between two per-counter writes (x86_pmu_enable_all's loop,
 * __x86_pmu_enable_event): model assumption, ~40 instructions in ~60 cycles.
 */
export const AGENT_INSTRUCTIONS: u64 = 40;
export const AGENT_CYCLES: f64 = 60.0;
/** perf_event_overflow for one sample: perf_prepare_sample, output to the ring buffer (model assumption: ~1 µs). */
const SAMPLE_CYCLES: f64 = 2500.0;
/** Draining one PEBS record and the off-by-one fix-up (intel_pmu_drain_pebs, intel_pmu_pebs_fixup_ip; model assumption). */
const PEBS_DRAIN_CYCLES: f64 = 1500.0;
/** A guest task switch's perf part beyond the MSR writes: ctx_sched_out/in bookkeeping (model assumption). */
const SCHED_BOOKKEEPING_CYCLES: f64 = 800.0;

// Per vCPU and counter: the event kind perf put there (EVT_NONE: free) and the sampling period (0: counting).
const N = MAX_VCPUS * P.MAX_COUNTERS;
export const assigned = new StaticArray<i32>(N);
export const period = new StaticArray<u64>(N);
const pebs = new StaticArray<bool>(N);
const handlerStart = new StaticArray<i64>(MAX_VCPUS);
const overflowAt = new StaticArray<i64>(MAX_VCPUS);
/** PMIs the guest handled. */
export let pmisHandled = 0;

export function perfReset(): void {
  assigned.fill(P.EVT_NONE);
  period.fill(0);
  pebs.fill(false);
  handlerStart.fill(-1);
  overflowAt.fill(-1);
  pmisHandled = 0;
}

@inline function at(v: i32, idx: i32): i32 {
  return v * P.MAX_COUNTERS + idx;
}

function wr(v: i32, msr: u32, value: u64): void {
  ops.pushBack(v, ops.OP_PMU_WRMSR, <i64>value, <i32>msr);
}

function rd(v: i32, msr: u32, rdpmc: bool): void {
  ops.pushBack(v, ops.OP_PMU_RDMSR, rdpmc ? 1 : 0, <i32>msr);
}

/** The select perf writes for a GP counter: event, USR|OS, INT when sampling, EN when asked. */
function selectValue(kind: i32, sampling: bool, en: bool): u64 {
  const raw = <u64>(P.isAmd(P.pmuKind) ? P.amdEncoding(kind) : P.intelEncoding(kind));
  let s = raw | P.EVTSEL_USR | P.EVTSEL_OS;
  if (sampling) s |= P.EVTSEL_INT;
  if (en) s |= P.EVTSEL_EN;
  return s;
}

/** Mask of the global bits of every counter perf has an event on. */
export function activeMask(v: i32): u64 {
  let m: u64 = 0;
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) if (unchecked(assigned[at(v, idx)]) != P.EVT_NONE) m |= P.globalBit(idx);
  return m;
}

function fixedCtrlFor(v: i32, en: bool): u64 {
  let x: u64 = 0;
  for (let n = 0; n < P.fixedCount; n++) {
    const i = at(v, P.FIXED_BASE + n);
    if (unchecked(assigned[i]) == P.EVT_NONE || !en) continue;
    let f = P.FIXED_OS | P.FIXED_USR;
    if (unchecked(period[i]) > 0) f |= P.FIXED_PMI;
    x |= f << <u64>(4 * n);
  }
  return x;
}

/** perf's own code between two per-counter writes: it retires instructions the enabled counters see. */
function agentGap(v: i32): void {
  ops.pushBack(v, ops.OP_WORK, cyclesToNs(plainCost(AGENT_CYCLES)), 1);
  ops.pushBack(v, ops.OP_CALL, CALL_AGENT, 0);
}

/** Put event `kind` on counter idx (counting if period is 0, else sampling with it; PEBS when asked). */
export function perfAssign(v: i32, idx: i32, kind: i32, samplePeriod: u64, usePebs: bool): void {
  unchecked((assigned[at(v, idx)] = kind));
  unchecked((period[at(v, idx)] = samplePeriod));
  unchecked((pebs[at(v, idx)] = usePebs));
}

/**
 * Program the assigned counters, disabled: global PMUs get GLOBAL_CTRL = 0
 * first and selects with EN (the global bit gates them); v1 PMUs get selects
 * without EN. Counters are written with -period (0 when counting).
 */
export function queueProgram(v: i32): void {
  if (activeMask(v) == 0) return; // no events: perf leaves the PMU alone
  const global = P.hasGlobalCtrl(P.pmuKind);
  if (global) wr(v, P.globalCtrlMsr(), 0);
  let anyFixed = false;
  let pebsBits: u64 = 0;
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) {
    const i = at(v, idx);
    const kind = unchecked(assigned[i]);
    if (kind == P.EVT_NONE) continue;
    const per = unchecked(period[i]);
    wr(v, P.counterMsr(idx), per > 0 ? (P.COUNTER_MASK + 1 - per) & P.COUNTER_MASK : 0);
    if (idx >= P.FIXED_BASE) anyFixed = true;
    else wr(v, P.selectMsr(idx), selectValue(kind, per > 0, global));
    if (unchecked(pebs[i])) pebsBits |= P.globalBit(idx);
  }
  if (anyFixed) wr(v, P.MSR_IA32_FIXED_CTR_CTRL, fixedCtrlFor(v, global));
  if (pebsBits != 0 && !P.isAmd(P.pmuKind)) {
    wr(v, P.MSR_IA32_DS_AREA, 0x1000); // the DS save area (its address is immaterial to the model)
    wr(v, P.MSR_IA32_PEBS_ENABLE, pebsBits);
  }
}

/** enable_all: one global write, or one select (or fixed-control) write per counter with perf's loop between. */
export function queueEnable(v: i32): void {
  if (activeMask(v) == 0) return;
  if (P.hasGlobalCtrl(P.pmuKind)) {
    wr(v, P.globalCtrlMsr(), activeMask(v));
    return;
  }
  perCounterWrites(v, true);
}

/** disable_all: the same, turning them off. */
export function queueDisable(v: i32): void {
  if (activeMask(v) == 0) return;
  if (P.hasGlobalCtrl(P.pmuKind)) {
    wr(v, P.globalCtrlMsr(), 0);
    return;
  }
  perCounterWrites(v, false);
}

function perCounterWrites(v: i32, en: bool): void {
  let first = true;
  for (let idx = 0; idx < P.FIXED_BASE; idx++) {
    const kind = unchecked(assigned[at(v, idx)]);
    if (kind == P.EVT_NONE) continue;
    if (!first) agentGap(v);
    first = false;
    wr(v, P.selectMsr(idx), selectValue(kind, unchecked(period[at(v, idx)]) > 0, en));
  }
  if (fixedCtrlFor(v, true) != 0) {
    if (!first) agentGap(v);
    wr(v, P.MSR_IA32_FIXED_CTR_CTRL, fixedCtrlFor(v, en));
  }
}

/** Read every assigned counter (x86_perf_event_update: RDPMC). */
export function queueRead(v: i32): void {
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) if (unchecked(assigned[at(v, idx)]) != P.EVT_NONE) rd(v, P.counterMsr(idx), true);
}

/**
 * A context switch away from the profiled task (perf_event_task_sched_out):
 * PMU disabled, each event stopped (its select without EN) and read, PMU enabled.
 */
export function queueSchedOut(v: i32): void {
  const global = P.hasGlobalCtrl(P.pmuKind);
  if (global) wr(v, P.globalCtrlMsr(), 0);
  for (let idx = 0; idx < P.FIXED_BASE; idx++) {
    const kind = unchecked(assigned[at(v, idx)]);
    if (kind == P.EVT_NONE) continue;
    wr(v, P.selectMsr(idx), selectValue(kind, unchecked(period[at(v, idx)]) > 0, false));
    rd(v, P.counterMsr(idx), true);
  }
  ops.pushBack(v, ops.OP_WORK, cyclesToNs(plainCost(SCHED_BOOKKEEPING_CYCLES)), 0);
}

/** Back to the profiled task: each event restored (counter, select with EN), then the PMU enabled. */
export function queueSchedIn(v: i32): void {
  const global = P.hasGlobalCtrl(P.pmuKind);
  if (global) wr(v, P.globalCtrlMsr(), 0);
  for (let idx = 0; idx < P.FIXED_BASE; idx++) {
    const i = at(v, idx);
    const kind = unchecked(assigned[i]);
    if (kind == P.EVT_NONE) continue;
    const per = unchecked(period[i]);
    wr(v, P.counterMsr(idx), per > 0 ? (P.COUNTER_MASK + 1 - per) & P.COUNTER_MASK : 0);
    wr(v, P.selectMsr(idx), selectValue(kind, per > 0, true));
  }
  if (global) wr(v, P.globalCtrlMsr(), activeMask(v));
  ops.pushBack(v, ops.OP_WORK, cyclesToNs(plainCost(SCHED_BOOKKEEPING_CYCLES)), 0);
}

/** The workload tells perf when the counter overflowed (for the PMI's latency). */
export function perfOverflowAt(v: i32, t: i64): void {
  unchecked((overflowAt[v] = t));
}

/**
 * The PMI handler, from its first instruction (the NMI was dispatched): the
 * accesses each PMU kind's driver makes, pushed in front of what was
 * interrupted. Ends with a continuation that times it.
 */
export function perfPmiHandler(v: i32): void {
  unchecked((handlerStart[v] = now));
  const ovfAt = unchecked(overflowAt[v]);
  if (ovfAt >= 0) {
    addVs(VS_PMI_LATENCY_NS, now - ovfAt);
    unchecked((overflowAt[v] = -1));
  }
  const status = P.globalStatus[v];
  // Build in order into a small list, then push to the front in reverse.
  const kind = P.pmuKind;
  listReset();
  if (P.hasGlobalCtrl(kind)) {
    listWr(P.globalCtrlMsr(), 0);
    listRd(P.globalStatusMsr(), false);
  } else {
    // v1 drivers (x86_pmu_handle_irq) read every active counter to find the one that overflowed.
    for (let idx = 0; idx < P.MAX_COUNTERS; idx++) if (unchecked(assigned[at(v, idx)]) != P.EVT_NONE) listRd(P.counterMsr(idx), true);
  }
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) {
    if ((status & P.globalBit(idx)) == 0) continue;
    const i = at(v, idx);
    const per = unchecked(period[i]);
    if (P.hasGlobalCtrl(kind)) listRd(P.counterMsr(idx), true);
    if (per > 0) listWr(P.counterMsr(idx), (P.COUNTER_MASK + 1 - per) & P.COUNTER_MASK);
    listWork(unchecked(pebs[i]) ? SAMPLE_CYCLES + PEBS_DRAIN_CYCLES : SAMPLE_CYCLES);
  }
  if (P.hasGlobalCtrl(kind)) listWr(P.globalAckMsr(), status);
  else P.globalStatus[v] = 0; // no status register: the overflow was read off the counters
  if (!P.isAmd(kind)) listWr(P.MSR_X2APIC_LVTPC, 0x400); // apic_write(APIC_LVTPC, APIC_DM_NMI): unmask (kvm-facts §6)
  if (P.hasGlobalCtrl(kind)) listWr(P.globalCtrlMsr(), activeMask(v));
  listCall(CALL_PMI_DONE);
  for (let k = listLen - 1; k >= 0; k--) ops.pushFront(v, unchecked(lType[k]), unchecked(lArg[k]), unchecked(lArg2[k]));
}

const LIST_CAP = 48;
const lType = new StaticArray<i32>(LIST_CAP);
const lArg = new StaticArray<i64>(LIST_CAP);
const lArg2 = new StaticArray<i32>(LIST_CAP);
let listLen = 0;
function listReset(): void { listLen = 0; }
function listPush(t: i32, a: i64, a2: i32): void {
  if (listLen >= LIST_CAP) return;
  unchecked((lType[listLen] = t));
  unchecked((lArg[listLen] = a));
  unchecked((lArg2[listLen] = a2));
  listLen++;
}
function listWr(msr: u32, value: u64): void { listPush(ops.OP_PMU_WRMSR, <i64>value, <i32>msr); }
function listRd(msr: u32, rdpmc: bool): void { listPush(ops.OP_PMU_RDMSR, rdpmc ? 1 : 0, <i32>msr); }
function listWork(cycles: f64): void { listPush(ops.OP_WORK, cyclesToNs(plainCost(cycles)), 0); }
function listCall(code: i32): void { listPush(ops.OP_CALL, code, 0); }

/** perf's continuations (OP_CALL codes from PERF_CALL_BASE). */
export function perfCall(v: i32, code: i32, _arg: i32): void {
  if (code == CALL_AGENT) {
    vpmuCount(v, P.EVT_INSTRUCTIONS, AGENT_INSTRUCTIONS);
    vpmuCount(v, P.EVT_CYCLES, <u64>AGENT_CYCLES);
  } else if (code == CALL_PMI_DONE) {
    const d = now - unchecked(handlerStart[v]);
    pmisHandled++;
    addVs(VS_PMI_HANDLER_NS, d);
    addVs(VS_PMI_HANDLER_COUNT, 1);
    minVs(VS_PMI_HANDLER_MIN_NS, d);
    maxVs(VS_PMI_HANDLER_MAX_NS, d);
  }
}
