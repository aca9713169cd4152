// The browser side of the worker bridge: start the worker, wait for its ready
// signal, surface load errors, and run scenarios through Comlink. Runs are
// serialised with "latest wins" so a dragged slider never queues stale work.
import * as Comlink from 'comlink';
import type { WorkerApi } from './worker';
import type { RunRequest, RunResult } from './core';

const READY = 'kvmplay:ready';
const LOAD_ERROR = 'kvmplay:load-error';

export interface SimClient {
  /** Run now; resolves null if a newer request superseded this one before it started. */
  run(req: RunRequest): Promise<RunResult | null>;
  terminate(): void;
}

export function createSimClient(worker: Worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })): Promise<SimClient> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      worker.terminate();
      reject(new Error(`the simulation worker failed to load: ${message}`));
    };
    worker.addEventListener('error', (e) => fail(e.message || 'script error'), { once: true });
    const onMessage = (e: MessageEvent) => {
      const d = e.data as { type?: string; message?: string } | null;
      if (d?.type === READY) {
        worker.removeEventListener('message', onMessage);
        resolve(makeClient(worker));
      } else if (d?.type === LOAD_ERROR) {
        worker.removeEventListener('message', onMessage);
        fail(d.message ?? 'unknown error');
      }
    };
    worker.addEventListener('message', onMessage);
  });
}

function makeClient(worker: Worker): SimClient {
  const api = Comlink.wrap<WorkerApi>(worker);
  let busy: Promise<unknown> = Promise.resolve();
  let latest = 0;
  return {
    run(req) {
      const ticket = ++latest;
      const next = busy.then(() => (ticket === latest ? api.run(req) : null));
      busy = next.catch(() => undefined);
      return next;
    },
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
