// Parameter slots. The TypeScript face (web/sim/schema.ts) owns each
// parameter's unit, default, range and documentation and writes values here by
// name; the core only reads them. Enumerations arrive as their option index (the
// first option is 0: on/off switches are 0 = on unless noted).

export const PARAM_NAMES: StaticArray<string> = [
  'iterations',
  'warmup',
  'delay_ns',
  'virt',
  'halt_poll_ns',
  'halt_poll_ns_grow',
  'halt_poll_ns_grow_start',
  'halt_poll_ns_shrink',
  'halt_poll_policy',
  'duration_ns',
  'vcpus',
  'pcpus',
  'pin',
  'host_tasks',
  'idle',
  'guest_halt_poll_ns',
  'guest_halt_poll_grow',
  'guest_halt_poll_grow_start',
  'guest_halt_poll_shrink',
  'guest_halt_poll_allow_shrink',
  'nohz',
  'timer',
  'guest_hz',
  'host_hz',
  'hlt_exits',
  'apicv',
  'posted_interrupts',
  'ipiv',
  'pv_eoi',
  'ple_gap',
  'ple_window',
  'ple_window_grow',
  'ple_window_shrink',
  'ple_window_max',
  'stack_ns',
  'wake_interval_ns',
  'wake_pattern',
  'work_ns',
  'hold_ns',
  'think_ns',
  'host',
  'host_cstates',
  // The virtual PMU (perf-stat, perf-record, vpmu-switch).
  'vpmu',
  'pmu',
  'counters',
  'precise',
  'period',
  'event',
  'samples',
  'nmi_watchdog',
  'pmu_filter',
  'host_perf',
  'loop_iterations',
  'sample_hz',
  'switch_ns',
  'phase_work_ns',
  // Devices (nic, disk).
  'nic',
  'disk',
  'disk_device',
  'irq_affinity',
  'clients',
  'access',
  'record_kb',
];

export const P_ITERATIONS = 0;
export const P_WARMUP = 1;
export const P_DELAY_NS = 2;
export const P_VIRT = 3;
export const P_HALT_POLL_NS = 4;
export const P_HALT_POLL_NS_GROW = 5;
export const P_HALT_POLL_NS_GROW_START = 6;
export const P_HALT_POLL_NS_SHRINK = 7;
export const P_HALT_POLL_POLICY = 8;
export const P_DURATION_NS = 9;
export const P_VCPUS = 10;
export const P_PCPUS = 11;
export const P_PIN = 12;
export const P_HOST_TASKS = 13;
export const P_IDLE = 14;
export const P_GUEST_HALT_POLL_NS = 15;
export const P_GUEST_HALT_POLL_GROW = 16;
export const P_GUEST_HALT_POLL_GROW_START = 17;
export const P_GUEST_HALT_POLL_SHRINK = 18;
export const P_GUEST_HALT_POLL_ALLOW_SHRINK = 19;
export const P_NOHZ = 20;
export const P_TIMER = 21;
export const P_GUEST_HZ = 22;
export const P_HOST_HZ = 23;
export const P_HLT_EXITS = 24;
export const P_APICV = 25;
export const P_POSTED_INTERRUPTS = 26;
export const P_IPIV = 27;
export const P_PV_EOI = 28;
export const P_PLE_GAP = 29;
export const P_PLE_WINDOW = 30;
export const P_PLE_WINDOW_GROW = 31;
export const P_PLE_WINDOW_SHRINK = 32;
export const P_PLE_WINDOW_MAX = 33;
export const P_STACK_NS = 34;
export const P_WAKE_INTERVAL_NS = 35;
export const P_WAKE_PATTERN = 36;
export const P_WORK_NS = 37;
export const P_HOLD_NS = 38;
export const P_THINK_NS = 39;
export const P_HOST = 40;
export const P_HOST_CSTATES = 41;
export const P_VPMU = 42;
export const P_PMU = 43;
export const P_COUNTERS = 44;
export const P_PRECISE = 45;
export const P_PERIOD = 46;
export const P_EVENT = 47;
export const P_SAMPLES = 48;
export const P_NMI_WATCHDOG = 49;
export const P_PMU_FILTER = 50;
export const P_HOST_PERF = 51;
export const P_LOOP_ITERATIONS = 52;
export const P_SAMPLE_HZ = 53;
export const P_SWITCH_NS = 54;
export const P_PHASE_WORK_NS = 55;
export const P_NIC = 56;
export const P_DISK = 57;
export const P_DISK_DEVICE = 58;
export const P_IRQ_AFFINITY = 59;
export const P_CLIENTS = 60;
export const P_ACCESS = 61;
export const P_RECORD_KB = 62;

const values = new StaticArray<f64>(128);

export function setParamValue(index: i32, value: f64): void {
  if (index >= 0 && index < PARAM_NAMES.length) unchecked((values[index] = value));
}

@inline export function param(index: i32): f64 {
  return unchecked(values[index]);
}

@inline export function paramI64(index: i32): i64 {
  return <i64>unchecked(values[index]);
}

/** Switches are enums whose option 0 is "on" (schema: options ['on', 'off']). */
@inline export function isOn(index: i32): bool {
  return unchecked(values[index]) == 0;
}
