// The lesson comparison charts' words (web/components/lab/), English and
// 简体中文 (typed: a string missing from a locale is a compile error).
// Exit reasons, kvm_stat names and units stay as the kernel prints them.
import type { Locale } from './lesson-types';

/** Which per-event quantity a latency chart shows (web/components/lab/latency-source.ts). */
export type LatencyQuantity = 'wake' | 'rtt' | 'lockWait' | 'request' | 'io';
export type RateUnitName = 'perTransaction' | 'perSecond' | 'total';
export type PcpuModeName = 'guest' | 'host' | 'poll' | 'other' | 'idle';
/** How a change is worded: a duration gets faster/slower, a count fewer/more, anything else lower/higher. */
export type DeltaKind = 'time' | 'count' | 'value';

const en = {
  current: 'This run',
  baseline: 'Baseline',
  showTable: 'Show the numbers as a table',
  fit: 'Fit axes',
  fitHint: 'Fit the axes to this run and the baseline',
  change: 'change',
  list: (parts: string[]) => parts.join(', '),
  // latency
  quantity: {
    wake: 'Wake-up latency',
    rtt: 'Round-trip time',
    lockWait: 'Lock wait',
    request: 'Request latency',
    io: 'I/O latency',
  } satisfies Record<LatencyQuantity, string>,
  cycles: 'cycles',
  us: 'µs',
  axis: (quantity: string, unit: string) => `${quantity} (${unit})`,
  histogram: 'Histogram',
  cdf: 'Cumulative (CDF)',
  showAs: 'Show as',
  shareAxis: 'share of samples',
  cdfAxis: 'samples at or below',
  beyond: (x: string) => `beyond ${x}`,
  latencyChart: (quantity: string, n: number, cdf: boolean, withBaseline: boolean) =>
    `${quantity}: ${cdf ? 'cumulative distribution' : 'histogram'} of ${n.toLocaleString('en')} samples` +
    (withBaseline ? (cdf ? '; baseline as a dashed line.' : '; baseline as an outline.') : '.'),
  latencySummary: (p50: string, p99: string, base: { p50: string; p99: string } | null) =>
    `Median ${p50}, p99 ${p99}` + (base ? `; baseline median ${base.p50}, p99 ${base.p99}.` : '.'),
  statistic: 'statistic',
  stats: { min: 'min', mean: 'mean', p50: 'p50 (median)', p90: 'p90', p99: 'p99', max: 'max' },
  samples: 'samples',
  noLatency: 'This scenario records no per-event latency samples.',
  noSamples: 'This run was made without its samples, so only its summary is shown.',
  baselineOther: 'The baseline measured another quantity, so it is not drawn.',
  // exits
  exitsTitle: 'VM exits by reason',
  unit: { perTransaction: 'per transaction', perSecond: 'per second', total: 'in the whole run' } satisfies Record<RateUnitName, string>,
  withUnit: (title: string, unit: string) => `${title}, ${unit}`,
  exitReason: 'exit reason',
  explain: (reason: string) => `What is ${reason}?`,
  exitsChart: (unit: string) => `VM exits by reason, ${unit}: this run’s bars beside the baseline’s.`,
  exitsSummary: (unit: string, parts: { reason: string; value: string; base: string | null }[]) =>
    `Exits ${unit}: ` + parts.map((p) => `${p.reason} ${p.value}` + (p.base === null ? '' : ` (baseline ${p.base})`)).join(', ') + '.',
  noExits: 'No VM exits in this run.',
  baselineOtherUnit: (base: string, now: string) => `The baseline counts exits ${base} and this run ${now}, so the baseline is not drawn.`,
  // pCPUs
  pcpuTitle: 'Where each physical CPU’s time went',
  pcpu: 'pCPU',
  modes: {
    guest: 'guest',
    host: 'host (KVM, scheduler)',
    poll: 'halt-polling',
    other: 'other tasks',
    idle: 'idle',
  } satisfies Record<PcpuModeName, string>,
  mode: 'mode',
  modesLegend: 'CPU modes: pick one to highlight it',
  pcpuChart: (n: number) => `Share of each of ${n} physical CPUs’ time by mode, this run above the baseline.`,
  pcpuSummary: (parts: { pcpu: string; now: string; base: string | null }[]) =>
    parts.map((p) => `${p.pcpu}: ${p.now}` + (p.base === null ? '' : `; baseline ${p.base}`)).join('. ') + '.',
  // a headline figure against the baseline
  delta: (kind: DeltaKind, lower: boolean, amount: { ratio: string } | { pct: string } | { abs: string }, base: string) => {
    const word =
      kind === 'time' ? (lower ? 'faster' : 'slower') : kind === 'count' ? (lower ? 'fewer' : 'more') : lower ? 'lower' : 'higher';
    const how = 'ratio' in amount ? `${amount.ratio}× ${word}` : 'pct' in amount ? `${amount.pct}% ${word}` : `${amount.abs} ${word}`;
    return `${how} than the baseline (${base})`;
  },
  same: (base: string) => `same as the baseline (${base})`,
  better: 'better',
  worse: 'worse',
  /** After the change, whether it is an improvement: " — better". */
  verdict: (word: string) => ` — ${word}`,
};

type LabStrings = typeof en;

const zh: LabStrings = {
  current: '本次运行',
  baseline: '基线',
  showTable: '以表格显示数值',
  fit: '重设坐标轴',
  fitHint: '让坐标轴适配本次运行和基线',
  change: '变化',
  list: (parts: string[]) => parts.join('、'),
  quantity: {
    wake: '唤醒延迟',
    rtt: '往返时间',
    lockWait: '锁等待时间',
    request: '请求延迟',
    io: 'I/O 延迟',
  },
  cycles: '周期',
  us: '微秒',
  axis: (quantity: string, unit: string) => `${quantity}（${unit}）`,
  histogram: '直方图',
  cdf: '累积分布（CDF）',
  showAs: '显示方式',
  shareAxis: '样本占比',
  cdfAxis: '不超过该值的样本',
  beyond: (x: string) => `超过 ${x}`,
  latencyChart: (quantity: string, n: number, cdf: boolean, withBaseline: boolean) =>
    `${quantity}：${n.toLocaleString('zh-CN')} 个样本的${cdf ? '累积分布' : '直方图'}` +
    (withBaseline ? (cdf ? '；基线为虚线。' : '；基线为轮廓线。') : '。'),
  latencySummary: (p50: string, p99: string, base: { p50: string; p99: string } | null) =>
    `中位数 ${p50}，p99 ${p99}` + (base ? `；基线中位数 ${base.p50}，p99 ${base.p99}。` : '。'),
  statistic: '统计量',
  stats: { min: '最小值', mean: '平均值', p50: 'p50（中位数）', p90: 'p90', p99: 'p99', max: '最大值' },
  samples: '样本数',
  noLatency: '这个场景不记录逐个事件的延迟样本。',
  noSamples: '这次运行没有保留样本，所以只显示汇总。',
  baselineOther: '基线测的是另一个量，所以不画出来。',
  exitsTitle: '按原因统计的 VM 退出',
  unit: { perTransaction: '每个事务', perSecond: '每秒', total: '整个运行期间' },
  withUnit: (title: string, unit: string) => `${title}（${unit}）`,
  exitReason: '退出原因',
  explain: (reason: string) => `${reason} 是什么？`,
  exitsChart: (unit: string) => `按原因统计的 VM 退出（${unit}）：本次运行与基线并排。`,
  exitsSummary: (unit: string, parts: { reason: string; value: string; base: string | null }[]) =>
    `退出（${unit}）：` + parts.map((p) => `${p.reason} ${p.value}` + (p.base === null ? '' : `（基线 ${p.base}）`)).join('，') + '。',
  noExits: '这次运行没有 VM 退出。',
  baselineOtherUnit: (base: string, now: string) => `基线按“${base}”计数，本次运行按“${now}”计数，所以不画基线。`,
  pcpuTitle: '每个物理 CPU 的时间去向',
  pcpu: 'pCPU',
  modes: {
    guest: '客户机',
    host: '主机（KVM、调度器）',
    poll: 'halt 轮询',
    other: '其他任务',
    idle: '空闲',
  },
  mode: '模式',
  modesLegend: 'CPU 模式：选一个以突出显示',
  pcpuChart: (n: number) => `${n} 个物理 CPU 各自的时间按模式划分的占比，本次运行在上，基线在下。`,
  pcpuSummary: (parts: { pcpu: string; now: string; base: string | null }[]) =>
    parts.map((p) => `${p.pcpu}：${p.now}` + (p.base === null ? '' : `；基线 ${p.base}`)).join('。') + '。',
  delta: (kind: DeltaKind, lower: boolean, amount: { ratio: string } | { pct: string } | { abs: string }, base: string) => {
    const word = kind === 'time' ? (lower ? '更快' : '更慢') : kind === 'count' ? (lower ? '更少' : '更多') : lower ? '更低' : '更高';
    const how =
      'ratio' in amount
        ? lower
          ? `为基线的 1/${amount.ratio}`
          : `为基线的 ${amount.ratio} 倍`
        : 'pct' in amount
          ? `比基线${lower ? '少' : '多'} ${amount.pct}%`
          : `比基线${lower ? '少' : '多'} ${amount.abs}`;
    return `${word}：${how}（基线 ${base}）`;
  },
  same: (base: string) => `与基线相同（${base}）`,
  better: '更好',
  worse: '更差',
  verdict: (word: string) => `，${word}`,
};

const STRINGS: Record<Locale, LabStrings> = { en, 'zh-CN': zh };

export type { LabStrings };

export function labStrings(locale: Locale): LabStrings {
  return STRINGS[locale];
}
