// PAUSE-loop exiting (kvm-facts §5): none with ple_gap=0; under overcommit a
// preempted lock holder turns spinning into PAUSE exits and directed yields.
import { describe, it, expect } from 'vitest';
import { run } from './helpers';

type M = { pause_exits: number; yield_to_successful: number; acquisitions: number; lock_wait_ns: { max: number } };

/** One vCPU per pCPU: no overcommit unless host tasks are added. */
const dedicated = { vcpus: 4, pcpus: 4, duration_ns: 100_000_000 };

describe('spinlock and PLE', () => {
  it('ple_gap=0 turns PAUSE-loop exiting off', async () => {
    for (const host_tasks of [0, 4]) {
      const r = await run('spinlock', { ...dedicated, ple_gap: 0, host_tasks });
      expect(r.exits.PAUSE_INSTRUCTION ?? 0).toBe(0);
    }
  });

  it('without overcommit there is nobody to yield to', async () => {
    const r = await run('spinlock', dedicated);
    expect((r.metrics as M).yield_to_successful).toBe(0);
  });

  it('under overcommit, lock-holder preemption appears as PAUSE exits and yields', async () => {
    const quiet = (await run('spinlock', dedicated)).metrics as M;
    const busy = (await run('spinlock', { ...dedicated, host_tasks: 4 })).metrics as M;
    expect(busy.pause_exits).toBeGreaterThan(quiet.pause_exits * 3);
    expect(busy.yield_to_successful).toBeGreaterThan(0);
  });

  it('the default overcommits vCPUs (8 on 4 pCPUs): without PLE waiters spin for whole slices', async () => {
    const r = await run('spinlock', {});
    const off = await run('spinlock', { ple_gap: 0 });
    expect(r.params.vcpus).toBe(8);
    expect(r.params.pcpus).toBe(4);
    expect((off.metrics as M).lock_wait_ns.max).toBeGreaterThan(5_000_000);
    expect((r.metrics as M).lock_wait_ns.max).toBeLessThan((off.metrics as M).lock_wait_ns.max / 10);
  });

  it('without PLE a preempted holder makes waiters spin for a host time slice', async () => {
    const noPle = (await run('spinlock', { ...dedicated, host_tasks: 4, ple_gap: 0 })).metrics as M;
    const ple = (await run('spinlock', { ...dedicated, host_tasks: 4 })).metrics as M;
    expect(noPle.lock_wait_ns.max).toBeGreaterThan(500_000); // ≥ 0.5 ms: a slice of the other task
    expect(ple.lock_wait_ns.max).toBeLessThan(noPle.lock_wait_ns.max / 10);
  });
});
