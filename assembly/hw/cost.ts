// Drawing costs: cycles -> nanoseconds with the preset's clock, log-normal
// jitter, and host interrupts that land on host kernel code while it runs.
// Jitter comes from precomputed quantile tables of exp(sigma * z): one random
// index per draw instead of log/cos/exp, the hottest work of a run otherwise.
import { CPU_MHZ, JITTER_SIGMA, BARE_JITTER_SIGMA, HOST_IRQ_RATE_HZ, HOST_IRQ_XM_CYCLES, HOST_IRQ_ALPHA, HOST_IRQ_CAP_CYCLES } from './preset';
import { nextU64, uniform, pareto } from '../sim/rng';

const TABLE_BITS: u64 = 12;
const TABLE_SIZE = 1 << <i32>TABLE_BITS;
const hostTable = new StaticArray<f64>(TABLE_SIZE);
const bareTable = new StaticArray<f64>(TABLE_SIZE);

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function probit(p: f64): f64 {
  const a1 = -39.69683028665376, a2 = 220.9460984245205, a3 = -275.9285104469687;
  const a4 = 138.357751867269, a5 = -30.66479806614716, a6 = 2.506628277459239;
  const b1 = -54.47609879822406, b2 = 161.5858368580409, b3 = -155.6989798598866;
  const b4 = 66.80131188771972, b5 = -13.28068155288572;
  const c1 = -0.007784894002430293, c2 = -0.3223964580411365, c3 = -2.400758277161838;
  const c4 = -2.549732539343734, c5 = 4.374664141464968, c6 = 2.938163982698783;
  const d1 = 0.007784695709041462, d2 = 0.3224671290700398, d3 = 2.445134137142996, d4 = 3.754408661907416;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q) / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
}

for (let i = 0; i < TABLE_SIZE; i++) {
  const z = probit((<f64>i + 0.5) / <f64>TABLE_SIZE);
  unchecked((hostTable[i] = Math.exp(JITTER_SIGMA * z)));
  unchecked((bareTable[i] = Math.exp(BARE_JITTER_SIGMA * z)));
}

@inline function tableIndex(): i32 {
  return <i32>(nextU64() >> (64 - TABLE_BITS));
}

@inline export function cyclesToNs(cycles: f64): i64 {
  return <i64>Math.round((cycles * 1000.0) / CPU_MHZ);
}

@inline export function nsToCycles(ns: i64): f64 {
  return (<f64>ns * CPU_MHZ) / 1000.0;
}

/** Guest or hardware work under virtualization: log-normal jitter, median = base. */
export function plainCost(baseCycles: f64): f64 {
  return baseCycles * unchecked(hostTable[tableIndex()]);
}

/** Bare-metal hardware paths: narrower jitter. */
export function bareCost(baseCycles: f64): f64 {
  return baseCycles * unchecked(bareTable[tableIndex()]);
}

/**
 * Host kernel work runs with interrupts enabled: a host IRQ arrives with
 * probability rate x duration (Poisson, at most one per short segment), and
 * its handling cost is added to the segment.
 */
export function hostCost(baseCycles: f64): f64 {
  const c = plainCost(baseCycles);
  const pHit = (HOST_IRQ_RATE_HZ * c) / (CPU_MHZ * 1.0e6);
  if (uniform() < pHit) return c + pareto(HOST_IRQ_XM_CYCLES, HOST_IRQ_ALPHA, HOST_IRQ_CAP_CYCLES);
  return c;
}
