// KVM's own statistics, per vCPU: exits by VMX reason, MSR writes that
// exited (the kvm_msr tracepoint), the generic halt counters and other
// kvm_vcpu_stat fields. Layouts are mirrored in web/sim/core.ts.
import { MAX_VCPUS } from '../sim/stats';
import { EXIT_REASON_SLOTS } from '../hw/exit_reason';
import { MSR_X2APIC_ICR, MSR_X2APIC_TMICT, MSR_IA32_TSC_DEADLINE, MSR_X2APIC_EOI, MSR_KVM_POLL_CONTROL } from '../hw/msr';

export const exitCounts = new StaticArray<i64>(MAX_VCPUS * EXIT_REASON_SLOTS);

export const TRACKED_MSRS: StaticArray<u32> = [MSR_X2APIC_ICR, MSR_X2APIC_TMICT, MSR_IA32_TSC_DEADLINE, MSR_X2APIC_EOI, MSR_KVM_POLL_CONTROL];
export const msrWrites = new StaticArray<i64>(MAX_VCPUS * 5);

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

// Other per-vCPU KVM stats (x86 kvm_vcpu_stat names).
export const DIRECTED_YIELD_ATTEMPTED = 0;
export const DIRECTED_YIELD_SUCCESSFUL = 1;
export const KVM_STAT_COUNT = 2;
export const kvmStats = new StaticArray<i64>(MAX_VCPUS * KVM_STAT_COUNT);

export function resetKvmStats(): void {
  exitCounts.fill(0);
  msrWrites.fill(0);
  haltStats.fill(0);
  kvmStats.fill(0);
}

@inline export function countExit(vcpu: i32, reason: i32): void {
  const i = vcpu * EXIT_REASON_SLOTS + reason;
  unchecked((exitCounts[i] = exitCounts[i] + 1));
}

export function countMsrWrite(vcpu: i32, msr: u32): void {
  for (let s = 0; s < TRACKED_MSRS.length; s++) {
    if (unchecked(TRACKED_MSRS[s]) == msr) {
      const i = vcpu * TRACKED_MSRS.length + s;
      unchecked((msrWrites[i] = msrWrites[i] + 1));
      return;
    }
  }
}

@inline export function addKvmStat(vcpu: i32, stat: i32, v: i64): void {
  const i = vcpu * KVM_STAT_COUNT + stat;
  unchecked((kvmStats[i] = kvmStats[i] + v));
}

@inline export function addHalt(vcpu: i32, stat: i32, v: i64): void {
  const i = vcpu * HALT_STAT_COUNT + stat;
  unchecked((haltStats[i] = haltStats[i] + v));
}
