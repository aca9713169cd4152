// What the scenario explorer reads from a RunResult, and which published
// figures belong beside it. Nothing here computes a model quantity: rates
// come from the result's metrics (per transaction or per second) when the
// scenario provides them, else the run's raw totals are shown as totals.
import { PMU_MSR_NAMES } from './pmu-msrs';
import type { Counts, ExitTime, PcpuTime, RunResult, SamplesInfo } from '../sim/core';
import {
  IDLE_EXITS_PER_SEC, S2, TCP_RR_EXITS_PER_TRANSACTION, TCP_RR_MSR_WRITES_PER_TRANSACTION, type Source, type Summary,
} from '../sim/published';
import { S1_TCP_RR } from '../sim/published';
import { deviceChoice, runModel } from './device-view';

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
export type PublishedCase = 'tcpRr1' | 'tcpRr2' | 'idle' | 'nic' | 'disk';

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
  const device = deviceChoice(r.scenario);
  const values = device?.published[runModel(r, device)];
  if (device && values) return { values, source: device.source, case: device.param };
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
  ...PMU_MSR_NAMES,
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

/** kvm_stat's counters beyond the halt ones, in the order the explorer lists them. */
export const KVM_STATS = ['exits', 'irq_exits', 'irq_window_exits', 'irq_injections', 'host_state_reload', 'blocking'] as const;
export type KvmStat = (typeof KVM_STATS)[number];

/** The run's kvm_stat counters, or null from a core that does not report them. */
export function kvmStats(r: RunResult): Counts | null {
  const v = (r as Partial<RunResult>).kvm_stat;
  return v && typeof v === 'object' ? v : null;
}

/** The perf kvm stat-style table, or null from a core that does not report it. */
export function exitTime(r: RunResult): ExitTime | null {
  const v = (r as Partial<RunResult>).exit_time;
  return v && Array.isArray(v.rows) ? v : null;
}

/** How the run's sample summaries were computed, or null from a core that does not say. */
export function samplesInfo(r: RunResult): SamplesInfo | null {
  const v = (r as Partial<RunResult>).samples_info;
  return v && typeof v.seen === 'number' && typeof v.kept === 'number' ? v : null;
}

function numbers(v: unknown): Counts | null {
  if (!v || typeof v !== 'object') return null;
  const out: Counts = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  return Object.keys(out).length > 0 ? out : null;
}

/** Kinds of step whose cost per round trip tcp-rr reports, on the critical path or not. */
export const OVERHEAD_KINDS = ['timer_msr_exits', 'icr_exits', 'wakeups'] as const;
export type OverheadKind = (typeof OVERHEAD_KINDS)[number];

export interface Step {
  name: string;
  ns: number;
}

/**
 * metrics.critical_path_ns (tcp-rr) as steps, in the core's order (the order
 * of the path); null when the scenario has no such metric.
 */
export function criticalPath(r: RunResult): Step[] | null {
  const v = numbers(r.metrics.critical_path_ns);
  return v ? Object.entries(v).map(([name, ns]) => ({ name, ns })) : null;
}

/** metrics.overhead_ns_per_transaction (tcp-rr): ns per round trip by kind of step, or null. */
export function overheadPerTransaction(r: RunResult): Counts | null {
  return numbers(r.metrics.overhead_ns_per_transaction);
}

/** S1's round-trip figures apply to TCP_RR with client and server on 2 vCPUs of a KVM guest. */
export function isS1RoundTrip(r: RunResult): boolean {
  return tcpRrVcpus(r) === 2 && r.params.virt !== 'off';
}

/** The host preset that is S1's hosts, which the model is calibrated against; any other is not what a source measured. */
export const PUBLISHED_HOST = 'snb-3.11';

/** The run's host when it is not the one the published figures describe, else null. */
export function otherHost(r: RunResult): string | null {
  const h = r.params.host;
  return h !== undefined && h !== PUBLISHED_HOST ? String(h) : null;
}
