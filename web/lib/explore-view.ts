// What the scenario explorer reads from a RunResult, and which published
// figures belong beside it. Nothing here computes a model quantity: rates
// come from the result's metrics (per transaction or per second) when the
// scenario provides them, else the run's raw totals are shown as totals.
import type { Counts, PcpuTime, RunResult } from '../sim/core';
import {
  IDLE_EXITS_PER_SEC, S2, TCP_RR_EXITS_PER_TRANSACTION, TCP_RR_MSR_WRITES_PER_TRANSACTION, type Source, type Summary,
} from '../sim/published';
import { S1_TCP_RR } from '../sim/published';

export type RateUnit = 'perTransaction' | 'perSecond' | 'total';

export interface Rates {
  values: Counts;
  unit: RateUnit;
}

function counts(r: RunResult, key: string): Counts | null {
  const v = r.metrics[key];
  return v && typeof v === 'object' ? (v as Counts) : null;
}

function rates(r: RunResult, what: 'exits' | 'msr_writes', total: Counts): Rates {
  const perTxn = counts(r, `${what}_per_transaction`);
  if (perTxn) return { values: perTxn, unit: 'perTransaction' };
  const perSec = counts(r, `${what}_per_sec`);
  if (perSec) return { values: perSec, unit: 'perSecond' };
  return { values: total, unit: 'total' };
}

export const exitRates = (r: RunResult): Rates => rates(r, 'exits', r.exits);
export const msrRates = (r: RunResult): Rates => rates(r, 'msr_writes', r.msr_writes);

/** Which published conditions a comparison refers to (the explorer words each one). */
export type PublishedCase = 'tcpRr1' | 'tcpRr2' | 'idle';

export interface Published {
  values: Counts;
  source: Source;
  case: PublishedCase;
}

function tcpRrVcpus(r: RunResult): 1 | 2 | null {
  const n = r.params.vcpus;
  return r.scenario === 'tcp-rr' && (n === 1 || n === 2) ? n : null;
}

/** Published exits in the same unit as exitRates(r), where a source has them. */
export function publishedExits(r: RunResult): Published | null {
  const n = tcpRrVcpus(r);
  if (n) return { values: TCP_RR_EXITS_PER_TRANSACTION[n], source: S1_TCP_RR, case: n === 1 ? 'tcpRr1' : 'tcpRr2' };
  if (r.scenario === 'idle') return { values: IDLE_EXITS_PER_SEC, source: S2, case: 'idle' };
  return null;
}

export function publishedMsrWrites(r: RunResult): Published | null {
  const n = tcpRrVcpus(r);
  const values = n ? TCP_RR_MSR_WRITES_PER_TRANSACTION[n] : undefined;
  return n && values ? { values, source: S1_TCP_RR, case: n === 1 ? 'tcpRr1' : 'tcpRr2' } : null;
}

/** The tracked MSRs by the names the kernel and the SDM use. */
export const MSR_NAMES: Record<string, string> = {
  '0x830': 'ICR',
  '0x838': 'TMICT',
  '0x6e0': 'TSC_DEADLINE',
  '0x80b': 'EOI',
  '0x4b564d05': 'MSR_KVM_POLL_CONTROL',
};

/** KVM's halt statistics in kvm_stat order. */
export const HALT_STATS = [
  'halt_exits', 'halt_attempted_poll', 'halt_successful_poll', 'halt_poll_invalid', 'halt_wakeup',
  'halt_poll_success_ns', 'halt_poll_fail_ns', 'halt_wait_ns',
] as const;
export type HaltStat = (typeof HALT_STATS)[number];

export const PCPU_MODES = ['guest_ns', 'host_ns', 'poll_ns', 'other_ns', 'idle_ns'] as const satisfies readonly (keyof PcpuTime)[];

export function metricNumber(r: RunResult, key: string): number | null {
  const v = r.metrics[key];
  return typeof v === 'number' ? v : null;
}

export function metricSummary(r: RunResult, key: string): Summary | null {
  const v = r.metrics[key];
  return v && typeof v === 'object' && 'p50' in v ? (v as Summary) : null;
}
