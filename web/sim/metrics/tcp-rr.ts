// tcp-rr: transactions, round-trip time, exits per transaction.
import type { Decoded } from '../core';
import type { Built } from './index';
import { ratePer, round } from './index';
import { summarize } from '../summary';

const COUNTER_TRANSACTIONS = 0; // assembly/workloads/tcp_rr.ts

export function tcpRrMetrics(d: Decoded): Built {
  const n = d.counter(COUNTER_TRANSACTIONS);
  const rtt = d.column(0);
  return {
    metrics: {
      transactions: n,
      transactions_per_sec: round(n / (d.simTimeNs / 1e9), 0),
      rtt_ns: summarize(rtt, 1, 0),
      exits_per_transaction: ratePer(d.exits, n),
      msr_writes_per_transaction: ratePer(d.msrWrites, n),
    },
    samples: () => ({ rtt_ns: Array.from(rtt) }),
  };
}
