// idle and cpu-bound: rates per second and where the CPU time went.
import type { Decoded } from '../core';
import type { Built } from './index';
import { ratePer, round } from './index';

const IDLE_WAKEUPS = 0; // assembly/workloads/idle.ts
const IDLE_WORK_NS = 1;
const CPU_BOUND_WORK_NS = 0; // assembly/workloads/cpu_bound.ts

const seconds = (d: Decoded) => d.simTimeNs / 1e9;

export function idleMetrics(d: Decoded): Built {
  return {
    metrics: {
      wakeups: d.counter(IDLE_WAKEUPS),
      exits_per_sec: ratePer(d.exits, seconds(d), 1),
      msr_writes_per_sec: ratePer(d.msrWrites, seconds(d), 1),
      guest_work_pct: round((100 * d.counter(IDLE_WORK_NS)) / (d.simTimeNs * d.vcpus), 2),
    },
    samples: () => ({}),
  };
}

export function cpuBoundMetrics(d: Decoded): Built {
  return {
    metrics: {
      guest_work_pct: round((100 * d.counter(CPU_BOUND_WORK_NS)) / (d.simTimeNs * d.vcpus), 2),
      exits_per_sec: ratePer(d.exits, seconds(d), 1),
      msr_writes_per_sec: ratePer(d.msrWrites, seconds(d), 1),
    },
    samples: () => ({}),
  };
}
