// Seeded pseudo-random numbers: SplitMix64 (Steele, Lea, Flood 2014). Integer
// arithmetic plus AssemblyScript's own Math (compiled into the module), so a
// seed gives the same stream in Node, every browser and the CLI.

let state: u64 = 0;

export function seedRng(seed: u64): void {
  state = seed ^ 0x5deece66d;
}

export function nextU64(): u64 {
  state += 0x9e3779b97f4a7c15;
  let z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Uniform in [0, 1). */
export function uniform(): f64 {
  return <f64>(nextU64() >> 11) * 1.1102230246251565e-16; // 2^-53
}


/** Exponential with the given mean. */
export function exponential(mean: f64): f64 {
  return -mean * Math.log(1.0 - uniform());
}

/** Pareto with scale xm and shape alpha (heavy tail), capped at `cap`. */
export function pareto(xm: f64, alpha: f64, cap: f64): f64 {
  const v = xm / Math.pow(1.0 - uniform(), 1.0 / alpha);
  return v < cap ? v : cap;
}
