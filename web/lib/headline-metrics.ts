// The figures a lab's headline leads with, per scenario: what a performance
// engineer would quote first, which way is better, and how it is written.
// Read from the run's result by metric path (web/sim/derived.ts); the words
// are in lesson-i18n.ts under the same keys.
export interface HeadlineMetric {
  key: string;
  metric: string;
  unit: 'ns' | 'percent' | 'per_sec' | 'count' | 'cycles';
  better: 'lower' | 'higher';
  kind: 'time' | 'count' | 'value';
}

const m = (key: string, metric: string, unit: HeadlineMetric['unit'], better: HeadlineMetric['better'], kind: HeadlineMetric['kind']): HeadlineMetric => ({
  key, metric, unit, better, kind,
});

export const HEADLINE: Record<string, HeadlineMetric[]> = {
  'ipi-hlt': [m('wake_p50', 'metrics.wake_latency_ns.p50', 'ns', 'lower', 'time'), m('wake_p99', 'metrics.wake_latency_ns.p99', 'ns', 'lower', 'time'), m('poll_share', 'cpu.poll_pct', 'percent', 'lower', 'value')],
  'tcp-rr': [m('tps', 'metrics.transactions_per_sec', 'per_sec', 'higher', 'value'), m('rtt_p50', 'metrics.rtt_ns.p50', 'ns', 'lower', 'time'), m('exits_per_sec', 'exits_per_sec', 'per_sec', 'lower', 'count'), m('poll_share', 'cpu.poll_pct', 'percent', 'lower', 'value')],
  idle: [m('exits_per_sec', 'exits_per_sec', 'per_sec', 'lower', 'count'), m('guest_work', 'metrics.guest_work_pct', 'percent', 'higher', 'value'), m('idle_share', 'cpu.idle_pct', 'percent', 'higher', 'value')],
  'cpu-bound': [m('guest_work', 'metrics.guest_work_pct', 'percent', 'higher', 'value'), m('exits_per_sec', 'exits_per_sec', 'per_sec', 'lower', 'count'), m('host_share', 'cpu.host_pct', 'percent', 'lower', 'value')],
  spinlock: [m('acq_per_sec', 'metrics.acquisitions_per_sec', 'per_sec', 'higher', 'value'), m('wait_p50', 'metrics.lock_wait_ns.p50', 'ns', 'lower', 'time'), m('pause_per_sec', 'metrics.pause_exits_per_sec', 'per_sec', 'lower', 'count')],
  'perf-stat': [m('enable_exits', 'metrics.enable_msr_exits', 'count', 'lower', 'count'), m('start_spread', 'metrics.start_spread_ns', 'ns', 'lower', 'time'), m('count_error', 'metrics.error_count_mean_abs', 'count', 'lower', 'count')],
  'perf-record': [m('tvd', 'metrics.total_variation_distance', 'count', 'lower', 'value'), m('pmi_latency', 'metrics.pmi_latency_ns_mean', 'ns', 'lower', 'time'), m('exits_per_sample', 'metrics.pmu_exits_per_sample', 'count', 'lower', 'count')],
  'vpmu-switch': [m('reprogram_cut', 'metrics.reprogram_calls_cut_pct.basic', 'percent', 'higher', 'value'), m('handler_speedup', 'metrics.pmi_handler_speedup.basic', 'count', 'higher', 'value')],
  nic: [m('rps', 'metrics.requests_per_sec', 'per_sec', 'higher', 'value'), m('latency_p50', 'metrics.latency_ns.p50', 'ns', 'lower', 'time'), m('exits_per_sec', 'exits_per_sec', 'per_sec', 'lower', 'count')],
  disk: [m('iops', 'metrics.iops', 'per_sec', 'higher', 'value'), m('latency_p50', 'metrics.latency_ns.p50', 'ns', 'lower', 'time'), m('exits_per_sec', 'exits_per_sec', 'per_sec', 'lower', 'count')],
};
