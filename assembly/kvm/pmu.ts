// KVM's virtual PMU (arch/x86/kvm/pmu.c, vmx/pmu_intel.c, svm/pmu.c;
// kvm-facts §7). The guest's PMU registers live in hw/pmu.ts's register
// file; this file decides what backs them and what each access costs:
//
// - legacy (before ~5.5): every select, fixed-control or global-control
//   change re-creates the counter's host perf event (release, then
//   perf_event_create_kernel_counter) when KVM_REQ_PMU is handled before
//   the next entry;
// - reuse (what was merged, kvm-facts §7.2): the event is paused and, if the
//   guest re-enables the same config, resumed; only a new config creates
//   one; an event unused for a whole vCPU time slice is released lazily at
//   the next sched-in;
// - mediated (kvm-facts §7.4): the guest owns the counters; selects and
//   FIXED_CTR_CTRL still exit (the filter is enforced there), counters and
//   the global registers do not; every full exit switches the PMU context;
// - off: the guest sees no PMU.
//
// Creating a host event is the expensive, variable part. Its tail has a
// mechanism: x86_pmu_event_init -> x86_reserve_hardware reserves the DS
// (PEBS/BTS) buffers of every host CPU when no perf event is active, and the
// last event's destruction releases them. The host's NMI watchdog holds a
// perf event of its own, so with it on that never happens; with it off a
// guest whose events are all released and re-created pays it every time —
// S4's 21 ms create path and ~20 ms minimum PMI handler (kvm-facts §7.2).
import { now } from '../sim/engine';
import { MAX_VCPUS } from '../sim/stats';
import { uniform, pareto } from '../sim/rng';
import {
  addVs, maxVs, minVs, mark, VS_REPROGRAM_REQUESTS, VS_REPROGRAM_CALLS, VS_RELEASES, VS_LAZY_RELEASES, VS_PAUSES, VS_RESUMES,
  VS_DS_RESERVES, VS_DS_RELEASES, VS_CREATE_NS, VS_CREATE_MAX_NS, VS_CREATE_MIN_NS, VS_PMU_EXITS, VS_CROSS_MAPPED,
  VS_EMULATED_COUNTED, VS_FILTERED_WRITES, VS_MEDIATED_SWITCHES, ctrStartNs, ctrStopNs,
} from '../sim/pmu_stats';
import * as P from '../hw/pmu';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import { cyclesToNs, nsToCycles } from '../hw/cost';
import { EXIT_REASON_MSR_WRITE, EXIT_REASON_MSR_READ, EXIT_REASON_RDPMC } from '../hw/exit_reason';
import { filterAllowsRaw, filterAllowsFixed, filterInstall, filterInstalled } from './pmu_filter';
import { param, isOn, P_VPMU, P_PMU, P_NMI_WATCHDOG, P_HOST_PERF, P_PMU_FILTER } from '../sim/params';

export const VPMU_LEGACY = 0;
export const VPMU_REUSE = 1;
export const VPMU_MEDIATED = 2;
export const VPMU_OFF = 3;

// --- Costs ------------------------------------------------------------------------------
/** kvm_pmu_set_msr / get_msr: decode, store, request (model assumption: same order as other emulated MSRs, hw/preset PLAIN_MSR_HANDLER_CYCLES). */
const PMU_MSR_HANDLER_CYCLES: f64 = 500.0;
/** A PMU MSR access on bare metal or passed through: WRMSR/RDMSR/RDPMC serialising (model assumption: ~100–150 cycles). */
export const NATIVE_PMU_MSR_CYCLES: f64 = 120.0;
/**
 * perf_event_create_kernel_counter with an active host PMU: perf_event_alloc,
 * x86_pmu_event_init, find_get_context, perf_install_in_context. Pareto scale
 * and shape: calibrated so that Linux's Intel PMI handler, re-creating every
 * active counter, takes S4's ~105 µs (kvm-facts §7.2: 104,923 ns) while the
 * reuse path takes ~48 µs; the heavy tail is the RFC's "heavyweight" call.
 */
const CREATE_XM_NS: f64 = 6000.0;
const CREATE_ALPHA: f64 = 2.5;
const CREATE_CAP_NS: f64 = 1000000.0;
/** perf_event_release_kernel of a backing event (calibrated with the above). */
const RELEASE_NS: f64 = 1800.0;
/** perf_event_pause: read and reset the count, stop the event (calibrated with the above). */
const PAUSE_NS: f64 = 1700.0;
/** pmc_resume_counter: perf_event_period + perf_event_enable (calibrated with the above). */
const RESUME_NS: f64 = 2600.0;
/**
 * reserve_ds_buffers for every host CPU when the first perf event appears,
 * uniform in [min, max]: S4's maximum create time with the NMI watchdog off,
 * 21,000,000 ns (kvm-facts §7.2 [K60]).
 */
const DS_RESERVE_MIN_NS: f64 = 13000000.0;
const DS_RESERVE_MAX_NS: f64 = 21000000.0;
/** release_ds_buffers when the last goes (frees and unmaps per-CPU buffers, TLB flush): with the reserve, S4's ~20.4 ms minimum handler latency (kvm-facts §7.2). */
const DS_RELEASE_NS: f64 = 7400000.0;
/** Mediated vPMU: a select write programs the hardware after the filter check (model assumption: a WRMSR and a lookup). */
const MEDIATED_SELECT_CYCLES: f64 = 300.0;
/**
 * Mediated vPMU: perf_put_guest_context + perf_load_guest_context around a
 * full exit. kvm-facts §7.4/§10 [K65]: eliding PMC writes when values match
 * cut a CPUID round trip ~4k -> ~3k cycles, so the switch is ~1k cycles.
 */
const MEDIATED_SWITCH_CYCLES: f64 = 1000.0;
/** The host's NMI-time PMI handler for a guest counter: x86_pmu_handle_irq -> kvm_perf_overflow (model assumption: ~1 µs at 3 GHz). */
export const HOST_PMI_CYCLES: f64 = 3000.0;
/** Mediated: the dedicated PMI vector's handler, then KVM_REQ_PMI (model assumption: an interrupt, a request bit). */
export const MEDIATED_PMI_CYCLES: f64 = 800.0;
/**
 * Cycles of each exit a guest cycles counter still counts: it is enabled and
 * disabled by the VM-entry/VM-exit loads of PERF_GLOBAL_CTRL, so part of the
 * transition runs with it on (model assumption: about half the hardware exit).
 */
export const GUEST_COUNTED_EXIT_CYCLES: f64 = 100.0;

// --- State ----------------------------------------------------------------------------------
export let vpmuMode = VPMU_LEGACY;
let watchdogOn = true;
let hostPerfOn = false;
/** Active host perf events (perf's active_events / pmc_refcount): watchdog, host perf, KVM's. */
let activeEvents = 0;

const N = MAX_VCPUS * P.MAX_COUNTERS;
const evExists = new StaticArray<bool>(N);
const evRunning = new StaticArray<bool>(N);
const evConfig = new StaticArray<u64>(N);
const inUse = new StaticArray<bool>(N); // pmc_in_use: MSRs touched since the last cleanup
const hostIdx = new StaticArray<i32>(N);
const pending = new StaticArray<u64>(MAX_VCPUS); // reprogram_pmi bitmap (by counter index)
const counting = new StaticArray<bool>(N); // what the guest's counter does right now
const wasCounting = new StaticArray<bool>(N);
/** Per vCPU: counters counting now, and as the timeline last saw them (bits by index): the hot paths look at these first. */
const countingMask = new StaticArray<u64>(MAX_VCPUS);
const timelineMask = new StaticArray<u64>(MAX_VCPUS);
/** Set by vpmuAccess: the exit it takes. */
export let accessExitReason = EXIT_REASON_MSR_WRITE;

@inline function at(v: i32, idx: i32): i32 {
  return v * P.MAX_COUNTERS + idx;
}

/** The PMU the guest sees: the schema's `pmu` option (host, intel, intel-v1, amd-v1, amd-v2). */
export function guestPmuKind(): i32 {
  const o = <i32>param(P_PMU);
  return o == 0 ? C.PMU_NATIVE_KIND : o - 1;
}

/** Read the run's vPMU parameters (called at the start of every run; draws nothing). */
export function vpmuConfigure(): void {
  vpmuReset(<i32>param(P_VPMU), guestPmuKind(), isOn(P_NMI_WATCHDOG), isOn(P_HOST_PERF), <i32>param(P_PMU_FILTER));
}

export function vpmuReset(mode: i32, guestPmu: i32, watchdog: bool, hostPerf: bool, filter: i32): void {
  vpmuMode = mode;
  watchdogOn = watchdog;
  hostPerfOn = hostPerf;
  // vpmu=off: CPUID leaf 0xA (0x80000022) reports no counters at all.
  const off = mode == VPMU_OFF && cfg.virtOn;
  P.pmuReset(guestPmu, off ? 0 : C.PMU_GP_COUNTERS, off ? 0 : C.PMU_FIXED_COUNTERS);
  // The watchdog's event and host perf's two (GP 0, fixed 0) keep active_events above zero.
  activeEvents = (watchdog ? 1 : 0) + (hostPerf ? 2 : 0);
  evExists.fill(false);
  evRunning.fill(false);
  evConfig.fill(0);
  inUse.fill(false);
  hostIdx.fill(-1);
  pending.fill(0);
  counting.fill(false);
  wasCounting.fill(false);
  countingMask.fill(0);
  timelineMask.fill(0);
  filterInstall(filter, guestPmu);
}

/** The hardware counter host perf gave guest counter idx: the same index unless host perf holds it (then the next free one). */
function placeEvent(idx: i32): i32 {
  if (!hostPerfOn) return idx;
  if (idx == 0) return 1 + (P.gpCount > 2 ? 1 : 0); // GP 0 and (as it schedules in order) GP 1 are taken first
  if (idx == P.FIXED_BASE) return 2; // fixed 0 is host perf's: INST_RETIRED.ANY falls back to a GP counter
  return idx;
}

/** The event filter's verdict on counter idx's current event. */
function allowed(v: i32, idx: i32): bool {
  if (idx >= P.FIXED_BASE) return filterAllowsFixed(P.counterKind(v, idx), P.pmuKind);
  return filterAllowsRaw(<u32>(P.ctlOf(v, idx) & 0xffff));
}

/** Does the guest's counter count right now? */
export function isCounting(v: i32, idx: i32): bool {
  return unchecked(counting[at(v, idx)]);
}

function refreshCounting(v: i32, idx: i32): void {
  let c = false;
  if (!cfg.virtOn) c = P.archEnabled(v, idx);
  else if (vpmuMode == VPMU_MEDIATED) c = P.archEnabled(v, idx) && allowed(v, idx);
  else if (vpmuMode != VPMU_OFF) c = unchecked(evRunning[at(v, idx)]);
  unchecked((counting[at(v, idx)] = c));
  const bit = (<u64>1) << <u64>idx;
  unchecked((countingMask[v] = c ? countingMask[v] | bit : countingMask[v] & ~bit));
}

/** Record counters that started or stopped since the last check, at time t (the timeline). */
export function commitTimeline(v: i32, t: i64): void {
  if (unchecked(countingMask[v]) == unchecked(timelineMask[v])) return;
  unchecked((timelineMask[v] = countingMask[v]));
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) {
    const i = at(v, idx);
    const c = unchecked(counting[i]);
    if (c == unchecked(wasCounting[i])) continue;
    unchecked((wasCounting[i] = c));
    if (v != 0) continue;
    if (c && unchecked(ctrStartNs[idx]) < 0) unchecked((ctrStartNs[idx] = <f64>t));
    if (!c) unchecked((ctrStopNs[idx] = <f64>t));
  }
}

// --- Host perf events ---------------------------------------------------------------------
function releaseEvent(v: i32, idx: i32, lazy: bool): f64 {
  const i = at(v, idx);
  if (!unchecked(evExists[i])) return 0;
  unchecked((evExists[i] = false));
  unchecked((evRunning[i] = false));
  addVs(VS_RELEASES, 1);
  if (lazy) addVs(VS_LAZY_RELEASES, 1);
  let ns = RELEASE_NS;
  activeEvents--;
  if (activeEvents == 0) {
    addVs(VS_DS_RELEASES, 1);
    ns += DS_RELEASE_NS * (0.97 + 0.06 * uniform());
  }
  return ns;
}

/** pmc_reprogram_counter: perf_event_create_kernel_counter for the counter's config. */
function createEvent(v: i32, idx: i32, config: u64): f64 {
  const i = at(v, idx);
  let ns = pareto(CREATE_XM_NS, CREATE_ALPHA, CREATE_CAP_NS) * (3000.0 / C.CPU_MHZ);
  if (activeEvents == 0) {
    addVs(VS_DS_RESERVES, 1);
    ns += DS_RESERVE_MIN_NS + (DS_RESERVE_MAX_NS - DS_RESERVE_MIN_NS) * uniform();
  }
  activeEvents++;
  addVs(VS_REPROGRAM_CALLS, 1);
  addVs(VS_CREATE_NS, <i64>ns);
  maxVs(VS_CREATE_MAX_NS, <i64>ns);
  minVs(VS_CREATE_MIN_NS, <i64>ns);
  unchecked((evExists[i] = true));
  unchecked((evRunning[i] = true));
  unchecked((evConfig[i] = config));
  const h = placeEvent(idx);
  unchecked((hostIdx[i] = h));
  return ns;
}

/** The config KVM compares (current_config): the select, or the fixed field. */
@inline function configOf(v: i32, idx: i32): u64 {
  return P.ctlOf(v, idx);
}

/** reprogram_counter (kvm-facts §7.1 step 3); returns host ns spent. */
function reprogramCounter(v: i32, idx: i32): f64 {
  if (vpmuMode == VPMU_OFF) return 0; // no vPMU: nothing backs the guest's registers
  addVs(VS_REPROGRAM_REQUESTS, 1);
  const i = at(v, idx);
  let ns: f64 = 0;
  if (vpmuMode == VPMU_MEDIATED) {
    if (!allowed(v, idx)) addVs(VS_FILTERED_WRITES, 1);
    refreshCounting(v, idx);
    return <f64>cyclesToNs(MEDIATED_SELECT_CYCLES);
  }
  // Stop what runs now: legacy releases (pmc_stop_counter), reuse pauses.
  if (unchecked(evExists[i]) && unchecked(evRunning[i])) {
    if (vpmuMode == VPMU_LEGACY) ns += releaseEvent(v, idx, false);
    else {
      unchecked((evRunning[i] = false));
      addVs(VS_PAUSES, 1);
      ns += PAUSE_NS;
    }
  }
  const enabled = P.archEnabled(v, idx);
  const ok = allowed(v, idx);
  if (enabled && !ok) addVs(VS_FILTERED_WRITES, 1);
  if (enabled && ok) {
    const config = configOf(v, idx);
    if (vpmuMode == VPMU_REUSE && unchecked(evExists[i]) && unchecked(evConfig[i]) == config) {
      unchecked((evRunning[i] = true));
      addVs(VS_RESUMES, 1);
      ns += RESUME_NS;
    } else {
      ns += releaseEvent(v, idx, false);
      ns += createEvent(v, idx, config);
    }
  }
  refreshCounting(v, idx);
  return ns;
}

/** kvm_pmu_handle_event before the next entry: every flagged counter; host ns. */
function handleEvent(v: i32): f64 {
  const bits = unchecked(pending[v]);
  if (bits == 0) return 0;
  unchecked((pending[v] = 0));
  let ns: f64 = 0;
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) if ((bits & ((<u64>1) << <u64>idx)) != 0) ns += reprogramCounter(v, idx);
  return ns;
}

@inline function request(v: i32, idx: i32): void {
  unchecked((pending[v] = pending[v] | ((<u64>1) << <u64>idx)));
}

/** Would this access exit? Legacy/reuse intercept every PMU MSR and RDPMC; mediated only selects and FIXED_CTR_CTRL. */
function intercepted(reg: i32): bool {
  if (!cfg.virtOn) return false;
  if (vpmuMode != VPMU_MEDIATED) return true;
  return reg == P.REG_SELECT || reg == P.REG_FIXED_CTRL || reg == P.REG_NONE;
}

/**
 * A guest access to a PMU MSR (or RDPMC, or the LVTPC). Applies its
 * architectural effect and, in a VM, KVM's handling. Returns the exit's
 * handler cycles (including the reprogramming done before the next entry),
 * or -1 when it did not exit.
 */
export function vpmuAccess(v: i32, msr: u32, value: u64, write: bool, rdpmc: bool): f64 {
  if (msr == P.MSR_X2APIC_LVTPC) {
    // LVT writes exit even with APICv (only TPR, EOI and self-IPI are virtualized).
    if (!cfg.virtOn) return -1;
    accessExitReason = EXIT_REASON_MSR_WRITE;
    addVs(VS_PMU_EXITS, 1);
    return C.PLAIN_MSR_HANDLER_CYCLES;
  }
  const reg = P.decodeMsr(msr);
  const idx = P.decodedIdx;
  if (!write) {
    if (!intercepted(reg) || (rdpmc && cfg.virtOn && vpmuMode == VPMU_MEDIATED)) return -1;
    accessExitReason = rdpmc ? EXIT_REASON_RDPMC : EXIT_REASON_MSR_READ;
    addVs(VS_PMU_EXITS, 1);
    return PMU_MSR_HANDLER_CYCLES;
  }
  // The architectural effect, and which counters changed.
  const oldGlobal = P.globalCtrl[v];
  const oldFixed = P.fixedCtrlValue(v);
  const oldSel = idx >= 0 && idx < P.FIXED_BASE ? P.ctlOf(v, idx) : 0;
  P.pmuWrite(v, msr, value);
  if (!cfg.virtOn) {
    for (let k = 0; k < P.MAX_COUNTERS; k++) refreshCounting(v, k);
    return -1;
  }
  if (reg == P.REG_SELECT) {
    unchecked((inUse[at(v, idx)] = true));
    if (oldSel != value) request(v, idx);
  } else if (reg == P.REG_FIXED_CTRL) {
    const diff = oldFixed ^ P.fixedCtrlValue(v);
    for (let n = 0; n < P.fixedCount; n++) {
      unchecked((inUse[at(v, P.FIXED_BASE + n)] = true));
      if (((diff >> <u64>(4 * n)) & 0xf) != 0) request(v, P.FIXED_BASE + n);
    }
  } else if (reg == P.REG_GLOBAL_CTRL) {
    const diff = oldGlobal ^ value;
    for (let k = 0; k < P.MAX_COUNTERS; k++) if ((diff & P.globalBit(k)) != 0) request(v, k);
    if (vpmuMode == VPMU_MEDIATED) for (let k = 0; k < P.MAX_COUNTERS; k++) refreshCounting(v, k);
  } else if (reg == P.REG_COUNTER) {
    unchecked((inUse[at(v, idx)] = true)); // pmc_write_counter: rebase and new period, no re-creation
  }
  if (!intercepted(reg)) return -1;
  accessExitReason = EXIT_REASON_MSR_WRITE;
  addVs(VS_PMU_EXITS, 1);
  return PMU_MSR_HANDLER_CYCLES + nsToCycles(<i64>handleEvent(v));
}

/** The counters counting `kind` add n events; returns the GLOBAL_STATUS bits that overflowed. */
export function vpmuCount(v: i32, kind: i32, n: u64): u64 {
  let ovf: u64 = 0;
  if (unchecked(countingMask[v]) == 0) return 0;
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) {
    if (!unchecked(counting[at(v, idx)]) || P.counterKind(v, idx) != kind) continue;
    if (P.counterAdd(v, idx, n)) ovf |= P.globalBit(idx);
  }
  return ovf;
}

/**
 * An instruction KVM emulated and skipped (an exiting WRMSR): counted in the
 * guest's enabled, allowed instruction counters where the kernel does so
 * (kvm_pmu_instruction_retired, kvm-facts §7.1 item 6) — through the filter.
 */
export function vpmuInstructionRetired(v: i32): void {
  if (!cfg.virtOn || !C.KVM_COUNTS_EMULATED_INSNS || vpmuMode == VPMU_OFF) return;
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) {
    if (!P.archEnabled(v, idx) || P.counterKind(v, idx) != P.EVT_INSTRUCTIONS || !allowed(v, idx)) continue;
    P.counterAdd(v, idx, 1);
    addVs(VS_EMULATED_COUNTED, 1);
  }
}

/** Every exit: guest cycles counters count part of the transition; the timeline marks it; mediated switches context. Extra host cycles. */
export function vpmuOnExit(v: i32, reason: i32): f64 {
  vpmuCount(v, P.EVT_CYCLES, <u64>GUEST_COUNTED_EXIT_CYCLES);
  if (v == 0) mark(now, reason);
  if (vpmuMode == VPMU_MEDIATED && cfg.virtOn) {
    addVs(VS_MEDIATED_SWITCHES, 1);
    return MEDIATED_SWITCH_CYCLES;
  }
  return 0;
}

/**
 * kvm_sched_in: a counter whose MSRs were not touched for a whole time slice
 * and that is not enabled loses its perf event (lazy release, kvm-facts §7.1
 * item 5); the in-use bits start over. Host ns spent (done before entry).
 */
export function vpmuSchedIn(v: i32): f64 {
  if (!cfg.virtOn || vpmuMode != VPMU_REUSE) return 0;
  let ns: f64 = 0;
  for (let idx = 0; idx < P.MAX_COUNTERS; idx++) {
    const i = at(v, idx);
    if (unchecked(evExists[i]) && !unchecked(inUse[i]) && !P.archEnabled(v, idx)) ns += releaseEvent(v, idx, true);
    unchecked((inUse[i] = false));
  }
  return ns;
}

/**
 * Guest PEBS for counter idx this run: the host's KVM supports it and host
 * perf put the counter on its own index (a cross-mapped counter has PEBS
 * disabled, kvm-facts §8 host_cross_mapped_mask).
 */
export function guestPebsWorks(v: i32, idx: i32): bool {
  if (!cfg.virtOn) return C.PMU_PEBS;
  if (!C.KVM_GUEST_PEBS || vpmuMode == VPMU_OFF || vpmuMode == VPMU_MEDIATED) return false; // kvm-facts §7.4: PEBS off with mediated on Intel
  const h = placeEvent(idx);
  if (h != idx) {
    addVs(VS_CROSS_MAPPED, 1);
    return false;
  }
  return true;
}

/** Host cycles of KVM's overflow path for a guest PMI: perf's NMI handler and kvm_perf_overflow, or the mediated vector. */
export function hostPmiCycles(): f64 {
  return vpmuMode == VPMU_MEDIATED ? MEDIATED_PMI_CYCLES : HOST_PMI_CYCLES;
}

export function filterOn(): bool {
  return filterInstalled();
}

export function activeHostEvents(): i32 {
  return activeEvents;
}

