// The model must reproduce S1's IPI -> HLT figures (seed-figures §1) from its
// mechanism: the five-segment path, host scheduling versus halt-polling.
import { describe, it, expect } from 'vitest';
import { run, relErr } from './helpers';
import { IPI_HLT_PUBLISHED, IPI_HLT_SEGMENTS_PUBLISHED } from '../../web/sim/published';

type Summary = { min: number; mean: number; p50: number; p90: number; p99: number; max: number };

describe('ipi-hlt calibration against S1', () => {
  it('always schedule (halt_poll_ns=0): p50 within 15% of 14,900 cycles, with a tail', async () => {
    const r = await run('ipi-hlt', { halt_poll_ns: 0 });
    const lat = r.metrics.wake_latency_cycles as Summary;
    expect(relErr(lat.p50, IPI_HLT_PUBLISHED.schedule.p50)).toBeLessThan(0.15);
    expect(lat.p99).toBeGreaterThan(lat.p90 * 1.2);
    expect(r.halt.halt_attempted_poll).toBe(0);
  });

  it('polling that covers the delay (defaults): p50 within 15% of 4,300 cycles', async () => {
    const r = await run('ipi-hlt', {});
    const lat = r.metrics.wake_latency_cycles as Summary;
    expect(r.params.halt_poll_ns).toBe(200000);
    expect(r.params.delay_ns).toBe(100000);
    expect(relErr(lat.p50, IPI_HLT_PUBLISHED.poll.p50)).toBeLessThan(0.15);
    // nearly every halt ended inside the poll window
    expect(r.halt.halt_successful_poll).toBeGreaterThan(0.99 * r.halt.halt_exits);
  });

  it('bare metal (virt=off): p50 within 15% of 1,200 cycles and no exits', async () => {
    const r = await run('ipi-hlt', { virt: 'off' });
    const lat = r.metrics.wake_latency_cycles as Summary;
    expect(relErr(lat.p50, IPI_HLT_PUBLISHED.bare.p50)).toBeLessThan(0.15);
    expect(r.exits).toEqual({});
  });

  for (const mode of ['schedule', 'poll'] as const) {
    it(`segment medians within 20% of S1's table (${mode})`, async () => {
      const r = await run('ipi-hlt', mode === 'schedule' ? { halt_poll_ns: 0 } : {});
      const seg = r.metrics.segments_cycles as Record<string, number>;
      const want = IPI_HLT_SEGMENTS_PUBLISHED[mode];
      expect(Object.keys(seg)).toEqual(Object.keys(want));
      for (const [name, cycles] of Object.entries(want)) {
        expect(relErr(seg[name], cycles), `${name}: model ${seg[name]} vs S1 ${cycles}`).toBeLessThan(0.2);
      }
    });
  }

  it('a delay longer than the poll cap falls back to the scheduled path', async () => {
    const r = await run('ipi-hlt', { delay_ns: 400000 });
    const lat = r.metrics.wake_latency_cycles as Summary;
    expect(relErr(lat.p50, IPI_HLT_PUBLISHED.schedule.p50)).toBeLessThan(0.15);
    expect(r.halt.halt_successful_poll).toBe(0);
  });
});
