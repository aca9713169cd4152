// perf record in the guest (or on bare metal): one counter sampling the
// listing's loop every `period` events, `samples` times. Where each sample
// lands is the hardware's doing, by precise level (kvm-facts §8):
// - precise=0: the PMI is an interrupt; it becomes pending some cycles after
//   the overflow and is taken when the next instruction retires, so the
//   sampled IP is the one after whatever retired then: samples pile up
//   behind long-latency instructions. In a VM the host's NMI stops the guest
//   at that same instruction boundary and KVM injects the PMI at the very
//   next entry, with the RIP where the guest was interrupted (kvm-facts
//   §7.1 step 4): no extra skid in instructions, only later in time.
// - precise=1..2: PEBS arms after the overflow and records the next
//   instruction of the event that retires once armed ("shadow"); the record
//   holds the IP after it (precise=1), which the kernel rewinds by one
//   (precise=2, intel_pmu_pebs_fixup_ip).
// - precise=3: PDIR on fixed 0 (instructions) and PDist on GP 0 (other
//   events): the overflowing instruction itself.
// Guest PEBS needs KVM's support, and is off for a counter host perf placed
// on another index (cross-mapping): then the samples are precise=0's.
import { now, schedule } from '../sim/engine';
import { EV_PMI } from '../sim/events';
import { traceMeasureStart } from '../sim/trace';
import { uniform } from '../sim/rng';
import { cyclesToNs } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import * as P from '../hw/pmu';
import { paramI64, param, P_PRECISE, P_PERIOD, P_EVENT, P_SAMPLES } from '../sim/params';
import { addVs, setMarking, sampleHist, truthHist, VS_PRECISE_EFFECTIVE, VS_SAMPLES } from '../sim/pmu_stats';
import { vpmuCount, guestPebsWorks, isCounting } from '../kvm/pmu';
import { perfAssign, queueProgram, queueEnable, perfOverflowAt } from '../guest/perf';
import { LOOP_LENGTH, drawGap, slotEvents, iterationCycles } from './pmu_program';
import { finishScenario } from './registry';

/** Cycles from a counter overflow to the PMI being pending at the core: LVT delivery and recognition (model assumption: 30–90 cycles, uniform). */
const PMI_PENDING_MIN_CYCLES: f64 = 30.0;
const PMI_PENDING_MAX_CYCLES: f64 = 90.0;
/** Cycles from overflow until the PEBS assist is armed (model assumption: a few cycles; what shadows the instructions right after). */
const PEBS_ARM_MIN_CYCLES: f64 = 1.0;
const PEBS_ARM_MAX_CYCLES: f64 = 6.0;

const CALL_ARMED = 1;
const CALL_OVERFLOW = 2;
const CALL_NEXT = 3;

let kind = P.EVT_INSTRUCTIONS;
let counterIdx = 0;
let samplePeriod: u64 = 0;
let samplesLeft: i64 = 0;
let precise = 0;
/** Physics used: 0 interrupt skid, 1 PEBS + off-by-one, 2 PEBS rewound, 3 PDIR/PDist. */
let physics = 0;
// Where the loop is: the next instruction to retire and cycles already spent waiting on it.
let slot = 0;
let carry: f64 = 0;
let pendingSlot = -1;
let started = false;

function pickCounter(): i32 {
  if (P.isAmd(P.pmuKind) || P.fixedCount == 0) return 0;
  if (kind == P.EVT_CYCLES) return 0; // perf puts a precise cycles event on GP 0 (PDist's counter on spr)
  if (precise == 3 && C.PMU_PDIR_PMC1 && !C.PMU_PDIR_FIXED0) return 1; // Sandy Bridge PDIR: INST_RETIRED.ALL on PMC1
  if (precise > 0 && !C.PMU_PDIR_FIXED0) return 0; // PEBS before Ice Lake: GP counters only
  return P.FIXED_BASE; // INST_RETIRED.ANY on fixed 0
}

/** The precise level the hardware and KVM can give this counter (perf falls back to the best it has). */
function effectivePrecise(): i32 {
  if (precise == 0 || P.isAmd(P.pmuKind) || P.pmuKind == P.PMU_INTEL_V1) return 0;
  if (!C.PMU_PEBS) return 0;
  let p = precise;
  if (p == 3) {
    const ok = kind == P.EVT_INSTRUCTIONS
      ? (counterIdx == P.FIXED_BASE && C.PMU_PDIR_FIXED0) || (counterIdx == 1 && C.PMU_PDIR_PMC1)
      : counterIdx == 0 && C.PMU_PDIST_GP0;
    if (!ok) p = 2;
  }
  return p;
}

export function start(): void {
  kind = param(P_EVENT) == 0 ? P.EVT_INSTRUCTIONS : P.EVT_CYCLES;
  precise = <i32>param(P_PRECISE);
  samplePeriod = <u64>paramI64(P_PERIOD);
  samplesLeft = paramI64(P_SAMPLES);
  slot = 0;
  carry = 0;
  pendingSlot = -1;
  started = false;
  counterIdx = pickCounter();
  const eff = effectivePrecise();
  // No PMU (vpmu=off): perf record has no hardware event to open; nothing is sampled.
  if (P.gpCount + P.fixedCount > 0) perfAssign(0, counterIdx, kind, samplePeriod, eff > 0);
  else samplesLeft = 0;
  for (let s = 0; s < LOOP_LENGTH; s++) unchecked((truthHist[s] = slotEvents(s, kind)));
}

/** Advance the loop to the next overflow and then to where the sample lands; returns the cycles that took. */
function advance(): f64 {
  let cycles: f64 = 0;
  let overflowSlot = 0;
  if (kind == P.EVT_INSTRUCTIONS) {
    // The period-th instruction from here overflows: whole iterations at their mean, the rest drawn.
    const full = <i64>(samplePeriod / <u64>LOOP_LENGTH);
    const rest = <i32>(samplePeriod % <u64>LOOP_LENGTH);
    cycles += <f64>full * iterationCycles() - carry;
    carry = 0;
    for (let k = 0; k < rest; k++) {
      cycles += drawGap(slot);
      overflowSlot = slot;
      slot = (slot + 1) % LOOP_LENGTH;
    }
    if (rest == 0) overflowSlot = (slot + LOOP_LENGTH - 1) % LOOP_LENGTH;
  } else {
    // Cycles: whole iterations at their mean, then wait instruction by instruction until the counter wraps.
    let left = <f64>samplePeriod;
    const iter = iterationCycles();
    const full = Math.floor(left / iter) - 1;
    if (full > 0) {
      left -= full * iter;
      cycles += full * iter;
    }
    while (true) {
      const g = drawGap(slot) - carry;
      if (g > left) {
        carry += left;
        cycles += left;
        overflowSlot = slot; // the instruction being waited on when the counter wrapped
        break;
      }
      left -= g;
      cycles += g;
      carry = 0;
      slot = (slot + 1) % LOOP_LENGTH;
    }
  }
  // Where the sample lands.
  if (physics == 3) {
    pendingSlot = overflowSlot;
    return cycles;
  }
  // From the overflow, wait `delay` cycles; the first instruction retiring after that is j.
  const delay = physics == 0
    ? PMI_PENDING_MIN_CYCLES + (PMI_PENDING_MAX_CYCLES - PMI_PENDING_MIN_CYCLES) * uniform()
    : PEBS_ARM_MIN_CYCLES + (PEBS_ARM_MAX_CYCLES - PEBS_ARM_MIN_CYCLES) * uniform();
  let waited: f64 = 0;
  let j = slot;
  if (kind == P.EVT_INSTRUCTIONS) {
    // The overflowing instruction just retired; the next ones follow.
    while (true) {
      const g = drawGap(slot);
      waited += g;
      j = slot;
      slot = (slot + 1) % LOOP_LENGTH;
      if (waited >= delay) break;
    }
  } else {
    // Mid-gap of the instruction being waited on: it retires first.
    while (true) {
      const g = drawGap(slot) - carry;
      carry = 0;
      waited += g;
      j = slot;
      slot = (slot + 1) % LOOP_LENGTH;
      if (waited >= delay) break;
    }
  }
  cycles += waited;
  // precise=0: the interrupt is taken after j retires (IP = j + 1); PEBS records j, IP j + 1 (precise=1) or rewound to j (precise=2).
  pendingSlot = physics == 2 ? j : (j + 1) % LOOP_LENGTH;
  return cycles;
}

function queueInterval(v: i32): void {
  const cycles = advance();
  ops.pushBack(v, ops.OP_WORK, cyclesToNs(cycles), 1);
  ops.pushBack(v, ops.OP_CALL, CALL_OVERFLOW, 0);
}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    if (started) return;
    started = true;
    queueProgram(v);
    queueEnable(v);
    ops.pushBack(v, ops.OP_CALL, CALL_ARMED, 0);
  } else if (code == CALL_ARMED) {
    let eff = effectivePrecise();
    if (eff > 0 && cfg.virtOn && !guestPebsWorks(v, counterIdx)) eff = 0; // no guest PEBS, or cross-mapped
    physics = eff;
    addVs(VS_PRECISE_EFFECTIVE, eff);
    setMarking(false);
    traceMeasureStart(); // armed: sampling begins
    if (samplesLeft <= 0) {
      finishScenario();
      return;
    }
    queueInterval(v);
  } else if (code == CALL_OVERFLOW) {
    // The counter counted a period's events; it wraps and raises its status bit.
    const ovf = vpmuCount(v, kind, samplePeriod);
    samplesLeft--;
    if (ovf != 0 && isCounting(v, counterIdx)) {
      addVs(VS_SAMPLES, 1);
      if (pendingSlot >= 0) unchecked((sampleHist[pendingSlot] = sampleHist[pendingSlot] + 1));
      perfOverflowAt(v, now);
      // After the last sample, one more instruction lets its PMI be taken before the run ends.
      if (samplesLeft <= 0) ops.pushBack(v, ops.OP_WORK, 1, 1);
      ops.pushBack(v, ops.OP_CALL, CALL_NEXT, 0);
      schedule(now, EV_PMI, v, 0); // the counter's overflow signal reaches the APIC (skid is in the interval already)
      return;
    }
    next(v);
  } else if (code == CALL_NEXT) {
    next(v);
  }
}

function next(v: i32): void {
  if (samplesLeft <= 0) {
    finishScenario();
    return;
  }
  queueInterval(v);
}
