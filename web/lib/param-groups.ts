// How the explorer groups a scenario's parameters into collapsible sections.
// A parameter missing from the table lands in 'other', so a new one in the
// schema still gets a control.
import type { Params, ScenarioSpec } from '../sim/schema';
import { defaultIn } from './explore-url';

export const GROUPS = ['platform', 'run', 'workload', 'pmu', 'host', 'haltPoll', 'guestIdle', 'apic', 'ple', 'other'] as const;
export type GroupName = (typeof GROUPS)[number];

/** Sections open until the reader closes them. */
export const OPEN_BY_DEFAULT: ReadonlySet<GroupName> = new Set(['platform', 'run', 'workload', 'pmu', 'host']);

/** A section starts open if it is one of the main ones or holds a changed value (from a shared link, say). */
export function opensAtStart(g: { name: GroupName; params: readonly string[] }, spec: ScenarioSpec, params: Params): boolean {
  return OPEN_BY_DEFAULT.has(g.name) || g.params.some((p) => params[p] !== defaultIn(spec, params, p));
}

const GROUP_OF: Record<string, GroupName> = {
  // The host preset first: it changes what every other knob costs.
  host: 'platform', host_cstates: 'platform',
  duration_ns: 'run', iterations: 'run', warmup: 'run',
  stack_ns: 'workload', wake_interval_ns: 'workload', wake_pattern: 'workload', work_ns: 'workload',
  hold_ns: 'workload', think_ns: 'workload', delay_ns: 'workload', virt: 'workload',
  nic: 'workload', clients: 'workload', disk: 'workload', disk_device: 'workload', access: 'workload', record_kb: 'workload',
  irq_affinity: 'host',
  vcpus: 'host', pcpus: 'host', pin: 'host', host_tasks: 'host',
  halt_poll_ns: 'haltPoll', halt_poll_ns_grow: 'haltPoll', halt_poll_ns_grow_start: 'haltPoll',
  halt_poll_ns_shrink: 'haltPoll', halt_poll_policy: 'haltPoll',
  idle: 'guestIdle', guest_halt_poll_ns: 'guestIdle', guest_halt_poll_grow: 'guestIdle',
  guest_halt_poll_grow_start: 'guestIdle', guest_halt_poll_shrink: 'guestIdle',
  guest_halt_poll_allow_shrink: 'guestIdle', nohz: 'guestIdle', timer: 'guestIdle', guest_hz: 'guestIdle',
  host_hz: 'guestIdle',
  hlt_exits: 'apic', apicv: 'apic', posted_interrupts: 'apic', ipiv: 'apic', pv_eoi: 'apic',
  ple_gap: 'ple', ple_window: 'ple', ple_window_grow: 'ple', ple_window_shrink: 'ple', ple_window_max: 'ple',
  loop_iterations: 'run', samples: 'run', phase_work_ns: 'run',
  counters: 'workload', event: 'workload', precise: 'workload', period: 'workload', sample_hz: 'workload', switch_ns: 'workload',
  vpmu: 'pmu', pmu: 'pmu', pmu_filter: 'pmu', host_perf: 'pmu', nmi_watchdog: 'pmu',
};

export interface ParamGroup {
  name: GroupName;
  /** In the scenario's display order. */
  params: string[];
}

/** The scenario's non-empty groups; 'run' is always there (it also holds the seed). */
export function groupParams(scenario: ScenarioSpec): ParamGroup[] {
  return GROUPS.map((name) => ({ name, params: scenario.params.filter((p) => (GROUP_OF[p] ?? 'other') === name) })).filter(
    (g) => g.params.length > 0 || g.name === 'run',
  );
}
