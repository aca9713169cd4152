// Generic run results, in flat StaticArrays the host reads as typed-array
// views over linear memory: the scenario's counters and its per-event sample
// rows. Layouts are mirrored in web/sim/core.ts.

export const MAX_VCPUS = 8;
export const MAX_PCPUS = 8;

// Scenario counters: meaning per scenario, named in web/sim/metrics.
export const COUNTER_SLOTS = 16;
export const counters = new StaticArray<i64>(COUNTER_SLOTS);

@inline export function addCounter(slot: i32, v: i64): void {
  unchecked((counters[slot] = counters[slot] + v));
}

// Samples: one row per measured event (a wake-up, a transaction, a lock
// acquisition); the columns' meaning is the scenario's (web/sim/metrics).
// Up to MAX_SAMPLES rows are kept; past that the store is a uniform random
// reservoir of every row seen (Vitter's algorithm R, with its own random
// stream so it never disturbs the model's), while each column's minimum,
// maximum and sum cover every row.
export const MAX_SAMPLES = 200000;
export const SAMPLE_STRIDE = 10;
export const samples = new StaticArray<i32>(MAX_SAMPLES * SAMPLE_STRIDE);
export let sampleCount: i32 = 0;
export let samplesSeen: i64 = 0;
export const columnMin = new StaticArray<f64>(SAMPLE_STRIDE);
export const columnMax = new StaticArray<f64>(SAMPLE_STRIDE);
export const columnSum = new StaticArray<f64>(SAMPLE_STRIDE);
let reservoirState: u64 = 0;
/** The row being filled; commitSample() records it. */
export const sampleRow = new StaticArray<i32>(SAMPLE_STRIDE);

export function resetStats(seed: u32): void {
  counters.fill(0);
  sampleCount = 0;
  samplesSeen = 0;
  columnMin.fill(Infinity);
  columnMax.fill(-Infinity);
  columnSum.fill(0);
  reservoirState = (<u64>seed) ^ 0x2545f4914f6cdd1d;
}

/** SplitMix64 step of the reservoir's own stream. */
function reservoirNext(): u64 {
  reservoirState += 0x9e3779b97f4a7c15;
  let z = reservoirState;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Record a sample row of the first seven columns (the rest zero). */
export function recordSample(total: i32, s1: i32, s2: i32, s3: i32, s4: i32, s5: i32, s6: i32): void {
  sampleRow.fill(0);
  unchecked((sampleRow[0] = total));
  unchecked((sampleRow[1] = s1));
  unchecked((sampleRow[2] = s2));
  unchecked((sampleRow[3] = s3));
  unchecked((sampleRow[4] = s4));
  unchecked((sampleRow[5] = s5));
  unchecked((sampleRow[6] = s6));
  commitSample();
}

/** Record sampleRow: the exact column statistics always, the row itself while it fits or the reservoir takes it. */
export function commitSample(): void {
  for (let c = 0; c < SAMPLE_STRIDE; c++) {
    const x = <f64>unchecked(sampleRow[c]);
    if (x < unchecked(columnMin[c])) unchecked((columnMin[c] = x));
    if (x > unchecked(columnMax[c])) unchecked((columnMax[c] = x));
    unchecked((columnSum[c] = columnSum[c] + x));
  }
  samplesSeen++;
  let slot: i64 = sampleCount;
  if (sampleCount < MAX_SAMPLES) {
    sampleCount++;
  } else {
    slot = <i64>(reservoirNext() % <u64>samplesSeen);
    if (slot >= MAX_SAMPLES) return;
  }
  const b = <i32>slot * SAMPLE_STRIDE;
  for (let c = 0; c < SAMPLE_STRIDE; c++) unchecked((samples[b + c] = sampleRow[c]));
}
