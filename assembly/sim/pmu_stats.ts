// What the PMU scenarios report, in flat arrays the host reads as typed
// views (layouts mirrored in web/sim/metrics/pmu.ts): KVM's vPMU counters,
// each guest counter's value, truth and when it started and stopped, exits
// marked on that timeline, and sample histograms over the program listing.

// vPMU statistics (index names in web/sim/metrics/pmu.ts, VPMU_STAT_NAMES).
export const VS_REPROGRAM_REQUESTS = 0; // reprogram_counter() calls from kvm_pmu_handle_event
export const VS_REPROGRAM_CALLS = 1; // pmc_reprogram_counter -> perf_event_create_kernel_counter
export const VS_RELEASES = 2; // perf_event_release_kernel of a backing event
export const VS_LAZY_RELEASES = 3; // of those, by the lazy-release cleanup at sched-in
export const VS_PAUSES = 4; // perf_event_pause (reuse)
export const VS_RESUMES = 5; // perf_event_enable of a reused event (reuse)
export const VS_DS_RESERVES = 6; // x86_reserve_hardware found no active event: reserve_ds_buffers
export const VS_DS_RELEASES = 7; // the last event went: release_ds_buffers
export const VS_CREATE_NS = 8; // time in perf_event_create_kernel_counter, total
export const VS_CREATE_MAX_NS = 9;
export const VS_HOST_PMIS = 10; // host PMIs (NMIs) for guest counters
export const VS_INJECTED_PMIS = 11; // guest PMIs injected through LVTPC
export const VS_PMU_EXITS = 12; // exits on PMU MSRs, RDPMC and LVTPC
export const VS_PMI_HANDLER_NS = 13; // guest PMI handler, first instruction to IRET, total
export const VS_PMI_HANDLER_COUNT = 14;
export const VS_PMI_HANDLER_MIN_NS = 15;
export const VS_PMI_HANDLER_MAX_NS = 16;
export const VS_PMI_LATENCY_NS = 17; // counter overflow -> guest handler's first instruction, total
export const VS_CROSS_MAPPED = 18; // guest PEBS counters host perf placed on another index (PEBS off for the run)
export const VS_EMULATED_COUNTED = 19; // emulated instructions counted into guest counters
export const VS_FILTERED_WRITES = 20; // selects the event filter kept from counting
export const VS_ENABLE_EXITS = 21; // exits of perf stat's enable step
export const VS_DISABLE_EXITS = 22; // exits of perf stat's disable step
export const VS_PROGRAM_EXITS = 23; // exits of perf stat's programming step
export const VS_READ_EXITS = 24; // exits of perf stat's read step
export const VS_PRECISE_EFFECTIVE = 25; // precise level the run's samples had
export const VS_SAMPLES = 26;
export const VS_REGION_NS = 27; // the measured region's wall time (perf stat)
export const VS_CREATE_MIN_NS = 28;
export const VS_MEDIATED_SWITCHES = 29; // mediated vPMU context switches (put + load) at full exits
export const VS_COUNT = 32;
export const vpmuStat = new StaticArray<i64>(VS_COUNT);

// Per guest counter (hw/pmu.ts indices): value read, true count of the region, event kind, start/stop (ns).
export const CTR_SLOTS = 12;
export const ctrRead = new StaticArray<f64>(CTR_SLOTS);
export const ctrTruth = new StaticArray<f64>(CTR_SLOTS);
export const ctrKind = new StaticArray<i32>(CTR_SLOTS);
export const ctrStartNs = new StaticArray<f64>(CTR_SLOTS);
export const ctrStopNs = new StaticArray<f64>(CTR_SLOTS);

// Exits marked on the counter timeline: time (ns) and VMX reason.
export const MAX_MARKS = 128;
export const markNs = new StaticArray<f64>(MAX_MARKS);
export const markReason = new StaticArray<i32>(MAX_MARKS);
export let markCount = 0;
export let marking = false;

// Samples and truth over the program listing, by instruction slot.
export const LISTING_SLOTS = 16;
export const sampleHist = new StaticArray<f64>(LISTING_SLOTS);
export const truthHist = new StaticArray<f64>(LISTING_SLOTS);

// vpmu-switch: one row per phase (mode x sampling), PHASE_COLS columns.
export const MAX_PHASES = 8;
export const PHASE_COLS = 14;
export const PC_MODE = 0; // -1 baseline, else kvm/pmu.ts VPMU_*
export const PC_MUX = 1;
export const PC_WALL_NS = 2;
export const PC_LAZY_RELEASES = 3;
export const PC_REPROGRAM_CALLS = 4;
export const PC_REPROGRAM_REQUESTS = 5;
export const PC_CREATE_NS = 6;
export const PC_PMIS = 7;
export const PC_HANDLER_MEAN_NS = 8;
export const PC_HANDLER_MIN_NS = 9;
export const PC_HANDLER_MAX_NS = 10;
export const PC_PMU_EXITS = 11;
export const PC_DS_RESERVES = 12;
export const PC_CREATE_MAX_NS = 13;
export const phaseRows = new StaticArray<f64>(MAX_PHASES * PHASE_COLS);
export let phaseCount = 0;

/** Zero the vPMU statistics (a new vpmu-switch phase). */
export function resetVpmuStat(): void {
  vpmuStat.fill(0);
  vpmuStat[VS_PMI_HANDLER_MIN_NS] = i64.MAX_VALUE;
  vpmuStat[VS_CREATE_MIN_NS] = i64.MAX_VALUE;
}

export function resetPmuStats(): void {
  resetVpmuStat();
  ctrRead.fill(0);
  ctrTruth.fill(0);
  ctrKind.fill(0);
  ctrStartNs.fill(-1);
  ctrStopNs.fill(-1);
  markNs.fill(0);
  markReason.fill(0);
  markCount = 0;
  marking = false;
  sampleHist.fill(0);
  truthHist.fill(0);
  phaseRows.fill(0);
  phaseCount = 0;
}

@inline export function addVs(i: i32, n: i64): void {
  unchecked((vpmuStat[i] = vpmuStat[i] + n));
}

export function maxVs(i: i32, n: i64): void {
  if (n > unchecked(vpmuStat[i])) unchecked((vpmuStat[i] = n));
}

export function minVs(i: i32, n: i64): void {
  if (n < unchecked(vpmuStat[i])) unchecked((vpmuStat[i] = n));
}

export function setMarking(on: bool): void {
  marking = on;
}

export function mark(t: i64, reason: i32): void {
  if (!marking || markCount >= MAX_MARKS) return;
  unchecked((markNs[markCount] = <f64>t));
  unchecked((markReason[markCount] = reason));
  markCount++;
}

/** Close one vpmu-switch phase: copy its columns into the next row. */
export function phaseRow(col: i32, v: f64): void {
  if (phaseCount < MAX_PHASES) unchecked((phaseRows[phaseCount * PHASE_COLS + col] = v));
}

export function nextPhase(): void {
  if (phaseCount < MAX_PHASES) phaseCount++;
}
