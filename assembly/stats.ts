// Everything a run reports, in flat StaticArrays the host reads as typed-array
// views over linear memory: exit counts, MSR writes, KVM's halt stats, pCPU
// time accounting and per-iteration samples. Layouts are mirrored in
// web/sim/decode.ts.
import { EXIT_REASON_SLOTS } from './exit_reason';

export const MAX_VCPUS = 8;
export const MAX_PCPUS = 8;

export const exitCounts = new StaticArray<i64>(MAX_VCPUS * EXIT_REASON_SLOTS);

// MSRs whose write exits are counted (the kvm_msr tracepoint), by slot.
export const MSR_X2APIC_ICR: u32 = 0x830; // kvm-facts §4.1
export const MSR_X2APIC_EOI: u32 = 0x80b; // kvm-facts §4.1
export const MSR_X2APIC_TMICT: u32 = 0x838; // kvm-facts §4.1
export const MSR_IA32_TSC_DEADLINE: u32 = 0x6e0; // kvm-facts §4.1
export const MSR_KVM_POLL_CONTROL: u32 = 0x4b564d05; // kvm-facts §1.2, §2.1
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

// Scenario counters: meaning per scenario, named in web/sim/metrics.
export const COUNTER_SLOTS = 16;
export const counters = new StaticArray<i64>(COUNTER_SLOTS);

// Samples: one row per measured event (a wake-up, a transaction, a lock
// acquisition); the columns' meaning is the scenario's (web/sim/metrics).
export const MAX_SAMPLES = 200000;
export const SAMPLE_STRIDE = 7;
export const samples = new StaticArray<i32>(MAX_SAMPLES * SAMPLE_STRIDE);
export let sampleCount: i32 = 0;

export function resetStats(): void {
  exitCounts.fill(0);
  msrWrites.fill(0);
  haltStats.fill(0);
  kvmStats.fill(0);
  counters.fill(0);
  sampleCount = 0;
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

@inline export function addCounter(slot: i32, v: i64): void {
  unchecked((counters[slot] = counters[slot] + v));
}

@inline export function addHalt(vcpu: i32, stat: i32, v: i64): void {
  const i = vcpu * HALT_STAT_COUNT + stat;
  unchecked((haltStats[i] = haltStats[i] + v));
}

/** Record one sample row; returns false when the sample store is full. */
export function recordSample(total: i32, s1: i32, s2: i32, s3: i32, s4: i32, s5: i32, window_ns: i32): bool {
  if (sampleCount >= MAX_SAMPLES) return false;
  const b = sampleCount * SAMPLE_STRIDE;
  unchecked((samples[b] = total));
  unchecked((samples[b + 1] = s1));
  unchecked((samples[b + 2] = s2));
  unchecked((samples[b + 3] = s3));
  unchecked((samples[b + 4] = s4));
  unchecked((samples[b + 5] = s5));
  unchecked((samples[b + 6] = window_ns));
  sampleCount++;
  return true;
}
