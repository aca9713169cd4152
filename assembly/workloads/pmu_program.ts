// The guest program with known truth: a loop of 12 instructions — a load
// that hits L1, one that misses the last-level cache, a 64-bit divide and
// cheap ALU work — shown to the learner as a listing. Every instruction's
// events per iteration are exact, so a counter's true count for N
// iterations is known, and so is the distribution a sampler should find.
// Retirement: in order, up to four cheap instructions per cycle; a long
// instruction holds retirement until it completes (its gap below).
import { uniform } from '../sim/rng';
import * as C from '../hw/preset';
import { EVT_INSTRUCTIONS, EVT_CYCLES, EVT_LLC_MISSES, EVT_BRANCHES, EVT_BRANCH_MISSES, EVT_LLC_REFERENCES, EVT_REF_CYCLES } from '../hw/pmu';

export const LOOP_LENGTH = 12;
export const SLOT_LLC_MISS = 2;
export const SLOT_DIV = 6;
export const SLOT_BRANCH = 11;

/** Retirement gap of a cheap instruction: 4-wide retirement (model assumption, a 4-wide core). */
const FAST_GAP_CYCLES: f64 = 0.25;
/** imul's 3-cycle latency, mostly overlapped (model assumption). */
const IMUL_GAP_CYCLES: f64 = 1.0;
/** DIV r64 latency on Ice Lake and later, ~15–18 cycles (model assumption from public instruction tables). */
const DIV_GAP_CYCLES: f64 = 18.0;
/** A load that misses the LLC waits for DRAM: ~80 ns local (model assumption), ±15 % uniform from row hits and queueing. */
const MISS_LATENCY_NS: f64 = 80.0;
const MISS_SPREAD: f64 = 0.15;

/** Mean retirement gap (cycles) of slot s. */
export function meanGap(s: i32): f64 {
  if (s == SLOT_LLC_MISS) return (MISS_LATENCY_NS * C.CPU_MHZ) / 1000.0;
  if (s == SLOT_DIV) return DIV_GAP_CYCLES;
  if (s == 4) return IMUL_GAP_CYCLES;
  return FAST_GAP_CYCLES;
}

/** One retirement gap of slot s, drawn (only the miss varies). */
export function drawGap(s: i32): f64 {
  if (s == SLOT_LLC_MISS) return meanGap(s) * (1.0 - MISS_SPREAD + 2.0 * MISS_SPREAD * uniform());
  return meanGap(s);
}

/** Mean cycles of one iteration. */
export function iterationCycles(): f64 {
  let c: f64 = 0;
  for (let s = 0; s < LOOP_LENGTH; s++) c += meanGap(s);
  return c;
}

/** Events of kind `kind` slot s generates per iteration (cycles: its mean gap). */
export function slotEvents(s: i32, kind: i32): f64 {
  if (kind == EVT_INSTRUCTIONS) return 1;
  if (kind == EVT_CYCLES || kind == EVT_REF_CYCLES) return meanGap(s);
  if (kind == EVT_LLC_MISSES) return s == SLOT_LLC_MISS ? 1 : 0;
  if (kind == EVT_LLC_REFERENCES) return s == SLOT_LLC_MISS ? 1 : 0;
  if (kind == EVT_BRANCHES) return s == SLOT_BRANCH ? 1 : 0;
  return 0;
}

/**
 * True counts of `iterations` iterations for the integer-valued events; the
 * loop's branch mispredicts once, at its exit. Cycles are summed by the
 * caller from the drawn gaps.
 */
export function trueCount(kind: i32, iterations: i64): f64 {
  if (kind == EVT_BRANCH_MISSES) return iterations > 0 ? 1 : 0;
  let per: f64 = 0;
  for (let s = 0; s < LOOP_LENGTH; s++) per += slotEvents(s, kind);
  return per * <f64>iterations;
}
