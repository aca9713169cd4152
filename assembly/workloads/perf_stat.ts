// perf stat in the guest (or on bare metal): program `counters` events,
// enable them, run the measured region (the listing's loop), disable, read.
// Each step's exits are counted apart; each counter's value is compared with
// the region's true count: what it counted beyond it is perf's own code
// between the per-counter enables and disables (start skew), and in a VM
// the exits it saw. Counter timeline: when each started and stopped.
import { now } from '../sim/engine';
import { cyclesToNs } from '../hw/cost';
import * as ops from '../hw/ops';
import * as P from '../hw/pmu';
import { paramI64, P_COUNTERS, P_LOOP_ITERATIONS } from '../sim/params';
import {
  vpmuStat, addVs, setMarking, VS_PMU_EXITS, VS_PROGRAM_EXITS, VS_ENABLE_EXITS, VS_DISABLE_EXITS, VS_READ_EXITS, VS_REGION_NS,
  ctrRead, ctrTruth, ctrKind,
} from '../sim/pmu_stats';
import { vpmuCount } from '../kvm/pmu';
import { perfAssign, queueProgram, queueEnable, queueDisable, queueRead } from '../guest/perf';
import { LOOP_LENGTH, drawGap, trueCount } from './pmu_program';
import { finishScenario } from './registry';

/** The events perf stat is given, in order (`-e instructions,cycles,branches,...`), one GP counter each. */
const EVENT_ORDER: StaticArray<i32> = [
  P.EVT_INSTRUCTIONS, P.EVT_CYCLES, P.EVT_BRANCHES, P.EVT_BRANCH_MISSES, P.EVT_LLC_MISSES, P.EVT_LLC_REFERENCES, P.EVT_INSTRUCTIONS, P.EVT_CYCLES,
];

const CALL_PROGRAMMED = 1;
const CALL_ENABLED = 2;
const CALL_REGION_DONE = 3;
const CALL_DISABLED = 4;
const CALL_READ = 5;
/** The region runs in pieces of this many iterations (each a guest op, so host interrupts can land between). */
const CHUNK_ITERATIONS: i64 = 1000;

let n = 0;
let iterationsLeft: i64 = 0;
let totalIterations: i64 = 0;
let regionCycles: f64 = 0;
let regionStart: i64 = 0;
let exitsBefore: i64 = 0;
let started = false;

export function start(): void {
  const want = <i32>paramI64(P_COUNTERS);
  n = want < P.gpCount ? want : P.gpCount;
  totalIterations = paramI64(P_LOOP_ITERATIONS);
  iterationsLeft = totalIterations;
  regionCycles = 0;
  started = false;
  for (let idx = 0; idx < n; idx++) perfAssign(0, idx, unchecked(EVENT_ORDER[idx]), 0, false);
}

function exitsSince(): i64 {
  const e = vpmuStat[VS_PMU_EXITS] - exitsBefore;
  exitsBefore = vpmuStat[VS_PMU_EXITS];
  return e;
}

/** The next piece of the region: its instructions' time, then a continuation that counts them. */
function queueChunk(v: i32): void {
  const k = iterationsLeft < CHUNK_ITERATIONS ? iterationsLeft : CHUNK_ITERATIONS;
  iterationsLeft -= k;
  let cycles: f64 = 0;
  for (let it: i64 = 0; it < k; it++) for (let s = 0; s < LOOP_LENGTH; s++) cycles += drawGap(s);
  regionCycles += cycles;
  // arg2 = 1: the loop is cache-resident but for its designed miss, so no EPT or refill overhead is added.
  ops.pushBack(v, ops.OP_WORK, cyclesToNs(cycles), 1);
  ops.pushBack(v, ops.OP_CALL, CALL_REGION_DONE, <i32>k);
  chunkCycles = cycles;
}
let chunkCycles: f64 = 0;

export function call(v: i32, code: i32, arg: i32): void {
  if (code == 0) {
    if (started) return;
    started = true;
    exitsBefore = vpmuStat[VS_PMU_EXITS];
    setMarking(true);
    queueProgram(v);
    ops.pushBack(v, ops.OP_CALL, CALL_PROGRAMMED, 0);
  } else if (code == CALL_PROGRAMMED) {
    addVs(VS_PROGRAM_EXITS, exitsSince());
    queueEnable(v);
    ops.pushBack(v, ops.OP_CALL, CALL_ENABLED, 0);
  } else if (code == CALL_ENABLED) {
    addVs(VS_ENABLE_EXITS, exitsSince());
    regionStart = now;
    queueChunk(v);
  } else if (code == CALL_REGION_DONE) {
    const k = <i64>arg;
    vpmuCount(v, P.EVT_INSTRUCTIONS, <u64>trueCount(P.EVT_INSTRUCTIONS, k));
    vpmuCount(v, P.EVT_CYCLES, <u64>Math.round(chunkCycles));
    vpmuCount(v, P.EVT_BRANCHES, <u64>trueCount(P.EVT_BRANCHES, k));
    vpmuCount(v, P.EVT_LLC_MISSES, <u64>trueCount(P.EVT_LLC_MISSES, k));
    vpmuCount(v, P.EVT_LLC_REFERENCES, <u64>trueCount(P.EVT_LLC_REFERENCES, k));
    if (iterationsLeft > 0) {
      queueChunk(v);
      return;
    }
    vpmuCount(v, P.EVT_BRANCH_MISSES, 1); // the loop's exit
    addVs(VS_REGION_NS, now - regionStart);
    exitsBefore = vpmuStat[VS_PMU_EXITS];
    queueDisable(v);
    ops.pushBack(v, ops.OP_CALL, CALL_DISABLED, 0);
  } else if (code == CALL_DISABLED) {
    addVs(VS_DISABLE_EXITS, exitsSince());
    setMarking(false);
    queueRead(v);
    ops.pushBack(v, ops.OP_CALL, CALL_READ, 0);
  } else if (code == CALL_READ) {
    addVs(VS_READ_EXITS, exitsSince());
    for (let idx = 0; idx < n; idx++) {
      const kind = unchecked(EVENT_ORDER[idx]);
      unchecked((ctrKind[idx] = kind));
      unchecked((ctrRead[idx] = <f64>P.counterRead(v, idx)));
      unchecked((ctrTruth[idx] = kind == P.EVT_CYCLES ? Math.round(regionCycles) : trueCount(kind, totalIterations)));
    }
    finishScenario();
  }
}
