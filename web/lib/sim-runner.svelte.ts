// A component's connection to the simulator: start the worker on mount, run
// requests with "latest wins" (only the newest request's answer is kept) and
// expose what the page shows: the last good result, busy, a worker being
// replaced, and any error. A failure to start (or to restart) leaves the
// simulator stopped until retry().
import { untrack } from 'svelte';
import { SimFailure, type RecoveryEvent, type SimClient } from '../sim/client';
import type { RunRequest, RunResult } from '../sim/core';

export type RunnerState = 'loading' | 'busy' | 'idle' | 'error';

/** A lost worker: being replaced (`restarting`), or replaced and the request re-run (`recovered`). */
export interface Recovery {
  phase: 'restarting' | 'recovered';
  cause: RecoveryEvent['cause'];
  ms?: number;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class SimRunner {
  client = $state.raw<SimClient | null>(null);
  /** Why the simulator is stopped (it could not start, or died twice on one request); cleared by retry(). */
  failure = $state.raw<SimFailure | null>(null);
  runError = $state<string | null>(null);
  result = $state.raw<RunResult | null>(null);
  /** A run is under way on a live worker. */
  busy = $state(false);
  recovery = $state.raw<Recovery | null>(null);
  /** A simulator is being started (on mount, or by retry()). */
  starting = $state(false);
  #ticket = 0;
  #create: (() => Promise<SimClient>) | null = null;
  #stop: (() => void) | null = null;
  #last: RunRequest | null = null;

  /** The failure's detail (kept for pages that show only a string). */
  get loadError(): string | null {
    return this.failure ? this.failure.message : null;
  }

  /** For data-state: what a test (or a reader of the DOM) waits on. */
  get state(): RunnerState {
    if (this.failure || (this.runError && !this.result)) return 'error';
    if (!this.result) return 'loading';
    return this.busy || this.starting || this.recovery?.phase === 'restarting' ? 'busy' : 'idle';
  }

  /** Start the simulator (call from onMount); returns the clean-up that stops it. */
  connect(create: () => Promise<SimClient>): () => void {
    this.#create = create;
    this.#start();
    return () => {
      this.#stop?.();
      this.#stop = null;
    };
  }

  /** Start a new simulator after a failure; the latest request runs again once it is up. */
  retry(): void {
    if (!this.#create) return;
    this.#stop?.();
    this.client = null;
    this.failure = null;
    this.runError = null;
    this.recovery = null;
    this.#start();
  }

  #start(): void {
    const create = this.#create!;
    let disposed = false;
    let started: SimClient | null = null;
    this.#stop = () => {
      disposed = true;
      started?.terminate();
    };
    this.starting = true;
    create().then(
      (c) => {
        if (disposed) return c.terminate();
        this.starting = false;
        started = c;
        c.onrecover = (e) => {
          if (disposed) return;
          if (e.phase === 'restarting') {
            // The worker is gone: nothing is computing until its replacement is up.
            this.recovery = { phase: 'restarting', cause: e.cause, ms: e.ms };
            this.busy = false;
          } else if (this.recovery) {
            this.busy = true; // the latest request runs again on the new worker
          }
        };
        this.client = c;
        // A retry re-runs what was last asked for (the component's effect only reruns on its own changes).
        if (this.#last) this.run(this.#last);
      },
      (e: unknown) => {
        if (disposed) return;
        this.starting = false;
        this.#fail(e);
      },
    );
  }

  #fail(e: unknown): void {
    this.failure = e instanceof SimFailure ? e : new SimFailure('load-failed', message(e));
    this.busy = false;
    this.recovery = null;
  }

  /**
   * Run once the simulator is up (the request is kept and run when it is); a
   * newer call supersedes this one. Untracked: an effect that calls it reruns
   * only on its own inputs.
   */
  run(req: RunRequest): void {
    untrack(() => this.#run(req));
  }

  #run(req: RunRequest): void {
    const client = this.client;
    if (this.#last !== req) {
      this.#last = req;
      // A new request after a recovery: the notice has been read.
      if (this.recovery?.phase === 'recovered') this.recovery = null;
    }
    if (!client || this.failure) return;
    const mine = ++this.#ticket;
    this.busy = true;
    client.run(req).then(
      (r) => {
        if (mine !== this.#ticket) return;
        if (r) {
          this.result = r;
          this.runError = null;
          if (this.recovery) this.recovery = { ...this.recovery, phase: 'recovered' };
        }
        this.busy = false;
      },
      (e: unknown) => {
        if (mine !== this.#ticket) return;
        if (e instanceof SimFailure) this.#fail(e);
        else {
          this.runError = message(e);
          this.busy = false;
        }
      },
    );
  }
}
