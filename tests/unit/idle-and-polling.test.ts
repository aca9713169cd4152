// The idle guest (seed-figures §4) and the costs of halt-polling (§3).
import { describe, it, expect } from 'vitest';
import { run } from './helpers';
import type { PcpuTime } from '../../web/sim/core';

type Counts = Record<string, number>;
const busyShare = (p: PcpuTime, t: number) => 1 - p.idle_ns / t;

describe('idle guest', () => {
  it('HLT exits per second in the tens, MSR writes of the same order (S2: 32 and 90)', async () => {
    const r = await run('idle', {});
    const perSec = (r.metrics as { exits_per_sec: Counts }).exits_per_sec;
    expect(perSec.HLT).toBeGreaterThanOrEqual(10);
    expect(perSec.HLT).toBeLessThan(100);
    expect(perSec.MSR_WRITE / perSec.HLT).toBeGreaterThan(1 / 3);
    expect(perSec.MSR_WRITE / perSec.HLT).toBeLessThan(10);
    expect(busyShare(r.pcpu[0], r.sim_time_ns)).toBeLessThan(0.02);
  });

  it('woken every 150 µs under a fixed 200 µs window: the pCPU is ~100% busy while the guest is mostly idle (S3)', async () => {
    const r = await run('idle', {
      wake_interval_ns: 150000, wake_pattern: 'periodic', halt_poll_policy: 'fixed', halt_poll_ns: 200000, duration_ns: 100_000_000,
    });
    expect((r.metrics as { guest_work_pct: number }).guest_work_pct).toBeLessThan(20);
    expect(busyShare(r.pcpu[0], r.sim_time_ns)).toBeGreaterThan(0.98);
    expect(r.pcpu[0].poll_ns / r.sim_time_ns).toBeGreaterThan(0.7);
  });

  it('polling stops at once when another task is runnable on that pCPU', async () => {
    const r = await run('idle', {
      wake_interval_ns: 150000, wake_pattern: 'periodic', halt_poll_policy: 'fixed', host_tasks: 1, duration_ns: 50_000_000,
    });
    expect(r.halt.halt_attempted_poll).toBeGreaterThan(100);
    expect(r.halt.halt_successful_poll).toBe(0);
    expect(r.pcpu[0].poll_ns).toBe(0);
    expect(r.pcpu[0].other_ns / r.sim_time_ns).toBeGreaterThan(0.6);
  });

  it('the guest haltpoll driver disables host polling (MSR_KVM_POLL_CONTROL)', async () => {
    const r = await run('idle', { idle: 'haltpoll', wake_interval_ns: 150000, wake_pattern: 'periodic', duration_ns: 50_000_000 });
    expect(r.msr_writes['0x4b564d05']).toBe(1);
    expect(r.halt.halt_attempted_poll).toBe(0);
    expect(r.pcpu[0].poll_ns).toBe(0);
  });

  for (const [label, params] of [
    ['disabled HLT exits', { hlt_exits: 'off' }],
    ['idle=poll', { idle: 'poll' }],
  ] as const) {
    it(`${label}: no HLT exits, and the pCPU shows busy`, async () => {
      const r = await run('idle', { ...params, duration_ns: 200_000_000 });
      expect(r.exits.HLT ?? 0).toBe(0);
      expect(r.pcpu[0].idle_ns).toBe(0);
      expect(busyShare(r.pcpu[0], r.sim_time_ns)).toBe(1);
    });
  }

  it('adaptive polling leaves long idle periods alone: halts of ~30 ms are hardly polled', async () => {
    const r = await run('idle', {});
    // Only the rare short Poisson gap grows the window, and the next long halt shrinks it again.
    expect(r.halt.halt_successful_poll).toBeLessThan(0.02 * r.halt.halt_exits);
    expect(r.pcpu[0].poll_ns).toBeLessThan(1e-5 * r.sim_time_ns);
  });
});

describe('busy guest and host scheduler', () => {
  it('a CPU-bound vCPU alone on its pCPU gets nearly all of it; the host tick shows up as exits', async () => {
    const r = await run('cpu-bound', { host_hz: 1000, duration_ns: 1_000_000_000 });
    const slow = await run('cpu-bound', { host_hz: 100, duration_ns: 1_000_000_000 });
    const m = r.metrics as { guest_work_pct: number; exits_per_sec: Counts };
    const s = slow.metrics as { exits_per_sec: Counts };
    // Work is slower under EPT and after each exit, and the exits themselves take time.
    expect(m.guest_work_pct).toBeGreaterThan(93);
    expect(m.guest_work_pct).toBeLessThan(99);
    // Each host tick in guest mode is an EXTERNAL_INTERRUPT exit: 900 more per second at 1000 Hz than at 100 Hz.
    const fromTicks = m.exits_per_sec.EXTERNAL_INTERRUPT - s.exits_per_sec.EXTERNAL_INTERRUPT;
    expect(fromTicks).toBeGreaterThan(750);
    expect(fromTicks).toBeLessThan(1050);
  });

  it('one other host task on the same pCPU takes half of it (fair sharing)', async () => {
    const r = await run('cpu-bound', { host_tasks: 1 });
    const m = r.metrics as { guest_work_pct: number };
    expect(m.guest_work_pct).toBeGreaterThan(40);
    expect(m.guest_work_pct).toBeLessThan(60);
    expect(r.pcpu[0].other_ns / r.sim_time_ns).toBeGreaterThan(0.4);
  });

  it('two vCPUs on one pCPU share it', async () => {
    const r = await run('cpu-bound', { vcpus: 2, pcpus: 1 });
    expect((r.metrics as { guest_work_pct: number }).guest_work_pct).toBeGreaterThan(40);
    expect((r.metrics as { guest_work_pct: number }).guest_work_pct).toBeLessThan(55);
  });
});
