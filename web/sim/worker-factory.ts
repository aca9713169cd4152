// How the page starts a simulation worker: the worker script beside the site.
// (The web component and the single-file build swap this module for
// worker-factory-inline.ts: the worker inside the script, started from a blob.)
export const makeWorker = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
