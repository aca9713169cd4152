// S1's figures for where a TCP_RR round trip's time goes on a KVM host, as
// the ranges the talk gives (not single measurements). Shown beside the
// model's overhead_ns_per_transaction; the model never reads them.
// Source: David Matlack, "Message Passing Workloads in KVM", KVM Forum 2015
// (TCP_RR with client and server on 2 vCPUs; Ivy Bridge host, Linux 3.11).
import { S1_TCP_RR, type Source } from '../sim/published';
import type { OverheadKind } from './explore-view';

/** A published cost in ns: low–high, or about one figure (low === high). */
export interface NsRange {
  low: number;
  high: number;
}

export interface PublishedRoundTrip {
  source: Source;
  /** ns per round trip, by the model's overhead_ns_per_transaction keys. */
  perTransaction: Record<OverheadKind, NsRange>;
}

export const TCP_RR_ROUND_TRIP_PUBLISHED: PublishedRoundTrip = {
  source: S1_TCP_RR,
  perTransaction: {
    // The 4 APIC-timer MSR writes on the critical path: 3–5 µs per round trip.
    timer_msr_exits: { low: 3000, high: 5000 },
    // Sending the IPIs (ICR writes that exit): ~2 µs.
    icr_exits: { low: 2000, high: 2000 },
    // Waking from HLT: ~3 µs, even with halt-polling.
    wakeups: { low: 3000, high: 3000 },
  },
};
