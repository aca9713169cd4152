// Invariants of the model over random parameters in range (fast-check).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadCore } from '../../web/sim/node';
import { PARAMS, SCENARIOS, type IntParam } from '../../web/sim/schema';
import { hostConsistent } from './helpers';

const core = await loadCore();

/** Any parameter set the schema accepts, with run sizes kept small. */
function paramsArb(names: readonly string[]) {
  const shape: Record<string, fc.Arbitrary<number | string>> = {};
  for (const n of names) {
    const p = PARAMS[n];
    if (p.kind === 'enum') shape[n] = fc.constantFrom(...p.options);
    else if (n === 'iterations') shape[n] = fc.integer({ min: 1, max: 300 });
    else if (n === 'warmup') shape[n] = fc.integer({ min: 0, max: 20 });
    else if (n === 'duration_ns') shape[n] = fc.integer({ min: 1_000_000, max: 10_000_000 });
    else shape[n] = fc.integer({ min: (p as IntParam).min, max: (p as IntParam).max });
  }
  return fc.record(shape).map(hostConsistent);
}

describe('model invariants', () => {
  for (const spec of SCENARIOS) {
    it(`${spec.name}: every pCPU's time adds up to sim_time_ns; counters are consistent`, () => {
      fc.assert(
        fc.property(paramsArb(spec.params), fc.integer({ min: 0, max: 0xffffffff }), (params, seed) => {
          const r = core.run({ scenario: spec.name, params, seed, maxEvents: 2_000_000 });
          // A run either finishes or stops at its budget; it never hangs or traps.
          expect(['ok', 'budget_exhausted']).toContain(r.status);
          for (const p of r.pcpu) {
            expect(p.guest_ns + p.host_ns + p.poll_ns + p.other_ns + p.idle_ns).toBe(r.sim_time_ns);
            for (const v of Object.values(p)) expect(v).toBeGreaterThanOrEqual(0);
          }
          const h = r.halt;
          expect(h.halt_successful_poll).toBeLessThanOrEqual(h.halt_attempted_poll);
          expect(h.halt_attempted_poll).toBeLessThanOrEqual(h.halt_exits);
          expect(h.halt_exits).toBe(r.exits.HLT ?? r.exits.hlt ?? 0); // SVM hosts name it hlt
        }),
        { numRuns: 60 },
      );
    });
  }

  it('ipi-hlt: every requested iteration is measured and latency is positive', () => {
    fc.assert(
      fc.property(paramsArb(SCENARIOS[0].params), (params) => {
        const r = core.run({ scenario: 'ipi-hlt', params, samples: true });
        const lat = r.metrics.wake_latency_cycles as { min: number; max: number };
        expect(lat.min).toBeGreaterThan(0);
        expect((r.metrics as { iterations: number }).iterations).toBe(params.iterations);
      }),
      { numRuns: 100 },
    );
  });

  it('loops with zero work still advance the clock (found by this property test)', () => {
    const r = core.run({ scenario: 'spinlock', params: { vcpus: 1, pcpus: 1, hold_ns: 0, think_ns: 0, duration_ns: 1_000_000 } });
    expect(r.status).toBe('ok');
    expect(r.sim_time_ns).toBe(1_000_000);
  });

  it('a run cut off right after an HLT exit still counts it in halt_exits (found by this property test)', () => {
    const r = core.run({
      scenario: 'tcp-rr', seed: 3882399429,
      params: {
        duration_ns: 1_000_000, vcpus: 4, pcpus: 4, stack_ns: 0, halt_poll_ns: 0, halt_poll_ns_grow: 0, halt_poll_ns_grow_start: 0,
        halt_poll_ns_shrink: 0, idle: 'haltpoll', guest_halt_poll_ns: 0, guest_halt_poll_grow: 0, guest_halt_poll_grow_start: 0,
        guest_halt_poll_shrink: 0, timer: 'tsc_deadline', guest_hz: 100, host_hz: 100, host: 'spr-6.x', ipiv: 'on', pv_eoi: 'on',
      },
    });
    expect(r.halt.halt_exits).toBe(r.exits.HLT);
  });

  it('an exhausted event budget stops the run with a message instead of hanging', () => {
    const r = core.run({ scenario: 'ipi-hlt', params: { iterations: 100000 }, maxEvents: 5000 });
    expect(r.status).toBe('budget_exhausted');
    expect(r.message).toMatch(/stopped after 5000 events/);
    expect(r.events).toBe(5000);
  });

  it('the core declares a slot for every schema parameter and nothing else', () => {
    expect(core.paramNames().sort()).toEqual(Object.keys(PARAMS).sort());
    for (const p of Object.values(PARAMS)) {
      if (p.kind === 'int') {
        expect(p.default).toBeGreaterThanOrEqual(p.min);
        expect(p.default).toBeLessThanOrEqual(p.max);
      } else expect(p.options).toContain(p.default);
    }
  });
});
