// ipi-hlt: wake latency distribution and the median of each path segment.
import type { Decoded } from '../core';
import type { Built } from './index';
import { summarize, median } from '../summary';

/** Segment names by sample column, for a KVM guest (S1's five segments). */
export const VIRT_SEGMENTS = ['icr_write_to_kick', 'kick_to_wakeup', 'schedule', 'vcpu_load', 'vmresume_to_handler'] as const;
/** The same path on bare metal has three hardware steps. */
export const BARE_SEGMENTS = ['icr_write_to_delivery', 'c1_exit', 'irq_dispatch'] as const;

export function ipiHltMetrics(d: Decoded): Built {
  const total = d.column(0);
  const names = d.params.virt === 'off' ? BARE_SEGMENTS : VIRT_SEGMENTS;
  const segments: Record<string, number> = {};
  names.forEach((n, i) => (segments[n] = median(d.column(i + 1))));
  return {
    metrics: {
      iterations: d.sampleCount,
      wake_latency_cycles: summarize(total, 1, 0, d.columnExact(0)),
      wake_latency_ns: summarize(total, 1000 / d.cpuMhz, 1, d.columnExact(0)),
      segments_cycles: segments,
    },
    samples: () => ({ wake_latency_cycles: Array.from(total), halt_poll_window_ns: Array.from(d.column(6)) }),
  };
}
