// The browser side of the worker bridge: start the worker, wait for its ready
// signal, surface load errors, and run scenarios through Comlink. Runs are
// serialised with "latest wins" so a dragged slider never queues stale work.
//
// The worker is supervised. Loading has a deadline (LOAD_TIMEOUT_MS) and so
// does every run (RUN_TIMEOUT_MS). A worker that reports an error or misses a
// run's deadline is terminated and replaced, and the newest request is run
// again on the new one; `onrecover` tells the page while that happens. A
// worker that cannot be (re)started, or that dies twice on the same request,
// ends in a SimFailure, which the page shows with a Retry.
import * as Comlink from 'comlink';
import type { WorkerApi } from './worker';
import type { RunRequest, RunResult } from './core';
import { makeWorker as defaultWorker } from './worker-factory';

const READY = 'kvmplay:ready';
const LOAD_ERROR = 'kvmplay:load-error';

/** How long the worker may take to fetch and compile the core and say it is ready. */
export const LOAD_TIMEOUT_MS = 15_000;
/** How long one run may take before its worker is presumed dead (runs take well under a second). */
export const RUN_TIMEOUT_MS = 20_000;

/**
 * Shorter deadlines for tests, read at each load and run:
 * `window.__kvmplaySimTimeouts = { loadMs: 1000, runMs: 1000 }`.
 */
export interface SimTimeouts {
  loadMs: number;
  runMs: number;
}
declare global {
  var __kvmplaySimTimeouts: Partial<SimTimeouts> | undefined;
}

function timeouts(): SimTimeouts {
  const o = globalThis.__kvmplaySimTimeouts;
  const pick = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return { loadMs: pick(o?.loadMs, LOAD_TIMEOUT_MS), runMs: pick(o?.runMs, RUN_TIMEOUT_MS) };
}

/**
 * Why the simulator is unusable: it failed to load (`load-failed`), did not
 * load in time (`load-timeout`), or died twice on the same request (`lost`).
 */
export class SimFailure extends Error {
  constructor(
    readonly kind: 'load-failed' | 'load-timeout' | 'lost',
    readonly detail: string,
    /** The deadline that ran out, for the timeouts. */
    readonly ms?: number,
  ) {
    super(kind === 'load-failed' ? `the simulation worker failed to load: ${detail}` : detail);
    this.name = 'SimFailure';
  }
}

/** A worker was lost and is being replaced (`restarting`), or its replacement is up (`restarted`). */
export interface RecoveryEvent {
  phase: 'restarting' | 'restarted';
  /** What happened to the old one: it reported an error, or a run missed its deadline. */
  cause: 'crashed' | 'timeout';
  /** The deadline that ran out. */
  ms?: number;
}

export interface SimClient {
  /** Run now; resolves null if a newer request superseded this one before it started. */
  run(req: RunRequest): Promise<RunResult | null>;
  terminate(): void;
  /** Told when the worker is lost and replaced. */
  onrecover?: (e: RecoveryEvent) => void;
}

export interface SimClientOptions {
  /** Makes a worker (tests and embeds may pass their own). */
  makeWorker?: () => Worker;
}


/** The lost worker: it crashed, or missed a run's deadline. */
class Lost {
  constructor(
    readonly cause: 'crashed' | 'timeout',
    readonly detail: string,
    readonly ms?: number,
  ) {}
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<WorkerApi>;
  /** Rejects with a Lost when the worker reports an error after it loaded. */
  lost: Promise<never>;
}

/** Start one worker and wait (up to the load deadline) for it to be ready. */
function spawn(makeWorker: () => Worker): Promise<Live> {
  const { loadMs } = timeouts();
  const worker = makeWorker();
  return new Promise<Live>((resolve, reject) => {
    let settled = false;
    const cleanup = () => {
      settled = true;
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    const fail = (f: SimFailure) => {
      if (settled) return;
      cleanup();
      worker.terminate();
      reject(f);
    };
    const onError = (e: ErrorEvent) => fail(new SimFailure('load-failed', e.message || 'script error'));
    const onMessage = (e: MessageEvent) => {
      const d = e.data as { type?: string; message?: string } | null;
      if (d?.type === READY) {
        if (settled) return;
        cleanup();
        const lost = new Promise<never>((_, rejectLost) => {
          worker.addEventListener('error', (ev) => rejectLost(new Lost('crashed', ev.message || 'script error')), { once: true });
        });
        lost.catch(() => undefined); // observed by each run; never an unhandled rejection
        resolve({ worker, api: Comlink.wrap<WorkerApi>(worker), lost });
      } else if (d?.type === LOAD_ERROR) {
        fail(new SimFailure('load-failed', d.message ?? 'unknown error'));
      }
    };
    const timer = setTimeout(
      () => fail(new SimFailure('load-timeout', `the simulator did not start within ${loadMs} ms`, loadMs)),
      loadMs,
    );
    worker.addEventListener('error', onError);
    worker.addEventListener('message', onMessage);
  });
}

const killed = new WeakSet<Live>();

function kill(live: Live): void {
  if (killed.has(live)) return;
  killed.add(live);
  live.api[Comlink.releaseProxy]();
  live.worker.terminate();
}

/** One run on a live worker, or a Lost if the worker crashes or misses the deadline. */
function runOn(live: Live, req: RunRequest): Promise<RunResult> {
  const { runMs } = timeouts();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Lost('timeout', `no answer within ${runMs} ms`, runMs)), runMs);
  });
  return Promise.race([live.api.run(req), live.lost, deadline]).finally(() => clearTimeout(timer));
}

/** Start the simulator: resolves once the first worker is ready, rejects with a SimFailure. */
export async function createSimClient(options: SimClientOptions = {}): Promise<SimClient> {
  const makeWorker = options.makeWorker ?? defaultWorker;
  let live: Live | null = await spawn(makeWorker);
  let terminated = false;
  let busy: Promise<unknown> = Promise.resolve();
  let latest = 0;

  const client: SimClient = {
    run(req) {
      const ticket = ++latest;
      const next = busy.then(() => (ticket === latest ? attempt(ticket, req) : null));
      busy = next.catch(() => undefined);
      return next;
    },
    terminate() {
      terminated = true;
      if (live) kill(live);
      live = null;
    },
  };

  /** The loss whose replacement worker is not up yet. */
  let recovering: Lost | null = null;

  async function attempt(ticket: number, req: RunRequest): Promise<RunResult | null> {
    let lostHere = false;
    for (;;) {
      if (terminated) return null;
      if (!live) {
        live = await spawn(makeWorker); // a SimFailure ends the run; the next run tries again
        if (terminated) {
          kill(live);
          live = null;
          return null;
        }
        if (recovering) {
          client.onrecover?.({ phase: 'restarted', cause: recovering.cause, ms: recovering.ms });
          recovering = null;
        }
      }
      const current = live;
      try {
        return await runOn(current, req);
      } catch (e) {
        if (!(e instanceof Lost)) throw e; // the core's own error: the worker is fine
        kill(current);
        if (live === current) live = null;
        if (lostHere) throw new SimFailure('lost', e.detail, e.ms);
        lostHere = true;
        recovering = e;
        client.onrecover?.({ phase: 'restarting', cause: e.cause, ms: e.ms });
        // A newer request is queued behind this one: it restarts the worker and runs instead.
        if (ticket !== latest) return null;
      }
    }
  }

  return client;
}
