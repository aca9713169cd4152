// The performance-monitoring unit as the architecture defines it: counters,
// their control registers, global control and overflow status, 48-bit wrap.
// One register file per vCPU (on bare metal: per CPU). Intel architectural
// perfmon (kvm-facts §6) and AMD's legacy/extended core counters with
// PerfMon V2's global registers (kvm-facts §9). MSR numbers are the SDM's /
// APM's, as kvm-facts lists them.
import { MAX_VCPUS } from '../sim/stats';

// --- MSRs (kvm-facts §6) ---------------------------------------------------------------
export const MSR_IA32_PMC0: u32 = 0xc1; // ..0xC8
export const MSR_IA32_PERFEVTSEL0: u32 = 0x186; // ..0x18D
export const MSR_IA32_FIXED_CTR0: u32 = 0x309; // ..0x30C
export const MSR_IA32_PERF_CAPABILITIES: u32 = 0x345;
export const MSR_IA32_FIXED_CTR_CTRL: u32 = 0x38d;
export const MSR_IA32_PERF_GLOBAL_STATUS: u32 = 0x38e;
export const MSR_IA32_PERF_GLOBAL_CTRL: u32 = 0x38f;
export const MSR_IA32_PERF_GLOBAL_OVF_CTRL: u32 = 0x390;
export const MSR_IA32_PEBS_ENABLE: u32 = 0x3f1;
export const MSR_IA32_DS_AREA: u32 = 0x600;
export const MSR_X2APIC_LVTPC: u32 = 0x834; // kvm-facts §6: the PMI's LVT entry
// --- AMD (kvm-facts §9) ---------------------------------------------------------------
export const MSR_K7_EVNTSEL0: u32 = 0xc0010000; // ..3, legacy
export const MSR_K7_PERFCTR0: u32 = 0xc0010004; // ..7, legacy
export const MSR_F15H_PERF_CTL0: u32 = 0xc0010200; // PERF_CTL n = +2n (PerfCtrExtCore)
export const MSR_F15H_PERF_CTR0: u32 = 0xc0010201; // PERF_CTR n = +2n
export const MSR_AMD64_PERF_CNTR_GLOBAL_STATUS: u32 = 0xc0000300;
export const MSR_AMD64_PERF_CNTR_GLOBAL_CTL: u32 = 0xc0000301;
export const MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR: u32 = 0xc0000302;

// --- PERFEVTSEL bits (kvm-facts §6; AMD's PERF_CTL has the same low bits) ---------------
export const EVTSEL_USR: u64 = 1 << 16;
export const EVTSEL_OS: u64 = 1 << 17;
export const EVTSEL_INT: u64 = 1 << 20;
export const EVTSEL_EN: u64 = 1 << 22;
/** FIXED_CTR_CTRL: 4 bits per fixed counter, bit0 OS, bit1 USR, bit3 PMI (kvm-facts §6). */
export const FIXED_OS: u64 = 1;
export const FIXED_USR: u64 = 2;
export const FIXED_PMI: u64 = 8;
/** GLOBAL_STATUS bit 62: the DS/PEBS buffer passed its threshold (kvm-facts §6). */
export const GLOBAL_STATUS_BUFFER_OVF: u64 = (<u64>1) << 62;

/** Counter width: 48 bits (kvm-facts §6 "typical"; §9 KVM's AMD model). */
export const COUNTER_BITS = 48;
export const COUNTER_MASK: u64 = ((<u64>1) << COUNTER_BITS) - 1;

// --- Which PMU the guest (or the bare-metal OS) sees ---------------------------------
export const PMU_INTEL = 0; // architectural perfmon v2+: PERF_GLOBAL_CTRL
export const PMU_INTEL_V1 = 1; // CPUID.0AH version 1: no global control, one EN bit per counter
export const PMU_AMD_V1 = 2; // PERF_CTL/PERF_CTR pairs, no global registers
export const PMU_AMD_V2 = 3; // PerfMon V2: PerfCntrGlobalCtl / Status / StatusClr

// Counter indices: GP counters 0..7, fixed counters at FIXED_BASE + n, as
// KVM and perf index them (the fixed ones' GLOBAL_CTRL bits are 32 + n).
export const MAX_GP = 8;
export const MAX_FIXED = 4;
export const FIXED_BASE = 8;
export const MAX_COUNTERS = MAX_GP + MAX_FIXED;

// --- Events the model's programs generate (a kind each) ---------------------------------
export const EVT_NONE = 0;
export const EVT_INSTRUCTIONS = 1;
export const EVT_CYCLES = 2;
export const EVT_LLC_MISSES = 3;
export const EVT_BRANCHES = 4;
export const EVT_BRANCH_MISSES = 5;
export const EVT_LLC_REFERENCES = 6;
export const EVT_REF_CYCLES = 7;
export const EVT_KINDS = 8;

/** event | umask << 8 of each kind on Intel (kvm-facts §6, perf's generic map). */
export function intelEncoding(kind: i32): u32 {
  switch (kind) {
    case EVT_INSTRUCTIONS: return 0x00c0;
    case EVT_CYCLES: return 0x003c;
    case EVT_LLC_MISSES: return 0x412e;
    case EVT_BRANCHES: return 0x00c4;
    case EVT_BRANCH_MISSES: return 0x00c5;
    case EVT_LLC_REFERENCES: return 0x4f2e;
    case EVT_REF_CYCLES: return 0x013c; // bus cycles' encoding stands in on a GP counter
    default: return 0;
  }
}

/**
 * AMD's encodings (arch/x86/events/amd/core.c amd_perfmon_event_map, Zen):
 * cycles 0x76, instructions 0xc0, branches 0xc2, branch misses 0xc3,
 * cache misses 0x0964 (L2 from L3/memory on Zen; modelling the LLC miss).
 */
export function amdEncoding(kind: i32): u32 {
  switch (kind) {
    case EVT_INSTRUCTIONS: return 0x00c0;
    case EVT_CYCLES: return 0x0076;
    case EVT_LLC_MISSES: return 0x0964;
    case EVT_BRANCHES: return 0x00c2;
    case EVT_BRANCH_MISSES: return 0x00c3;
    case EVT_LLC_REFERENCES: return 0xff60;
    case EVT_REF_CYCLES: return 0x0176;
    default: return 0;
  }
}

export function isAmd(kind: i32): bool {
  return kind == PMU_AMD_V1 || kind == PMU_AMD_V2;
}

export function hasGlobalCtrl(kind: i32): bool {
  return kind == PMU_INTEL || kind == PMU_AMD_V2;
}

/** The event kind of a raw event|umask<<8 for this PMU, EVT_NONE if the model has no such event. */
export function eventKind(pmu: i32, raw: u32): i32 {
  for (let k = 1; k < EVT_KINDS; k++) {
    if ((isAmd(pmu) ? amdEncoding(k) : intelEncoding(k)) == raw) return k;
  }
  return EVT_NONE;
}

/** Fixed counter n counts INST_RETIRED.ANY, CPU_CLK_UNHALTED.CORE, .REF (kvm-facts §6). */
export function fixedKind(n: i32): i32 {
  return n == 0 ? EVT_INSTRUCTIONS : n == 1 ? EVT_CYCLES : n == 2 ? EVT_REF_CYCLES : EVT_NONE;
}

// --- The register file, per vCPU ----------------------------------------------------------
export let pmuKind = PMU_INTEL;
export let gpCount = 0;
export let fixedCount = 0;

const N = MAX_VCPUS * MAX_COUNTERS;
/** PERFEVTSELx / PERF_CTLx for GP counters; the counter's 4-bit FIXED_CTR_CTRL field for fixed ones. */
export const ctl = new StaticArray<u64>(N);
export const count = new StaticArray<u64>(N);
export const globalCtrl = new StaticArray<u64>(MAX_VCPUS);
export const globalStatus = new StaticArray<u64>(MAX_VCPUS);
export const pebsEnable = new StaticArray<u64>(MAX_VCPUS);

export function pmuReset(kind: i32, gp: i32, fixed: i32): void {
  pmuKind = kind;
  gpCount = gp < MAX_GP ? gp : MAX_GP;
  fixedCount = isAmd(kind) ? 0 : fixed < MAX_FIXED ? fixed : MAX_FIXED;
  ctl.fill(0);
  count.fill(0);
  // At reset Intel's GLOBAL_CTRL enables every GP counter (SDM; KVM sets the same at refresh, kvm-facts §9).
  let g: u64 = 0;
  if (hasGlobalCtrl(kind)) for (let i = 0; i < gpCount; i++) g |= (<u64>1) << <u64>i;
  globalCtrl.fill(g);
  globalStatus.fill(0);
  pebsEnable.fill(0);
}

/** Bit of counter idx in GLOBAL_CTRL / GLOBAL_STATUS: n for GP, 32 + n for fixed. */
@inline export function globalBit(idx: i32): u64 {
  return idx < FIXED_BASE ? (<u64>1) << <u64>idx : (<u64>1) << <u64>(32 + idx - FIXED_BASE);
}

/** Every implemented counter's global bit. */
export function allCountersMask(): u64 {
  let m: u64 = 0;
  for (let i = 0; i < gpCount; i++) m |= globalBit(i);
  for (let n = 0; n < fixedCount; n++) m |= globalBit(FIXED_BASE + n);
  return m;
}

@inline export function ctlOf(v: i32, idx: i32): u64 {
  return unchecked(ctl[v * MAX_COUNTERS + idx]);
}

/** The counter's own enable: EN in its select, or OS|USR in its fixed field. */
export function locallyEnabled(v: i32, idx: i32): bool {
  const c = ctlOf(v, idx);
  return idx < FIXED_BASE ? (c & EVTSEL_EN) != 0 : (c & (FIXED_OS | FIXED_USR)) != 0;
}

/** Architecturally counting: its own enable AND-ed with the global one where the PMU has it. */
export function archEnabled(v: i32, idx: i32): bool {
  if (!locallyEnabled(v, idx)) return false;
  if (!hasGlobalCtrl(pmuKind)) return true;
  return (unchecked(globalCtrl[v]) & globalBit(idx)) != 0;
}

/** What the counter counts. */
export function counterKind(v: i32, idx: i32): i32 {
  if (idx >= FIXED_BASE) return fixedKind(idx - FIXED_BASE);
  return eventKind(pmuKind, <u32>(ctlOf(v, idx) & 0xffff));
}

/** Interrupt on overflow requested (INT, or the fixed field's PMI bit). */
export function pmiEnabled(v: i32, idx: i32): bool {
  const c = ctlOf(v, idx);
  return idx < FIXED_BASE ? (c & EVTSEL_INT) != 0 : (c & FIXED_PMI) != 0;
}

/** Add n events to a counter; true when it wrapped past 2^48 (its GLOBAL_STATUS bit is set). */
export function counterAdd(v: i32, idx: i32, n: u64): bool {
  const i = v * MAX_COUNTERS + idx;
  const before = unchecked(count[i]);
  const after = (before + n) & COUNTER_MASK;
  unchecked((count[i] = after));
  if (after < before || n > COUNTER_MASK) {
    unchecked((globalStatus[v] = globalStatus[v] | globalBit(idx)));
    return true;
  }
  return false;
}

/** A counter write (a PMC, an A_PMC or PERF_CTR): the low 48 bits. */
export function counterWrite(v: i32, idx: i32, value: u64): void {
  unchecked((count[v * MAX_COUNTERS + idx] = value & COUNTER_MASK));
}

@inline export function counterRead(v: i32, idx: i32): u64 {
  return unchecked(count[v * MAX_COUNTERS + idx]);
}

/** Events left before the counter wraps (a sampling counter is written with -period). */
export function eventsToOverflow(v: i32, idx: i32): u64 {
  return (COUNTER_MASK + 1) - counterRead(v, idx);
}

// --- MSR decoding -----------------------------------------------------------------------
export const REG_NONE = 0;
export const REG_SELECT = 1; // PERFEVTSEL / PERF_CTL / EVNTSEL: idx
export const REG_COUNTER = 2; // PMC / PERF_CTR / PERFCTR / FIXED_CTR: idx
export const REG_FIXED_CTRL = 3;
export const REG_GLOBAL_CTRL = 4;
export const REG_GLOBAL_STATUS = 5;
export const REG_GLOBAL_OVF_CTRL = 6; // Intel OVF_CTRL, AMD StatusClr: write 1 to clear
export const REG_PEBS_ENABLE = 7;
export const REG_DS_AREA = 8;
/** Set by decodeMsr: the counter index of a select or counter register. */
export let decodedIdx = -1;

export function decodeMsr(msr: u32): i32 {
  decodedIdx = -1;
  if (isAmd(pmuKind)) {
    if (msr >= MSR_F15H_PERF_CTL0 && msr < MSR_F15H_PERF_CTL0 + 12) {
      decodedIdx = <i32>((msr - MSR_F15H_PERF_CTL0) >> 1);
      return (msr - MSR_F15H_PERF_CTL0) & 1 ? REG_COUNTER : REG_SELECT;
    }
    if (msr >= MSR_K7_EVNTSEL0 && msr < MSR_K7_EVNTSEL0 + 4) {
      decodedIdx = <i32>(msr - MSR_K7_EVNTSEL0);
      return REG_SELECT;
    }
    if (msr >= MSR_K7_PERFCTR0 && msr < MSR_K7_PERFCTR0 + 4) {
      decodedIdx = <i32>(msr - MSR_K7_PERFCTR0);
      return REG_COUNTER;
    }
    if (pmuKind == PMU_AMD_V2) {
      // kvm-facts §9: the global MSRs are valid only for version > 1.
      if (msr == MSR_AMD64_PERF_CNTR_GLOBAL_CTL) return REG_GLOBAL_CTRL;
      if (msr == MSR_AMD64_PERF_CNTR_GLOBAL_STATUS) return REG_GLOBAL_STATUS;
      if (msr == MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR) return REG_GLOBAL_OVF_CTRL;
    }
    return REG_NONE;
  }
  if (msr >= MSR_IA32_PERFEVTSEL0 && msr < MSR_IA32_PERFEVTSEL0 + MAX_GP) {
    decodedIdx = <i32>(msr - MSR_IA32_PERFEVTSEL0);
    return REG_SELECT;
  }
  if (msr >= MSR_IA32_PMC0 && msr < MSR_IA32_PMC0 + MAX_GP) {
    decodedIdx = <i32>(msr - MSR_IA32_PMC0);
    return REG_COUNTER;
  }
  if (msr >= MSR_IA32_FIXED_CTR0 && msr < MSR_IA32_FIXED_CTR0 + MAX_FIXED) {
    decodedIdx = FIXED_BASE + <i32>(msr - MSR_IA32_FIXED_CTR0);
    return REG_COUNTER;
  }
  if (msr == MSR_IA32_FIXED_CTR_CTRL) return REG_FIXED_CTRL;
  if (pmuKind == PMU_INTEL) {
    if (msr == MSR_IA32_PERF_GLOBAL_CTRL) return REG_GLOBAL_CTRL;
    if (msr == MSR_IA32_PERF_GLOBAL_STATUS) return REG_GLOBAL_STATUS;
    if (msr == MSR_IA32_PERF_GLOBAL_OVF_CTRL) return REG_GLOBAL_OVF_CTRL;
    if (msr == MSR_IA32_PEBS_ENABLE) return REG_PEBS_ENABLE;
    if (msr == MSR_IA32_DS_AREA) return REG_DS_AREA;
  }
  return REG_NONE;
}

/** The MSR of counter idx's select (GP) or of FIXED_CTR_CTRL (fixed). */
export function selectMsr(idx: i32): u32 {
  if (idx >= FIXED_BASE) return MSR_IA32_FIXED_CTR_CTRL;
  return isAmd(pmuKind) ? MSR_F15H_PERF_CTL0 + 2 * <u32>idx : MSR_IA32_PERFEVTSEL0 + <u32>idx;
}

/** The MSR of counter idx's count. */
export function counterMsr(idx: i32): u32 {
  if (idx >= FIXED_BASE) return MSR_IA32_FIXED_CTR0 + <u32>(idx - FIXED_BASE);
  return isAmd(pmuKind) ? MSR_F15H_PERF_CTR0 + 2 * <u32>idx : MSR_IA32_PMC0 + <u32>idx;
}

export function globalCtrlMsr(): u32 {
  return isAmd(pmuKind) ? MSR_AMD64_PERF_CNTR_GLOBAL_CTL : MSR_IA32_PERF_GLOBAL_CTRL;
}
export function globalStatusMsr(): u32 {
  return isAmd(pmuKind) ? MSR_AMD64_PERF_CNTR_GLOBAL_STATUS : MSR_IA32_PERF_GLOBAL_STATUS;
}
export function globalAckMsr(): u32 {
  return isAmd(pmuKind) ? MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR : MSR_IA32_PERF_GLOBAL_OVF_CTRL;
}

/**
 * The architectural effect of a write to a PMU register (what the hardware,
 * or KVM's emulation of it, stores). Returns the decoded register kind.
 */
export function pmuWrite(v: i32, msr: u32, value: u64): i32 {
  const reg = decodeMsr(msr);
  const idx = decodedIdx;
  if (reg == REG_SELECT) unchecked((ctl[v * MAX_COUNTERS + idx] = value));
  else if (reg == REG_COUNTER) counterWrite(v, idx, value);
  else if (reg == REG_FIXED_CTRL) {
    for (let n = 0; n < fixedCount; n++) unchecked((ctl[v * MAX_COUNTERS + FIXED_BASE + n] = (value >> <u64>(4 * n)) & 0xf));
  } else if (reg == REG_GLOBAL_CTRL) unchecked((globalCtrl[v] = value));
  else if (reg == REG_GLOBAL_OVF_CTRL) unchecked((globalStatus[v] = globalStatus[v] & ~value));
  else if (reg == REG_PEBS_ENABLE) unchecked((pebsEnable[v] = value));
  return reg;
}

/** FIXED_CTR_CTRL's current value, assembled from the per-counter fields. */
export function fixedCtrlValue(v: i32): u64 {
  let x: u64 = 0;
  for (let n = 0; n < fixedCount; n++) x |= ctlOf(v, FIXED_BASE + n) << <u64>(4 * n);
  return x;
}
