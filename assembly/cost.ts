// Drawing costs: cycles -> nanoseconds with the preset's clock, log-normal
// jitter, and host interrupts that land on host kernel code while it runs.
import { CPU_MHZ, JITTER_SIGMA, HOST_IRQ_RATE_HZ, HOST_IRQ_XM_CYCLES, HOST_IRQ_ALPHA, HOST_IRQ_CAP_CYCLES } from './preset';
import { normal, uniform, pareto } from './rng';

@inline export function cyclesToNs(cycles: f64): i64 {
  return <i64>Math.round((cycles * 1000.0) / CPU_MHZ);
}

@inline export function nsToCycles(ns: i64): f64 {
  return (<f64>ns * CPU_MHZ) / 1000.0;
}

/** A cost with log-normal jitter of the given sigma (median = base). */
export function jitter(baseCycles: f64, sigma: f64): f64 {
  return baseCycles * Math.exp(sigma * normal());
}

/** Guest or hardware work: jitter only. */
export function plainCost(baseCycles: f64): f64 {
  return jitter(baseCycles, JITTER_SIGMA);
}

/**
 * Host kernel work runs with interrupts enabled: a host IRQ arrives with
 * probability rate x duration (Poisson, at most one per short segment), and
 * its handling cost is added to the segment.
 */
export function hostCost(baseCycles: f64): f64 {
  const c = jitter(baseCycles, JITTER_SIGMA);
  const pHit = (HOST_IRQ_RATE_HZ * c) / (CPU_MHZ * 1.0e6);
  if (uniform() < pHit) return c + pareto(HOST_IRQ_XM_CYCLES, HOST_IRQ_ALPHA, HOST_IRQ_CAP_CYCLES);
  return c;
}
