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
