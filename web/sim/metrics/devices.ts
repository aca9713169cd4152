// nic and disk: throughput, latency, and the exits per second by reason,
// with what the device model did (interrupts, kicks, the backend thread's
// load). Counter slots: assembly/workloads/nic.ts, disk.ts (0-7) and
// assembly/sim/device_events.ts (8-15).
import type { Decoded } from '../core';
import type { Built } from './index';
import { ratePer, round } from './index';
import { summarize } from '../summary';

const REQUESTS = 0; // nic
const LOG_PAGES = 1;
const RECORDS = 0; // disk
const BYTES = 1;
const DEVICE_IRQ_EXITS = 7;
const DEVICE_IRQS = 8;
const HOST_DEVICE_IRQS = 9;
const KICKS = 10;
const RX_DROPPED = 11;
const BACKEND_BUSY_NS = 12;
const BACKEND_WAKEUPS = 13;
const DISK_BUSY_NS = 14;
const DISK_ACCESSES = 15;

const seconds = (d: Decoded) => d.simTimeNs / 1e9;
const perSec = (d: Decoded, n: number) => round(n / seconds(d), 1);
const pct = (d: Decoded, ns: number) => round((100 * ns) / d.simTimeNs, 2);

function deviceCommon(d: Decoded): Record<string, unknown> {
  return {
    exits_per_sec: ratePer(d.exits, seconds(d), 1),
    msr_writes_per_sec: ratePer(d.msrWrites, seconds(d), 1),
    device_irqs_per_sec: perSec(d, d.counter(DEVICE_IRQS)),
    host_device_irqs_per_sec: perSec(d, d.counter(HOST_DEVICE_IRQS)),
    device_irq_exits_per_sec: perSec(d, d.counter(DEVICE_IRQ_EXITS)),
    kicks_per_sec: perSec(d, d.counter(KICKS)),
    backend_busy_pct: pct(d, d.counter(BACKEND_BUSY_NS)),
    backend_wakeups_per_sec: perSec(d, d.counter(BACKEND_WAKEUPS)),
  };
}

export function nicMetrics(d: Decoded): Built {
  const n = d.counter(REQUESTS);
  const lat = d.column(0);
  return {
    metrics: {
      requests: n,
      requests_per_sec: perSec(d, n),
      latency_ns: summarize(lat, 1, 0, d.columnExact(0)),
      exits_per_request: ratePer(d.exits, n),
      ...deviceCommon(d),
      rx_dropped: d.counter(RX_DROPPED),
      log_pages_per_sec: perSec(d, d.counter(LOG_PAGES)),
    },
    samples: () => ({ latency_ns: Array.from(lat) }),
  };
}

export function diskMetrics(d: Decoded): Built {
  const n = d.counter(RECORDS);
  const lat = d.column(0);
  return {
    metrics: {
      records: n,
      iops: perSec(d, n),
      mb_per_sec: round(d.counter(BYTES) / 1e6 / seconds(d), 1),
      latency_ns: summarize(lat, 1, 0, d.columnExact(0)),
      exits_per_record: ratePer(d.exits, n),
      ...deviceCommon(d),
      disk_busy_pct: pct(d, d.counter(DISK_BUSY_NS)),
      disk_accesses_per_sec: perSec(d, d.counter(DISK_ACCESSES)),
    },
    samples: () => ({ latency_ns: Array.from(lat) }),
  };
}
