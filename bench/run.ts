// npm run bench: speed of the core, measured side by side in one process so
// the ratios hold on a noisy shared machine. Prints; asserts nothing.
import { performance } from 'node:perf_hooks';
import { instantiate } from '../build/core.js';
import { loadCoreModule } from '../web/sim/node';
import { createCore } from '../web/sim/core';

const REPEATS = 5;
const module = await loadCoreModule();
const core = await createCore(module);
const raw = await instantiate(module, { env: {} });

function medianOf<T>(f: () => T, pick: (t: T, ms: number) => number): number {
  const xs: number[] = [];
  f(); // warm-up
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const r = f();
    xs.push(pick(r, performance.now() - t0));
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

interface Row { name: string; events: number; simMs: number; wallMs: number }
const rows: Row[] = [];

for (const [name, params] of [
  ['ipi-hlt (poll, defaults, 20k wake-ups)', { iterations: 20000 }],
  ['ipi-hlt (halt_poll_ns=0, 20k wake-ups)', { iterations: 20000, halt_poll_ns: 0 }],
  ['ipi-hlt (virt=off, 20k wake-ups)', { iterations: 20000, virt: 'off' }],
] as const) {
  let events = 0;
  let simMs = 0;
  const wallMs = medianOf(
    () => core.run({ scenario: 'ipi-hlt', params }),
    (r, ms) => ((events = r.events), (simMs = r.sim_time_ns / 1e6), ms),
  );
  rows.push({ name, events, simMs, wallMs });
}

const HOLD_EVENTS = 2_000_000;
const holdMs = medianOf(() => raw.queueHold(HOLD_EVENTS, 1000, 1), (_r, ms) => ms);
const queueRate = HOLD_EVENTS / (holdMs / 1000);

console.log(`KVM Perf Playground benchmark (node ${process.version}, median of ${REPEATS})\n`);
console.log('scenario'.padEnd(42) + 'events'.padStart(10) + 'sim ms'.padStart(10) + 'wall ms'.padStart(10) + 'events/s'.padStart(14) + '  vs queue');
for (const r of rows) {
  const rate = r.events / (r.wallMs / 1000);
  console.log(
    r.name.padEnd(42) + fmt(r.events).padStart(10) + fmt(r.simMs).padStart(10) + fmt(r.wallMs).padStart(10) +
      fmt(rate).padStart(14) + `  ${(rate / queueRate).toFixed(2)}×`,
  );
}
console.log(
  'raw event queue (hold, 1k pending)'.padEnd(42) + fmt(HOLD_EVENTS).padStart(10) + '—'.padStart(10) + fmt(holdMs).padStart(10) +
    fmt(queueRate).padStart(14) + '  1.00×',
);
console.log(`\ncore.wasm: ${fmt((await import('node:fs')).statSync(new URL('../build/core.wasm', import.meta.url)).size)} bytes`);
