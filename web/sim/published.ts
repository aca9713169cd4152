// Published measurements the model is calibrated against, with their source
// (shared/reference/seed-figures.md). Shown beside the model's numbers; the
// model never reads them.

export interface Source {
  id: string;
  citation: string;
}

export const S1: Source = {
  id: 'S1',
  citation: 'David Matlack (Google), "Message Passing Workloads in KVM", KVM Forum 2015 — Sandy Bridge 2.6 GHz, host Linux 3.11',
};

/** S1 without the IPI benchmark's hardware: its TCP_RR figures come from another host (the UI states which). */
export const S1_TCP_RR: Source = {
  id: 'S1',
  citation: 'David Matlack (Google), "Message Passing Workloads in KVM", KVM Forum 2015',
};

export type Summary = { min: number; mean: number; p50: number; p90: number; p99: number; max: number };

/** S1: IPI -> HLT wake-up latency in cycles (seed-figures §1). */
export const IPI_HLT_PUBLISHED: Record<'schedule' | 'poll' | 'bare', Summary> = {
  schedule: { min: 13800, mean: 15800, p50: 14900, p90: 16000, p99: 24900, max: 521000 },
  poll: { min: 4000, mean: 4400, p50: 4300, p90: 4500, p99: 6900, max: 50000 },
  bare: { min: 1200, mean: 1200, p50: 1200, p90: 1300, p99: 1300, max: 1400 },
};

/** S1: median cycles of each segment of the critical path (seed-figures §1). */
export const IPI_HLT_SEGMENTS_PUBLISHED: Record<'schedule' | 'poll', Record<string, number>> = {
  schedule: { icr_write_to_kick: 400, kick_to_wakeup: 1200, schedule: 8500, vcpu_load: 3400, vmresume_to_handler: 1400 },
  poll: { icr_write_to_kick: 300, kick_to_wakeup: 1300, schedule: 1100, vcpu_load: 400, vmresume_to_handler: 1200 },
};

export const S2: Source = {
  id: 'S2',
  citation: 'Pi Zhenwei, "[kvm][qemu] VM exit optimization", blog post, 2017 — host and guest Linux 4.4, counts gathered with systemtap',
};

/**
 * S1, loopback TCP_RR: VM exits per transaction with client and server on
 * 1 vCPU or on 2 vCPUs (seed-figures §2; Ivy Bridge host Linux 3.11, NOHZ guest 3.16).
 */
export const TCP_RR_EXITS_PER_TRANSACTION: Record<1 | 2, Record<string, number>> = {
  1: { EXTERNAL_INTERRUPT: 0.02, MSR_WRITE: 0, HLT: 0 },
  2: { EXTERNAL_INTERRUPT: 0.07, MSR_WRITE: 9.58, HLT: 1.99, PAUSE_INSTRUCTION: 0.01 },
};

/** S1, TCP_RR on 2 vCPUs: of the ~10 MSR writes per transaction, 8 go to TMICT (0x838) and 2 to the ICR (0x830). */
export const TCP_RR_MSR_WRITES_PER_TRANSACTION: Partial<Record<1 | 2, Record<string, number>>> = {
  2: { '0x838': 8, '0x830': 2 },
};

/** S2: an idle Linux 4.4 guest, exits per second (HLT and MSR_WRITE; S2 also counted 45 EPT_VIOLATION/s, not modelled). */
export const IDLE_EXITS_PER_SEC: Record<string, number> = { HLT: 32, MSR_WRITE: 90 };

/** A published cost in ns: low–high, or about one figure (low === high). */
export interface NsRange {
  low: number;
  high: number;
}

/**
 * S1, TCP_RR on 2 vCPUs with halt-polling (seed-figures §2): what remains of
 * a round trip's overhead, per round trip, by overhead_ns_per_transaction's
 * keys. Ranges as the talk gives them, not single measurements.
 */
export const TCP_RR_ROUND_TRIP_NS: { source: Source; perTransaction: Record<'timer_msr_exits' | 'icr_exits' | 'wakeups', NsRange> } = {
  source: S1_TCP_RR,
  perTransaction: {
    // The 4 APIC-timer MSR writes on the critical path: 3–5 µs.
    timer_msr_exits: { low: 3000, high: 5000 },
    // Sending the IPIs (ICR writes that exit): ~2 µs.
    icr_exits: { low: 2000, high: 2000 },
    // Waking from HLT: ~3 µs, even with halt-polling.
    wakeups: { low: 3000, high: 3000 },
  },
};

/** S2 §4: VM exits in one steady-state second, nginx in the guest under webbench, by NIC model (seed-figures §4). */
export const NIC_EXITS_PER_SEC: { source: Source; byNic: Record<'e1000' | 'virtio' | 'vhost', Record<string, number>> } = {
  source: S2,
  byNic: {
    e1000: {
      EXTERNAL_INTERRUPT: 2198, INTERRUPT_WINDOW: 339, CPUID: 18, HLT: 9617, IO_INSTRUCTION: 6763, MSR_READ: 6763,
      MSR_WRITE: 13325, PAUSE_INSTRUCTION: 2056, EPT_VIOLATION: 45, EPT_MISCONFIG: 61918,
    },
    virtio: {
      EXTERNAL_INTERRUPT: 2118, INTERRUPT_WINDOW: 558, CPUID: 18, HLT: 5988, MSR_WRITE: 5165, PAUSE_INSTRUCTION: 843,
      EPT_VIOLATION: 45, EPT_MISCONFIG: 6742,
    },
    vhost: {
      EXTERNAL_INTERRUPT: 2428, INTERRUPT_WINDOW: 853, CPUID: 18, HLT: 7087, MSR_WRITE: 6464, PAUSE_INSTRUCTION: 44,
      EPT_MISCONFIG: 21996,
    },
  },
};

/** S2 §4: the throughput order it reports for the three NIC models (fastest first; no figures given). */
export const NIC_THROUGHPUT_ORDER: readonly ('e1000' | 'virtio' | 'vhost')[] = ['vhost', 'virtio', 'e1000'];

/** S2 §4: MSR writes per second in the nginx test, by MSR (TSC_DEADLINE, x2APIC ICR, x2APIC EOI). */
export const NIC_MSR_WRITES_PER_SEC: Record<string, number> = { '0x6e0': 346, '0x830': 23313, '0x80b': 2134 };

/** S2 §4: VM exits in one steady-state second, iozone direct I/O with 8 KB records, by disk model. */
export const DISK_EXITS_PER_SEC: { source: Source; byDisk: Record<'ide' | 'virtio-blk', Record<string, number>> } = {
  source: S2,
  byDisk: {
    ide: { EXTERNAL_INTERRUPT: 1360, INTERRUPT_WINDOW: 1047, HLT: 8716, IO_INSTRUCTION: 163237 },
    'virtio-blk': { EXTERNAL_INTERRUPT: 961, INTERRUPT_WINDOW: 266, HLT: 5343, MSR_WRITE: 8582, EPT_MISCONFIG: 8573 },
  },
};

/** S2 §4: large sequential transfers — IDE "about 50 MB/s", virtio-blk "near the physical disk's speed". */
export const DISK_STREAMING: { source: Source; ideMBps: number } = { source: S2, ideMBps: 50 };

/** S2 §4: an idle Linux 4.4 guest takes about 45 EPT_VIOLATION exits per second; host LOC ticks reach ~500/s. */
export const EPT_VIOLATION_IDLE_PER_SEC = 45;
export const HOST_LOC_PER_SEC = 500;

// S4 and the mediated vPMU series (kvm-facts §7.2, §7.4).
export const S4_REUSE: Source = {
  id: 'K60',
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
