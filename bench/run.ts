// npm run bench: speed of the core, measured side by side in one process so
// the ratios hold on a noisy shared machine. Prints; asserts nothing.
import { performance } from 'node:perf_hooks';
import { statSync } from 'node:fs';
import { instantiate } from '../build/core.js';
import { loadCoreModule } from '../web/sim/node';
import { createCore } from '../web/sim/core';

const REPEATS = 5;
const module = await loadCoreModule();
const core = await createCore(module);
const raw = await instantiate(module, { env: {} });

/** Median wall time of `f` over REPEATS runs after one warm-up. */
function medianMs(f: () => void): number {
  f();
  const xs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

interface Row { name: string; events: number; simMs: number; wallMs: number; peak: number }

function measure(name: string, scenario: string, params: Record<string, unknown>): Row {
  let events = 0;
  let simMs = 0;
  const wallMs = medianMs(() => {
    const r = core.run({ scenario, params });
    events = r.events;
    simMs = r.sim_time_ns / 1e6;
  });
  return { name, events, simMs, wallMs, peak: core.peakPendingEvents() };
}

/** Raw queue: `pending` events held, pop+push with random increments, no model work. */
function queueRate(pending: number): number {
  const n = 2_000_000;
  return n / (medianMs(() => raw.queueHold(n, pending, 1)) / 1000);
}

// The speed goal of the host-model issue: tcp-rr, 2 vCPUs, one simulated second.
const tcp = measure('tcp-rr, 2 vCPUs, 1 s (polling on)', 'tcp-rr', { vcpus: 2, duration_ns: 1_000_000_000 });
const nicRows = (['e1000', 'virtio', 'vhost'] as const).map((nic) => measure(`nic, ${nic}, 200 ms (default)`, 'nic', { nic }));
const rows = [
  tcp,
  measure('tcp-rr, 2 vCPUs, 1 s (halt_poll_ns=0)', 'tcp-rr', { vcpus: 2, duration_ns: 1_000_000_000, halt_poll_ns: 0 }),
  measure('tcp-rr, 2 vCPUs, 1 s, host spr-6.x', 'tcp-rr', { vcpus: 2, duration_ns: 1_000_000_000, host: 'spr-6.x' }),
  measure('ipi-hlt, 20k wake-ups (polling)', 'ipi-hlt', { iterations: 20000 }),
  measure('ipi-hlt, 20k wake-ups (halt_poll_ns=0)', 'ipi-hlt', { iterations: 20000, halt_poll_ns: 0 }),
  measure('ipi-hlt, 20k wake-ups, host spr-6.x', 'ipi-hlt', { iterations: 20000, host: 'spr-6.x' }),
  measure('idle, 10 s', 'idle', { duration_ns: 10_000_000_000 }),
  measure('spinlock, 8 vCPUs on 4 pCPUs, 500 ms', 'spinlock', {}),
  measure('spinlock, same, host spr-6.x', 'spinlock', { host: 'spr-6.x' }),
  measure('perf-stat, 4 counters, 10k iterations', 'perf-stat', {}),
  measure('perf-stat, 8 counters, spr-6.x, 1M iter.', 'perf-stat', { host: 'spr-6.x', counters: 8, loop_iterations: 1_000_000 }),
  // The device scenarios at their defaults (200 simulated ms: what a slider in the explorer runs).
  ...nicRows,
  measure('disk, ide, 8 KB seq, 200 ms', 'disk', { disk: 'ide' }),
  measure('disk, virtio-blk, 8 KB seq, 200 ms', 'disk', { disk: 'virtio-blk' }),
  measure('disk, ide, 1 MB seq, 200 ms', 'disk', { disk: 'ide', record_kb: 1024 }),
];
// A slider in the explorer re-runs perf-record at its defaults: it must stay interactive.
const record = measure('perf-record, defaults (2,000 samples)', 'perf-record', {});
const recordRows = [
  record,
  measure('perf-record, cycles, precise=3', 'perf-record', { event: 'cycles', precise: 3 }),
  measure('perf-record, 50,000 samples', 'perf-record', { samples: 50_000 }),
  measure('vpmu-switch, defaults (7 designs x 50 ms)', 'vpmu-switch', {}),
  measure('vpmu-switch, NMI watchdog off', 'vpmu-switch', { nmi_watchdog: 'off' }),
];
rows.push(...recordRows);
const peak = tcp.peak;
const rawSmall = queueRate(peak);
const rawLarge = queueRate(1000);

console.log(`KVM Perf Playground benchmark — node ${process.version}, median of ${REPEATS} runs\n`);
console.log('scenario'.padEnd(42) + 'events'.padStart(11) + 'sim ms'.padStart(9) + 'wall ms'.padStart(9) + 'events/s'.padStart(13) + '  model/queue');
for (const r of rows) {
  const rate = r.events / (r.wallMs / 1000);
  console.log(r.name.padEnd(42) + fmt(r.events).padStart(11) + fmt(r.simMs).padStart(9) + fmt(r.wallMs, 1).padStart(9) + fmt(rate).padStart(13) + `  ${(rate / rawSmall).toFixed(2)}×`);
}
console.log(`${`raw event queue, ${peak} pending (tcp-rr's peak)`.padEnd(42)}${''.padStart(29)}${fmt(rawSmall).padStart(13)}  1.00×`);
console.log(`${'raw event queue, 1,000 pending'.padEnd(42)}${''.padStart(29)}${fmt(rawLarge).padStart(13)}  ${(rawLarge / rawSmall).toFixed(2)}×`);

const tcpRate = tcp.events / (tcp.wallMs / 1000);
console.log(`\ngoal: one simulated second of tcp-rr (2 vCPUs) in < 100 ms → ${fmt(tcp.wallMs, 1)} ms (${tcp.wallMs < 100 ? 'met' : 'NOT met'})`);
console.log(`goal: model throughput ≥ 0.5 × raw queue → ${(tcpRate / rawSmall).toFixed(2)}× (${tcpRate / rawSmall >= 0.5 ? 'met' : 'NOT met'})`);
console.log(`goal: a perf-record run at its defaults stays interactive (< 150 ms) → ${fmt(record.wallMs, 1)} ms (${record.wallMs < 150 ? 'met' : 'NOT met'})`);
const slowestNic = Math.max(...nicRows.map((r) => r.wallMs));
console.log(`goal: a default nic run (what a slider triggers) well under 150 ms → slowest NIC model ${fmt(slowestNic, 1)} ms (${slowestNic < 150 ? 'met' : 'NOT met'})`);
console.log(`core.wasm: ${fmt(statSync(new URL('../build/core.wasm', import.meta.url)).size)} bytes`);
