// KVM's adaptive halt-poll window (kvm-facts §1.2), observed through the
// window each halt started with and the kvm stat counters.
import { describe, it, expect } from 'vitest';
import { run } from './helpers';

async function windows(params: Record<string, unknown>) {
  const r = await run('ipi-hlt', { warmup: 0, ...params }, { samples: true });
  return { r, w: r.samples!.halt_poll_window_ns };
}

describe('adaptive halt-polling', () => {
  it('grows from 0 to grow_start then doubles, and stops growing once the wake lands inside', async () => {
    const { r, w } = await windows({ iterations: 10 });
    expect(w).toEqual([0, 10000, 20000, 40000, 80000, 160000, 160000, 160000, 160000, 160000]);
    expect(r.halt.halt_attempted_poll).toBe(9);
    expect(r.halt.halt_successful_poll).toBe(5);
    expect(r.halt.halt_wakeup).toBe(5); // only the scheduled-out halts needed a wake-up
    expect(r.halt.halt_poll_fail_ns).toBe(10000 + 20000 + 40000 + 80000);
  });

  it('clamps the window to the halt_poll_ns cap', async () => {
    const { w } = await windows({ iterations: 8, halt_poll_ns: 120000 });
    expect(w).toEqual([0, 10000, 20000, 40000, 80000, 120000, 120000, 120000]);
  });

  it('never grows while every halt outlasts the cap', async () => {
    const { w } = await windows({ iterations: 6, halt_poll_ns: 90000 });
    expect(w).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('halt_poll_ns_grow=0 never grows the window', async () => {
    const { r, w } = await windows({ iterations: 5, halt_poll_ns_grow: 0 });
    expect(w).toEqual([0, 0, 0, 0, 0]);
    expect(r.halt.halt_attempted_poll).toBe(0);
  });

  it('halt_poll_ns=0 always schedules', async () => {
    const { r } = await windows({ iterations: 50, halt_poll_ns: 0 });
    expect(r.halt.halt_attempted_poll).toBe(0);
    expect(r.halt.halt_wakeup).toBe(50);
    expect(r.pcpu[0].poll_ns).toBe(0);
  });

  it('polling costs host CPU: pCPU0 is mostly polling when the window covers the delay', async () => {
    const polled = await run('ipi-hlt', {});
    const sched = await run('ipi-hlt', { halt_poll_ns: 0 });
    const share = (p: { poll_ns: number; idle_ns: number }, t: number) => [p.poll_ns / t, p.idle_ns / t];
    const [pollShare] = share(polled.pcpu[0], polled.sim_time_ns);
    const [, idleShare] = share(sched.pcpu[0], sched.sim_time_ns);
    expect(pollShare).toBeGreaterThan(0.9);
    expect(idleShare).toBeGreaterThan(0.9);
  });
});
