import { describe, it, expect } from 'vitest';
import { run } from './helpers';
import { loadCoreModule } from '../../web/sim/node';
import { createCore } from '../../web/sim/core';

describe('determinism', () => {
  it('the same scenario, parameters and seed give byte-identical JSON', async () => {
    for (const params of [{}, { halt_poll_ns: 0 }, { virt: 'off' }]) {
      const a = JSON.stringify(await run('ipi-hlt', params, { seed: 42, samples: true }));
      const b = JSON.stringify(await run('ipi-hlt', { ...params }, { seed: 42, samples: true }));
      expect(a).toBe(b);
    }
  });

  it('every scenario is deterministic for a seed, on either host', async () => {
    for (const host of ['snb-3.11', 'spr-6.x']) {
      for (const scenario of ['tcp-rr', 'idle', 'cpu-bound', 'spinlock']) {
        const params = { duration_ns: 5_000_000, host };
        const a = JSON.stringify(await run(scenario, params, { seed: 3, samples: true }));
        expect(JSON.stringify(await run(scenario, params, { seed: 3, samples: true }))).toBe(a);
      }
    }
  });

  it('a run on one host leaves nothing behind for the next on another', async () => {
    // A new wasm instance has never run anything; the shared one runs spr-6.x first.
    const pristine = await createCore(await loadCoreModule());
    for (const scenario of ['ipi-hlt', 'tcp-rr']) {
      const params = scenario === 'tcp-rr' ? { duration_ns: 5_000_000 } : { iterations: 200 };
      const fresh = JSON.stringify(pristine.run({ scenario, params, seed: 11 }));
      await run(scenario, { ...params, host: 'spr-6.x', host_cstates: 'on' }, { seed: 4 });
      expect(JSON.stringify(await run(scenario, params, { seed: 11 }))).toBe(fresh);
    }
  });

  it('a different seed gives different samples', async () => {
    const a = await run('ipi-hlt', {}, { seed: 1, samples: true });
    const b = await run('ipi-hlt', {}, { seed: 2, samples: true });
    expect(a.samples!.wake_latency_cycles).not.toEqual(b.samples!.wake_latency_cycles);
  });

  it('a run does not depend on the runs before it', async () => {
    const first = JSON.stringify(await run('ipi-hlt', {}, { seed: 5 }));
    await run('ipi-hlt', { halt_poll_ns: 0, delay_ns: 3000 }, { seed: 9 });
    expect(JSON.stringify(await run('ipi-hlt', {}, { seed: 5 }))).toBe(first);
  });
});
