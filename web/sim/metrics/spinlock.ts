// spinlock: acquisitions, waiting time, PAUSE-loop exits and directed yields.
import type { Decoded } from '../core';
import type { Built } from './index';
import { ratePer, round } from './index';
import { summarize } from '../summary';

const ACQUISITIONS = 0; // assembly/workloads/spinlock.ts

export function spinlockMetrics(d: Decoded): Built {
  const n = d.counter(ACQUISITIONS);
  const s = d.simTimeNs / 1e9;
  const pause = d.exits.PAUSE_INSTRUCTION ?? 0;
  const wait = d.column(0);
  return {
    metrics: {
      acquisitions: n,
      acquisitions_per_sec: round(n / s, 0),
      lock_wait_ns: summarize(wait, 1, 0, d.columnExact(0)),
      exits_per_sec: ratePer(d.exits, s, 1),
      msr_writes_per_sec: ratePer(d.msrWrites, s, 1),
      pause_exits: pause,
      pause_exits_per_sec: round(pause / s, 0),
      yield_to_attempted: d.kvm.yield_to_attempted,
      yield_to_successful: d.kvm.yield_to_successful,
    },
    samples: () => ({ lock_wait_ns: Array.from(wait) }),
  };
}
