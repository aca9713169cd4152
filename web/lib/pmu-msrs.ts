// The PMU MSRs a guest's perf writes, by the names the SDM, the AMD manuals
// and the kernel use (kvm-facts §6, §9), with a line each in both languages.
// The core tracks the same list (assembly/kvm/kvm_stats.ts TRACKED_MSRS).

const hex = (n: number) => '0x' + n.toString(16);
const range = (base: number, count: number, step: number, name: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => [hex(base + i * step), name(i)] as const);

const ENTRIES: (readonly [string, string, string, string])[] = [
  [hex(0x38f), 'PERF_GLOBAL_CTRL', 'enables every counter at once (one bit per counter)', '一次启用全部计数器（每个计数器一位）'],
  [hex(0x390), 'PERF_GLOBAL_OVF_CTRL', 'clears counters’ overflow bits in PERF_GLOBAL_STATUS', '清除 PERF_GLOBAL_STATUS 中计数器的溢出位'],
  [hex(0x38d), 'FIXED_CTR_CTRL', 'enables the fixed counters (4 bits each: OS, USR, AnyThread, PMI)', '启用固定计数器（每个 4 位：OS、USR、AnyThread、PMI）'],
  [hex(0x3f1), 'PEBS_ENABLE', 'which counters write PEBS records', '哪些计数器写 PEBS 记录'],
  [hex(0x834), 'LVTPC', 'x2APIC LVT entry of the PMI (perf unmasks it in its handler)', 'PMI 的 x2APIC LVT 表项（perf 在处理函数中解除屏蔽）'],
  ...range(0x186, 8, 1, (i) => `PERFEVTSEL${i}`).map(([h, n]) => [h, n, 'event select of a general-purpose counter (EN bit 22)', '通用计数器的事件选择（EN 为第 22 位）'] as const),
  ...range(0xc1, 8, 1, (i) => `IA32_PMC${i}`).map(([h, n]) => [h, n, 'general-purpose counter: perf writes −period to re-arm it', '通用计数器：perf 写入 −period 重新装填'] as const),
  ...range(0x309, 3, 1, (i) => `FIXED_CTR${i}`).map(([h, n]) => [h, n, 'fixed counter: perf writes −period to re-arm it', '固定计数器：perf 写入 −period 重新装填'] as const),
  [hex(0xc0000301), 'PerfCntrGlobalCtl', 'AMD PerfMon V2: enables every core counter at once', 'AMD PerfMon V2：一次启用全部核心计数器'],
  [hex(0xc0000302), 'PerfCntrGlobalStatusClr', 'AMD PerfMon V2: clears overflow bits', 'AMD PerfMon V2：清除溢出位'],
  ...range(0xc0010200, 6, 2, (i) => `PERF_CTL${i}`).map(([h, n]) => [h, n, 'AMD core counter control (EN bit 22): without PerfMon V2, one write per counter to start or stop', 'AMD 核心计数器控制（EN 为第 22 位）：没有 PerfMon V2 时，每个计数器启停各写一次'] as const),
  ...range(0xc0010201, 6, 2, (i) => `PERF_CTR${i}`).map(([h, n]) => [h, n, 'AMD core counter: perf writes −period to re-arm it', 'AMD 核心计数器：perf 写入 −period 重新装填'] as const),
  ...range(0xc0010000, 4, 1, (i) => `EVNTSEL${i}`).map(([h, n]) => [h, n, 'AMD legacy event select', 'AMD 旧式事件选择'] as const),
  ...range(0xc0010004, 4, 1, (i) => `PERFCTR${i}`).map(([h, n]) => [h, n, 'AMD legacy counter', 'AMD 旧式计数器'] as const),
];

export const PMU_MSR_NAMES: Record<string, string> = Object.fromEntries(ENTRIES.map(([h, n]) => [h, n]));

export function pmuMsrText(locale: 'en' | 'zh-CN'): Record<string, string> {
  return Object.fromEntries(ENTRIES.map(([h, , en, zh]) => [h, locale === 'en' ? en : zh]));
}
