// Host interrupts other than the scheduler tick (device IRQs, IPIs): a
// Poisson stream per pCPU with heavy-tailed handling costs. Those that land
// on host kernel code are drawn inside hostCost (hw/cost.ts); the events here
// are the ones that land while a vCPU runs guest code or polls in
// kvm_vcpu_halt: the first becomes an EXTERNAL_INTERRUPT exit, the second
// delays the poll loop (the tail of S1's polled wake-ups).
import { now, schedule } from '../sim/engine';
import { EV_HOST_IRQ } from '../sim/events';
import { exponential, pareto } from '../sim/rng';
import * as C from '../hw/preset';
import { curr, isHog } from './sched';

function noop(t: i32, cycles: f64): void {}
let vcpuHostIrq: (t: i32, cycles: f64) => void = noop;

/** KVM's hook: a host interrupt arrived while vCPU thread t was current. */
export function registerHostIrqHook(f: (t: i32, cycles: f64) => void): void {
  vcpuHostIrq = f;
}

function next(p: i32): void {
  schedule(now + <i64>exponential(1.0e9 / C.HOST_IRQ_RATE_HZ), EV_HOST_IRQ, p, 0);
}

export function hostIrqStart(pcpus: i32): void {
  if (C.HOST_IRQ_RATE_HZ <= 0) return;
  for (let p = 0; p < pcpus; p++) next(p);
}

export function onHostIrq(p: i32): void {
  next(p);
  const t = unchecked(curr[p]);
  if (t < 0 || isHog(t)) return;
  vcpuHostIrq(t, pareto(C.HOST_IRQ_XM_CYCLES, C.HOST_IRQ_ALPHA, C.HOST_IRQ_CAP_CYCLES));
}

/**
 * A physical device's interrupt (NIC, disk controller) delivered to pCPU p
 * by its affinity: on a pCPU running a vCPU it is handled like any other host
 * interrupt there (an EXTERNAL_INTERRUPT exit if the vCPU is in guest mode).
 */
export function deviceIrqOn(p: i32, cycles: f64): void {
  const t = unchecked(curr[p]);
  if (t < 0 || isHog(t)) return;
  vcpuHostIrq(t, cycles);
}
