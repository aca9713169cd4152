// The core in a Web Worker. The API is exposed synchronously (messages sent
// while a module worker is still in top-level await are dropped), each call
// awaits the instance, and a ready / load-error message tells the client when
// the wasm is usable.
import * as Comlink from 'comlink';
import { coreBytes } from './core-bytes';
import { createCore, type Core, type RunRequest, type RunResult } from './core';

export const READY = 'kvmplay:ready';
export const LOAD_ERROR = 'kvmplay:load-error';

const core: Promise<Core> = (async () => createCore(await WebAssembly.compile(await coreBytes())))();

const api = {
  async run(req: RunRequest): Promise<RunResult> {
    return (await core).run(req);
  },
};
export type WorkerApi = typeof api;

Comlink.expose(api);

core.then(
  () => postMessage({ type: READY }),
  (e: unknown) => postMessage({ type: LOAD_ERROR, message: e instanceof Error ? e.message : String(e) }),
);
