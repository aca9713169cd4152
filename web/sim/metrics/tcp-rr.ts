// tcp-rr: transactions, round-trip time, exits per transaction, and where
// one round trip goes: its critical path by named step, and what each kind
// of virtualization step costs per round trip as S1 counts it (the timer
// writes on the path; every ICR exit, whole; every wake-up).
import type { Decoded } from '../core';
import type { Built } from './index';
import { ratePer, round } from './index';
import { summarize } from '../summary';

const COUNTER_TRANSACTIONS = 0; // assembly/workloads/tcp_rr.ts

/** Sample columns after the round trip itself (assembly/kvm/critical_path.ts, in column order). */
export const CRITICAL_PATH_STEPS = [
  'guest_work', 'timer_msr_exits', 'icr_exit_to_kick', 'wakeup_by_poll', 'wakeup_by_schedule', 'wakeup_posted_or_guest_poll',
  'entry_and_injection', 'other_exits', 'host_wait',
] as const;
const WAKEUP_STEPS = ['wakeup_by_poll', 'wakeup_by_schedule', 'wakeup_posted_or_guest_poll', 'entry_and_injection'];

const TIMER_MSRS = ['0x838', '0x6e0'];
const ICR_MSR = '0x830';

export function tcpRrMetrics(d: Decoded): Built {
  const n = d.counter(COUNTER_TRANSACTIONS);
  const rtt = d.column(0);
  const perTx = (ns: number) => (n > 0 ? round(ns / n, 0) : 0);
  const critical: Record<string, number> = {};
  CRITICAL_PATH_STEPS.forEach((step, i) => (critical[step] = round(d.columnExact(i + 1).mean, 0)));
  const timerNs = TIMER_MSRS.reduce((sum, m) => sum + (d.msrExitNs[m] ?? 0), 0);
  // S1 counts the timer writes on the critical path (4 of the 8); the rest happen while the sender goes idle.
  return {
    metrics: {
      transactions: n,
      transactions_per_sec: round(n / (d.simTimeNs / 1e9), 0),
      rtt_ns: summarize(rtt, 1, 0, d.columnExact(0)),
      exits_per_transaction: ratePer(d.exits, n),
      msr_writes_per_transaction: ratePer(d.msrWrites, n),
      critical_path_ns: critical,
      overhead_ns_per_transaction: {
        timer_msr_exits: critical.timer_msr_exits,
        timer_msr_exits_all: perTx(timerNs),
        icr_exits: perTx(d.msrExitNs[ICR_MSR] ?? 0),
        wakeups: WAKEUP_STEPS.reduce((sum, k) => sum + critical[k], 0),
      },
    },
    samples: () => ({ rtt_ns: Array.from(rtt) }),
  };
}
