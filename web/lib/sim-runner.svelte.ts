// A component's connection to the simulator: start the worker on mount, run
// requests with "latest wins" (only the newest request's answer is kept) and
// expose what the page shows: the last good result, busy, and any error.
import type { SimClient } from '../sim/client';
import type { RunRequest, RunResult } from '../sim/core';

export type RunnerState = 'loading' | 'busy' | 'idle' | 'error';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class SimRunner {
  client = $state.raw<SimClient | null>(null);
  loadError = $state<string | null>(null);
  runError = $state<string | null>(null);
  result = $state.raw<RunResult | null>(null);
  busy = $state(false);
  #ticket = 0;

  /** For data-state: what a test (or a reader of the DOM) waits on. */
  get state(): RunnerState {
    if (this.loadError || (this.runError && !this.result)) return 'error';
    if (!this.result) return 'loading';
    return this.busy ? 'busy' : 'idle';
  }

  /** Start the simulator (call from onMount); returns the clean-up that stops it. */
  connect(create: () => Promise<SimClient>): () => void {
    let disposed = false;
    let started: SimClient | null = null;
    create().then(
      (c) => {
        if (disposed) return c.terminate();
        started = c;
        this.client = c;
      },
      (e: unknown) => {
        if (!disposed) this.loadError = message(e);
      },
    );
    return () => {
      disposed = true;
      started?.terminate();
    };
  }

  /** Run once the simulator is up; a newer call supersedes this one. */
  run(req: RunRequest): void {
    const client = this.client;
    if (!client) return;
    const mine = ++this.#ticket;
    this.busy = true;
    client.run(req).then(
      (r) => {
        if (mine !== this.#ticket) return;
        if (r) {
          this.result = r;
          this.runError = null;
        }
        this.busy = false;
      },
      (e: unknown) => {
        if (mine !== this.#ticket) return;
        this.runError = message(e);
        this.busy = false;
      },
    );
  }
}
