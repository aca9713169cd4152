// KVM's own statistics, per vCPU: exits by VMX reason, MSR writes that
// exited (the kvm_msr tracepoint), the generic halt counters and other
// kvm_vcpu_stat fields. Layouts are mirrored in web/sim/core.ts.
import { MAX_VCPUS } from '../sim/stats';
import { EXIT_REASON_SLOTS, EXIT_REASON_EXTERNAL_INTERRUPT, EXIT_REASON_INTERRUPT_WINDOW } from '../hw/exit_reason';
import { MSR_X2APIC_ICR, MSR_X2APIC_TMICT, MSR_IA32_TSC_DEADLINE, MSR_X2APIC_EOI, MSR_KVM_POLL_CONTROL } from '../hw/msr';
import * as P from '../hw/pmu';

export const exitCounts = new StaticArray<i64>(MAX_VCPUS * EXIT_REASON_SLOTS);

// The APIC and timer MSRs come first: they are the hot ones, and msrSlot scans in order.
// Then the PMU's writable MSRs (kvm-facts §6, §9), so perf's writes show by name.
export const TRACKED_MSRS: StaticArray<u32> = [
  MSR_X2APIC_ICR, MSR_X2APIC_TMICT, MSR_IA32_TSC_DEADLINE, MSR_X2APIC_EOI, MSR_KVM_POLL_CONTROL,
  P.MSR_IA32_PERF_GLOBAL_CTRL, P.MSR_IA32_PERF_GLOBAL_OVF_CTRL, P.MSR_IA32_FIXED_CTR_CTRL, P.MSR_IA32_PEBS_ENABLE,
  P.MSR_X2APIC_LVTPC,
  0x186, 0x187, 0x188, 0x189, 0x18a, 0x18b, 0x18c, 0x18d, // IA32_PERFEVTSEL0..7
  0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, // IA32_PMC0..7
  0x309, 0x30a, 0x30b, // IA32_FIXED_CTR0..2
  P.MSR_AMD64_PERF_CNTR_GLOBAL_CTL, P.MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR,
  0xc0010200, 0xc0010202, 0xc0010204, 0xc0010206, 0xc0010208, 0xc001020a, // PERF_CTL0..5
  0xc0010201, 0xc0010203, 0xc0010205, 0xc0010207, 0xc0010209, 0xc001020b, // PERF_CTR0..5
  0xc0010000, 0xc0010001, 0xc0010002, 0xc0010003, // legacy EVNTSEL0..3
  0xc0010004, 0xc0010005, 0xc0010006, 0xc0010007, // legacy PERFCTR0..3
];
export const msrWrites = new StaticArray<i64>(MAX_VCPUS * TRACKED_MSRS.length);

// KVM_GENERIC_VCPU_STATS halt counters (kvm-facts §1.4), per vCPU.
export const HALT_EXITS = 0;
export const HALT_ATTEMPTED_POLL = 1;
export const HALT_SUCCESSFUL_POLL = 2;
export const HALT_POLL_INVALID = 3;
export const HALT_WAKEUP = 4;
export const HALT_POLL_SUCCESS_NS = 5;
export const HALT_POLL_FAIL_NS = 6;
export const HALT_WAIT_NS = 7;
export const HALT_STAT_COUNT = 8;
export const haltStats = new StaticArray<i64>(MAX_VCPUS * HALT_STAT_COUNT);

// Other per-vCPU counters. PLE_YIELD_*: yield_to attempts by
// kvm_vcpu_on_spin (KVM's directed_yield_* stats count only the PV
// sched-yield hypercall, so these are not reported under those names); the
// rest are x86 kvm_vcpu_stat fields under their kvm_stat names.
export const PLE_YIELD_ATTEMPTED = 0;
export const PLE_YIELD_SUCCESSFUL = 1;
export const STAT_EXITS = 2;
export const STAT_IRQ_EXITS = 3;
export const STAT_IRQ_WINDOW_EXITS = 4;
export const STAT_IRQ_INJECTIONS = 5;
export const STAT_HOST_STATE_RELOAD = 6;
export const KVM_STAT_COUNT = 7;
export const kvmStats = new StaticArray<i64>(MAX_VCPUS * KVM_STAT_COUNT);

// Time spent in exits that wrote each tracked MSR (exit to entry), per vCPU.
export const msrExitNs = new StaticArray<i64>(MAX_VCPUS * TRACKED_MSRS.length);

export function resetKvmStats(): void {
  exitCounts.fill(0);
  msrWrites.fill(0);
  haltStats.fill(0);
  kvmStats.fill(0);
  msrExitNs.fill(0);
}

/** An exit: the per-reason count and kvm_stat's exits / irq_exits / irq_window_exits. */
export function countExit(vcpu: i32, reason: i32): void {
  const i = vcpu * EXIT_REASON_SLOTS + reason;
  unchecked((exitCounts[i] = exitCounts[i] + 1));
  addKvmStat(vcpu, STAT_EXITS, 1);
  if (reason == EXIT_REASON_EXTERNAL_INTERRUPT) addKvmStat(vcpu, STAT_IRQ_EXITS, 1);
  else if (reason == EXIT_REASON_INTERRUPT_WINDOW) addKvmStat(vcpu, STAT_IRQ_WINDOW_EXITS, 1);
}

function msrSlot(msr: u32): i32 {
  for (let s = 0; s < TRACKED_MSRS.length; s++) if (unchecked(TRACKED_MSRS[s]) == msr) return s;
  return -1;
}

export function countMsrWrite(vcpu: i32, msr: u32): void {
  const s = msrSlot(msr);
  if (s < 0) return;
  const i = vcpu * TRACKED_MSRS.length + s;
  unchecked((msrWrites[i] = msrWrites[i] + 1));
}

/** Time of one exit that wrote `msr`, exit to entry. */
export function addMsrExitNs(vcpu: i32, msr: u32, ns: i64): void {
  const s = msrSlot(msr);
  if (s < 0) return;
  const i = vcpu * TRACKED_MSRS.length + s;
  unchecked((msrExitNs[i] = msrExitNs[i] + ns));
}

@inline export function addKvmStat(vcpu: i32, stat: i32, v: i64): void {
  const i = vcpu * KVM_STAT_COUNT + stat;
  unchecked((kvmStats[i] = kvmStats[i] + v));
}

@inline export function addHalt(vcpu: i32, stat: i32, v: i64): void {
  const i = vcpu * HALT_STAT_COUNT + stat;
  unchecked((haltStats[i] = haltStats[i] + v));
}
