// Published vPMU figures (shared/reference/kvm-facts.md §7.2, §7.4), shown
// beside the model's; the model never reads them.
import type { Source } from './published';

export const S4_REUSE: Source = {
  id: 'S4',
  citation: 'Like Xu, "KVM: x86/vPMU: Reuse perf_event to avoid unnecessary pmc_reprogram_counter", 2019 (kvm-facts §7.2 [K60])',
};

export const MEDIATED_PMU: Source = {
  id: 'K62',
  citation: 'mediated vPMU series, kvm-x86-pmu-6.20 (kvm-facts §7.4): SPECint 2017 in a guest, 1-socket 56-core Sapphire Rapids, perf record -F 1000',
};

/** The reuse commit's figures: reprogram calls cut, guest NMI handler mean latency (multiplexed sampling). */
export const REUSE_FIGURES = { reprogramCutPctGp: 82.5, reprogramCutPctFixed: 99.9, handlerNsLegacy: 104923, handlerNsReuse: 48393, createMaxNsWatchdogOff: 21000000 };

/** In-guest sampling overhead, % (kvm-facts §7.4's table). */
export const MEDIATED_OVERHEAD_PCT: Record<'basic' | 'multiplex', { emulated: number; mediated: number; mediatedFilter: number }> = {
  basic: { emulated: 33.62, mediated: 4.24, mediatedFilter: 6.21 },
  multiplex: { emulated: 79.32, mediated: 7.34, mediatedFilter: 10.45 },
};
