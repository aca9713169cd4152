// The core's TypeScript face: instantiate the wasm, write parameters into
// their slots by name, run, and decode the result arrays into the JSON shape
// the CLI, the UI and the tests share.
import { instantiate } from '../../build/core.js';
import { PARAMS, slotValues, type Params } from './schema';
import { requireScenario, resolveParams, checkSeed } from './validate';
import { exitReasonName } from './exit_reasons';
import { scenarioMetrics } from './metrics/index';
import { readPmuRaw, type PmuRaw } from './pmu-raw';
import { readTimeline, timelineWindow } from './timeline';
import type { Timeline, TimelineRequest } from './timeline-types';

type CoreExports = Awaited<ReturnType<typeof instantiate>>;

/** Events one run may handle before it stops with a message. */
export const EVENT_BUDGET = 20_000_000;

export interface RunRequest {
  scenario: string;
  params?: Record<string, unknown>;
  seed?: number | string;
  /** Include the raw per-iteration samples (for histograms). */
  samples?: boolean;
  /** Override EVENT_BUDGET (tests use it to check the budget stop). */
  maxEvents?: number;
  /** exit_time for this vCPU only (perf kvm stat --vcpu); every vCPU when absent. */
  exitTimeVcpu?: number;
  /** Record what every pCPU and vCPU did over this window (web/sim/timeline.ts has each scenario's default). */
  timeline?: TimelineRequest;
}

export type Counts = Record<string, number>;

export interface PcpuTime {
  guest_ns: number;
  host_ns: number;
  poll_ns: number;
  other_ns: number;
  idle_ns: number;
}

/** One row of the perf kvm stat-style table: an exit spans kvm_exit to the next kvm_entry on its vCPU. */
export interface ExitTimeRow {
  reason: string;
  samples: number;
  samples_pct: number;
  time_pct: number;
  min_ns: number;
  max_ns: number;
  mean_ns: number;
  /** Relative standard deviation of the mean, in %, as perf prints "( +- x% )". */
  stddev_pct: number;
}

export interface ExitTime {
  /** Sorted by samples, most first (perf kvm stat's default --key=sample). */
  rows: ExitTimeRow[];
  total_samples: number;
  total_time_ns: number;
}

/** How the distribution summaries were computed. */
export interface SamplesInfo {
  /** Samples the run produced. */
  seen: number;
  /** Samples the summaries' quantiles were computed from. */
  kept: number;
  /** all: every sample; reservoir: a uniform random subset of `kept` (min, max and mean still cover every sample). */
  method: 'all' | 'reservoir';
}

export interface RunResult {
  scenario: string;
  seed: number;
  params: Params;
  status: 'ok' | 'budget_exhausted';
  message?: string;
  sim_time_ns: number;
  events: number;
  exits: Counts;
  exits_per_vcpu: Counts[];
  msr_writes: Counts;
  halt: Counts;
  /** kvm_stat counters beyond the halt ones: exits, irq_exits, irq_window_exits, irq_injections, host_state_reload, blocking. */
  kvm_stat: Counts;
  /** perf kvm stat report: per exit reason, count and time from exit to the next entry. */
  exit_time: ExitTime;
  pcpu: PcpuTime[];
  samples_info: SamplesInfo;
  metrics: Record<string, unknown>;
  samples?: Record<string, number[]>;
  /** Present when the request asked for one; recording it changes no other figure. */
  timeline?: Timeline;
}

/** What the metrics builders read: the decoded counts and raw arrays. */
export interface Decoded {
  params: Params;
  cpuMhz: number;
  simTimeNs: number;
  vcpus: number;
  exits: Counts;
  msrWrites: Counts;
  /** Per-vCPU KVM stats summed (directed_yield_*). */
  kvm: Counts;
  /** Time in exits that wrote each tracked MSR, exit to entry (ns), by MSR. */
  msrExitNs: Counts;
  /** The scenario's counter slots. */
  counter(slot: number): number;
  /** Rows kept (all of them, or a uniform reservoir when more were seen). */
  sampleCount: number;
  samplesSeen: number;
  /** Column c of the kept sample rows. */
  column(c: number): Int32Array;
  /** Column c's minimum, maximum and mean over every row seen. */
  columnExact(c: number): { min: number; max: number; mean: number };
  /** The PMU scenarios' arrays (read on demand). */
  pmu(): PmuRaw;
}

/**
 * Per-vCPU counters (assembly/kvm/kvm_stats.ts): yield_to attempts by
 * kvm_vcpu_on_spin (not KVM's directed_yield_* stats, which count only the PV
 * sched-yield hypercall), then kvm_stat counters under their own names.
 */
const KVM_STAT_NAMES = [
  'yield_to_attempted', 'yield_to_successful', 'exits', 'irq_exits', 'irq_window_exits', 'irq_injections', 'host_state_reload',
] as const;
const KVM_STAT_REPORTED = KVM_STAT_NAMES.slice(2);

const HALT_STAT_NAMES = [
  'halt_exits', 'halt_attempted_poll', 'halt_successful_poll', 'halt_poll_invalid',
  'halt_wakeup', 'halt_poll_success_ns', 'halt_poll_fail_ns', 'halt_wait_ns',
] as const;

export const DEFAULT_SEED = 1;

export class Core {
  private readonly slot = new Map<string, number>();

  constructor(private readonly wasm: CoreExports) {
    for (let i = 0; i < wasm.paramCount(); i++) this.slot.set(wasm.paramName(i) as string, i);
    for (const name of Object.keys(PARAMS)) {
      if (!this.slot.has(name)) throw new Error(`core has no parameter slot '${name}'`);
    }
  }

  /** Most events pending at once in the latest run (for the benchmark). */
  peakPendingEvents(): number {
    return this.wasm.resultPeakQueue();
  }

  /** Parameter names the core declares, in slot order. */
  paramNames(): string[] {
    return [...this.slot.keys()];
  }

  run(req: RunRequest): RunResult {
    const spec = requireScenario(req.scenario);
    const params = effectiveParams(resolveParams(spec, req.params ?? {}));
    const seed = checkSeed(req.seed ?? DEFAULT_SEED);
    const w = this.wasm;
    // Every slot is written on every run, so no run depends on the one before.
    const slots = slotValues(spec, params);
    for (const [name, v] of Object.entries(slots)) {
      const p = PARAMS[name];
      w.setParam(this.slot.get(name)!, p.kind === 'enum' ? p.options.indexOf(v as string) : (v as number));
    }
    const window = req.timeline ? timelineWindow(spec.name, params, req.timeline) : undefined;
    w.setTimeline(window ? window.start_ns : -1, window ? window.duration_ns : 0);
    const status = w.run(spec.id, seed, req.maxEvents ?? EVENT_BUDGET);
    if (status === w.STATUS_QUEUE_FULL.value || status === w.STATUS_BAD_SCENARIO.value || status === w.STATUS_STUCK.value) {
      throw new Error(`core failed with status ${status} on ${spec.name}`);
    }
    const mem = w.memory.buffer;
    const vcpus = w.resultVcpuCount();
    const pcpus = w.resultPcpuCount();

    const reasons = w.exitReasonSlots();
    const svm = w.hostIsSvm();
    const exitArr = new BigInt64Array(mem, w.exitCountsPtr(), w.maxVcpus() * reasons);
    const exits: Counts = {};
    const perVcpu: Counts[] = [];
    for (let v = 0; v < vcpus; v++) {
      const mine: Counts = {};
      for (let r = 0; r < reasons; r++) {
        const n = Number(exitArr[v * reasons + r]);
        if (n === 0) continue;
        const name = exitReasonName(r, svm);
        mine[name] = (mine[name] ?? 0) + n; // SVM's one msr code covers VMX's MSR_READ and MSR_WRITE
        exits[name] = (exits[name] ?? 0) + n;
      }
      perVcpu.push(mine);
    }

    const msrCount = w.trackedMsrCount();
    const msrArr = new BigInt64Array(mem, w.msrWritesPtr(), w.maxVcpus() * msrCount);
    const msr: Counts = {};
    for (let s = 0; s < msrCount; s++) {
      let n = 0;
      for (let v = 0; v < vcpus; v++) n += Number(msrArr[v * msrCount + s]);
      if (n > 0) msr['0x' + w.trackedMsr(s).toString(16)] = n;
    }

    const hs = w.haltStatCount();
    const haltArr = new BigInt64Array(mem, w.haltStatsPtr(), w.maxVcpus() * hs);
    const halt: Counts = {};
    HALT_STAT_NAMES.forEach((name, i) => {
      let n = 0;
      for (let v = 0; v < vcpus; v++) n += Number(haltArr[v * hs + i]);
      halt[name] = n;
    });

    const modes = w.pcpuModeCount();
    const pcArr = new BigInt64Array(mem, w.pcpuTimePtr(), w.maxPcpus() * modes);
    const pcpu: PcpuTime[] = [];
    for (let p = 0; p < pcpus; p++) {
      const b = p * modes;
      pcpu.push({
        guest_ns: Number(pcArr[b]), host_ns: Number(pcArr[b + 1]), poll_ns: Number(pcArr[b + 2]),
        other_ns: Number(pcArr[b + 3]), idle_ns: Number(pcArr[b + 4]),
      });
    }

    const ks = w.kvmStatCount();
    const kvmArr = new BigInt64Array(mem, w.kvmStatsPtr(), w.maxVcpus() * ks);
    const kvm: Counts = {};
    KVM_STAT_NAMES.forEach((name, i) => {
      let n = 0;
      for (let v = 0; v < vcpus; v++) n += Number(kvmArr[v * ks + i]);
      kvm[name] = n;
    });
    const kvmStat: Counts = {};
    for (const name of KVM_STAT_REPORTED) kvmStat[name] = kvm[name];
    kvmStat.blocking = w.resultBlocking();
    const counterArr = new BigInt64Array(mem, w.countersPtr(), w.counterSlots());

    const stride = w.sampleStride();
    const count = w.resultSampleCount();
    const seen = w.resultSamplesSeen();
    const rows = new Int32Array(mem, w.samplesPtr(), count * stride);
    const colMin = new Float64Array(mem, w.columnMinPtr(), stride);
    const colMax = new Float64Array(mem, w.columnMaxPtr(), stride);
    const colSum = new Float64Array(mem, w.columnSumPtr(), stride);
    const msrExitArr = new BigInt64Array(mem, w.msrExitNsPtr(), w.maxVcpus() * msrCount);
    const msrExitNs: Counts = {};
    for (let s = 0; s < msrCount; s++) {
      let n = 0;
      for (let v = 0; v < vcpus; v++) n += Number(msrExitArr[v * msrCount + s]);
      if (n > 0) msrExitNs['0x' + w.trackedMsr(s).toString(16)] = n;
    }
    const decoded: Decoded = {
      params,
      cpuMhz: w.cpuMhz(),
      simTimeNs: w.resultSimTimeNs(),
      vcpus,
      exits,
      msrWrites: msr,
      kvm,
      counter: (slot: number) => Number(counterArr[slot]),
      msrExitNs,
      sampleCount: count,
      samplesSeen: seen,
      column(c: number) {
        const out = new Int32Array(count);
        for (let i = 0; i < count; i++) out[i] = rows[i * stride + c];
        return out;
      },
      columnExact: (c: number) => ({ min: colMin[c], max: colMax[c], mean: seen > 0 ? colSum[c] / seen : 0 }),
      pmu: () => readPmuRaw(w),
    };
    const built = scenarioMetrics(spec.name, decoded);

    const exhausted = status === w.STATUS_BUDGET.value;
    const budget = req.maxEvents ?? EVENT_BUDGET;
    const result: RunResult = {
      scenario: spec.name,
      seed,
      params,
      status: exhausted ? 'budget_exhausted' : 'ok',
      ...(exhausted && {
        message: `simulation stopped after ${w.resultEvents()} events (budget ${budget}); results cover ${w.resultSimTimeNs()} ns of simulated time — lower iterations or duration_ns`,
      }),
      sim_time_ns: w.resultSimTimeNs(),
      events: w.resultEvents(),
      exits,
      exits_per_vcpu: perVcpu,
      msr_writes: msr,
      halt,
      kvm_stat: kvmStat,
      exit_time: exitTime(w, vcpus, svm, req.exitTimeVcpu),
      pcpu,
      samples_info: { seen, kept: count, method: seen > count ? 'reservoir' : 'all' },
      metrics: built.metrics,
    };
    if (req.samples) result.samples = built.samples();
    if (window) result.timeline = readTimeline(w, pcpus, vcpus, svm);
    return result;
  }
}

/**
 * The parameters as the core runs them. On bare metal (virt=off) each task
 * has a CPU of its own and no host tasks share them (assembly/hw/config.ts:
 * pcpus = vcpus, host_tasks = 0), so `params` says so rather than echoing
 * values that did not run.
 */
export function effectiveParams(params: Params): Params {
  if (params.virt !== 'off') return params;
  const out = { ...params };
  if (Object.hasOwn(out, 'pcpus') && Object.hasOwn(out, 'vcpus')) out.pcpus = out.vcpus;
  if (Object.hasOwn(out, 'host_tasks')) out.host_tasks = 0;
  return out;
}

export async function createCore(module: WebAssembly.Module): Promise<Core> {
  return new Core(await instantiate(module, { env: {} }));
}

/** perf kvm stat report's rows from the core's per-vCPU, per-reason exit timings. */
function exitTime(w: CoreExports, vcpus: number, svm: boolean, only?: number): ExitTime {
  const mem = w.memory.buffer;
  const slots = w.exitReasonSlots();
  const n = w.maxVcpus() * slots;
  const cnt = new BigInt64Array(mem, w.exitTimeCountPtr(), n);
  const tot = new BigInt64Array(mem, w.exitTimeNsPtr(), n);
  const mn = new BigInt64Array(mem, w.exitTimeMinPtr(), n);
  const mx = new BigInt64Array(mem, w.exitTimeMaxPtr(), n);
  const sq = new Float64Array(mem, w.exitTimeSqPtr(), n);
  // By name: on SVM two VMX reasons share one exit code (msr).
  const acc = new Map<string, { samples: number; ns: number; min: number; max: number; sq: number }>();
  for (let v = 0; v < vcpus; v++) {
    if (only !== undefined && v !== only) continue;
    for (let r = 0; r < slots; r++) {
      const i = v * slots + r;
      const c = Number(cnt[i]);
      if (c === 0) continue;
      const key = exitReasonName(r, svm);
      const a = acc.get(key) ?? { samples: 0, ns: 0, min: Infinity, max: 0, sq: 0 };
      a.samples += c;
      a.ns += Number(tot[i]);
      a.min = Math.min(a.min, Number(mn[i]));
      a.max = Math.max(a.max, Number(mx[i]));
      a.sq += sq[i];
      acc.set(key, a);
    }
  }
  let totalSamples = 0;
  let totalNs = 0;
  for (const a of acc.values()) {
    totalSamples += a.samples;
    totalNs += a.ns;
  }
  const pct = (x: number, of: number) => (of > 0 ? Math.round((10000 * x) / of) / 100 : 0);
  const rows: ExitTimeRow[] = [...acc.entries()].map(([reason, a]) => {
    const mean = a.ns / a.samples;
    // perf prints the stddev of the mean relative to the mean: sqrt(var / n) / mean.
    const variance = Math.max(0, a.sq / a.samples - mean * mean);
    const stddevPct = mean > 0 && a.samples > 1 ? (100 * Math.sqrt(variance / (a.samples - 1))) / mean : 0;
    return {
      reason,
      samples: a.samples,
      samples_pct: pct(a.samples, totalSamples),
      time_pct: pct(a.ns, totalNs),
      min_ns: a.min,
      max_ns: a.max,
      mean_ns: Math.round(mean * 100) / 100,
      stddev_pct: Math.round(stddevPct * 100) / 100,
    };
  });
  rows.sort((a, b) => b.samples - a.samples || a.reason.localeCompare(b.reason));
  return { rows, total_samples: totalSamples, total_time_ns: totalNs };
}
