// Generic run results, in flat StaticArrays the host reads as typed-array
// views over linear memory: the scenario's counters and its per-event sample
// rows. Layouts are mirrored in web/sim/core.ts.

export const MAX_VCPUS = 8;
export const MAX_PCPUS = 8;

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
  counters.fill(0);
  sampleCount = 0;
}

@inline export function addCounter(slot: i32, v: i64): void {
  unchecked((counters[slot] = counters[slot] + v));
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
