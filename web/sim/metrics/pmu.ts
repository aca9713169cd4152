// perf-stat, perf-record and vpmu-switch: what the PMU scenarios report,
// from the core's PMU arrays (assembly/sim/pmu_stats.ts, indices mirrored).
import type { Decoded } from '../core';
import type { Built } from './index';
import { round } from './index';
import { LISTING, EVENT_NAMES, VPMU_MODES, SVM_HOSTS } from '../pmu-listing';
import { exitReasonName } from '../exit_reasons';

// assembly/sim/pmu_stats.ts VS_*
const VS = {
  REPROGRAM_REQUESTS: 0, REPROGRAM_CALLS: 1, RELEASES: 2, LAZY_RELEASES: 3, PAUSES: 4, RESUMES: 5, DS_RESERVES: 6, DS_RELEASES: 7,
  CREATE_NS: 8, CREATE_MAX_NS: 9, HOST_PMIS: 10, INJECTED_PMIS: 11, PMU_EXITS: 12, PMI_HANDLER_NS: 13, PMI_HANDLER_COUNT: 14,
  PMI_HANDLER_MIN_NS: 15, PMI_HANDLER_MAX_NS: 16, PMI_LATENCY_NS: 17, CROSS_MAPPED: 18, EMULATED_COUNTED: 19, FILTERED_WRITES: 20,
  ENABLE_EXITS: 21, DISABLE_EXITS: 22, PROGRAM_EXITS: 23, READ_EXITS: 24, PRECISE_EFFECTIVE: 25, SAMPLES: 26, REGION_NS: 27,
  CREATE_MIN_NS: 28, MEDIATED_SWITCHES: 29,
} as const;
// assembly/sim/pmu_stats.ts PC_*
const PC = {
  MODE: 0, MUX: 1, WALL_NS: 2, LAZY_RELEASES: 3, REPROGRAM_CALLS: 4, REPROGRAM_REQUESTS: 5, CREATE_NS: 6, PMIS: 7, HANDLER_MEAN_NS: 8,
  HANDLER_MIN_NS: 9, HANDLER_MAX_NS: 10, PMU_EXITS: 11, DS_RESERVES: 12, CREATE_MAX_NS: 13,
} as const;
const I64_MAX = 9223372036854775807;

/** Counter index (assembly/hw/pmu.ts): GP n, or fixed n at 8 + n. */
export function counterName(idx: number): string {
  return idx < 8 ? `gp${idx}` : `fixed${idx - 8}`;
}

function vpmuCommon(s: number[]) {
  const creates = s[VS.REPROGRAM_CALLS];
  return {
    reprogram_requests: s[VS.REPROGRAM_REQUESTS],
    reprogram_calls: creates,
    perf_event_releases: s[VS.RELEASES],
    lazy_releases: s[VS.LAZY_RELEASES],
    perf_event_pauses: s[VS.PAUSES],
    perf_event_resumes: s[VS.RESUMES],
    ds_buffer_reserves: s[VS.DS_RESERVES],
    perf_event_create_ns_mean: creates > 0 ? round(s[VS.CREATE_NS] / creates, 0) : 0,
    perf_event_create_ns_min: creates > 0 ? s[VS.CREATE_MIN_NS] : 0,
    perf_event_create_ns_max: s[VS.CREATE_MAX_NS],
    pmu_exits: s[VS.PMU_EXITS],
    emulated_instructions_counted: s[VS.EMULATED_COUNTED],
    filtered_selects: s[VS.FILTERED_WRITES],
  };
}

export function perfStatMetrics(d: Decoded): Built {
  const raw = d.pmu();
  const s = raw.stat;
  const counters = [];
  for (let idx = 0; idx < raw.ctrKind.length; idx++) {
    if (raw.ctrKind[idx] === 0) continue;
    const count = raw.ctrRead[idx];
    const truth = raw.ctrTruth[idx];
    counters.push({
      counter: counterName(idx),
      event: EVENT_NAMES[raw.ctrKind[idx]] ?? String(raw.ctrKind[idx]),
      count,
      true_count: truth,
      error_count: count - truth,
      error_pct: truth > 0 ? round((100 * (count - truth)) / truth, 3) : 0,
      start_ns: raw.ctrStartNs[idx],
      stop_ns: raw.ctrStopNs[idx],
    });
  }
  const errs = counters.map((c) => Math.abs(c.error_count));
  const counted = counters.filter((c) => c.start_ns >= 0);
  const starts = counted.map((c) => c.start_ns);
  return {
    metrics: {
      counters_programmed: counters.length,
      enable_msr_exits: s[VS.ENABLE_EXITS],
      disable_msr_exits: s[VS.DISABLE_EXITS],
      program_msr_exits: s[VS.PROGRAM_EXITS],
      read_exits: s[VS.READ_EXITS],
      region_ns: s[VS.REGION_NS],
      error_count_mean_abs: errs.length ? round(errs.reduce((a, b) => a + b, 0) / errs.length, 1) : 0,
      error_count_max_abs: errs.length ? Math.max(...errs) : 0,
      start_spread_ns: starts.length ? Math.max(...starts) - Math.min(...starts) : 0,
      counters,
      timeline_exits: raw.marks.map((m) => ({ t_ns: m.t_ns, reason: exitReasonName(m.reason, SVM_HOSTS.includes(String(d.params.host))) })),
      ...vpmuCommon(s),
    },
    samples: () => ({}),
  };
}

/** Total-variation distance between two histograms over the same slots: half the L1 distance of their shares. */
export function totalVariation(a: number[], b: number[]): number {
  const sa = a.reduce((x, y) => x + y, 0);
  const sb = b.reduce((x, y) => x + y, 0);
  if (sa <= 0 || sb <= 0) return 1;
  let l1 = 0;
  for (let i = 0; i < a.length; i++) l1 += Math.abs(a[i] / sa - b[i] / sb);
  return l1 / 2;
}

export function perfRecordMetrics(d: Decoded): Built {
  const raw = d.pmu();
  const s = raw.stat;
  const n = LISTING.length;
  const hist = raw.sampleHist.slice(0, n);
  const truth = raw.truthHist.slice(0, n);
  const total = hist.reduce((a, b) => a + b, 0);
  const truthTotal = truth.reduce((a, b) => a + b, 0);
  const handled = s[VS.PMI_HANDLER_COUNT];
  return {
    metrics: {
      samples: s[VS.SAMPLES],
      precise_requested: Number(d.params.precise ?? 0),
      precise_effective: s[VS.PRECISE_EFFECTIVE],
      pebs_cross_mapped: s[VS.CROSS_MAPPED] > 0,
      total_variation_distance: round(totalVariation(hist, truth), 4),
      listing: LISTING.map((line, i) => ({
        slot: i,
        asm: line.asm,
        samples: hist[i],
        sample_share: total > 0 ? round(hist[i] / total, 4) : 0,
        true_share: truthTotal > 0 ? round(truth[i] / truthTotal, 4) : 0,
      })),
      pmi_latency_ns_mean: handled > 0 ? round(s[VS.PMI_LATENCY_NS] / handled, 0) : 0,
      pmi_handler_ns_mean: handled > 0 ? round(s[VS.PMI_HANDLER_NS] / handled, 0) : 0,
      pmi_handler_ns_min: handled > 0 ? s[VS.PMI_HANDLER_MIN_NS] : 0,
      pmi_handler_ns_max: s[VS.PMI_HANDLER_MAX_NS],
      pmu_exits_per_sample: handled > 0 ? round(s[VS.PMU_EXITS] / handled, 2) : 0,
      ...vpmuCommon(s),
    },
    samples: () => ({}),
  };
}

export function vpmuSwitchMetrics(d: Decoded): Built {
  const raw = d.pmu();
  const base = raw.phases.find((r) => r[PC.MODE] === -1);
  const baseWall = base ? base[PC.WALL_NS] : 0;
  const rows = raw.phases.filter((r) => r[PC.MODE] >= 0).map((r) => ({
    vpmu: VPMU_MODES[r[PC.MODE]],
    sampling: r[PC.MUX] ? 'multiplex' : 'basic',
    wall_ns: r[PC.WALL_NS],
    overhead_pct: baseWall > 0 ? round((100 * (r[PC.WALL_NS] - baseWall)) / baseWall, 2) : 0,
    reprogram_requests: r[PC.REPROGRAM_REQUESTS],
    reprogram_calls: r[PC.REPROGRAM_CALLS],
    perf_event_create_ns: r[PC.CREATE_NS],
    perf_event_create_ns_max: r[PC.CREATE_MAX_NS],
    ds_buffer_reserves: r[PC.DS_RESERVES],
    lazy_releases: r[PC.LAZY_RELEASES],
    pmis: r[PC.PMIS],
    pmi_handler_ns_mean: round(r[PC.HANDLER_MEAN_NS], 0),
    pmi_handler_ns_min: r[PC.HANDLER_MIN_NS] >= I64_MAX ? 0 : r[PC.HANDLER_MIN_NS],
    pmi_handler_ns_max: r[PC.HANDLER_MAX_NS],
    pmu_exits: r[PC.PMU_EXITS],
  }));
  const find = (vpmu: string, sampling: string) => rows.find((r) => r.vpmu === vpmu && r.sampling === sampling);
  const cut = (sampling: string) => {
    const l = find('legacy', sampling);
    const r = find('reuse', sampling);
    return l && r && l.reprogram_calls > 0 ? round(100 * (1 - r.reprogram_calls / l.reprogram_calls), 1) : 0;
  };
  const speedup = (sampling: string) => {
    const l = find('legacy', sampling);
    const r = find('reuse', sampling);
    return l && r && r.pmi_handler_ns_mean > 0 ? round(l.pmi_handler_ns_mean / r.pmi_handler_ns_mean, 2) : 0;
  };
  return {
    metrics: {
      baseline_wall_ns: baseWall,
      modes: rows,
      reprogram_calls_cut_pct: { basic: cut('basic'), multiplex: cut('multiplex') },
      pmi_handler_speedup: { basic: speedup('basic'), multiplex: speedup('multiplex') },
    },
    samples: () => ({}),
  };
}
