import { instantiate } from '../../build/core.js';
import { loadCore, loadCoreModule } from '../../web/sim/node';
import type { RunRequest, RunResult } from '../../web/sim/core';

/** The raw wasm exports (for the bare event queue). */
export async function rawCore() {
  return instantiate(await loadCoreModule(), { env: {} });
}

export async function run(scenario: string, params: Record<string, unknown> = {}, extra: Partial<RunRequest> = {}): Promise<RunResult> {
  return (await loadCore()).run({ scenario, params, ...extra });
}

/** |actual / expected - 1| */
export function relErr(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}
