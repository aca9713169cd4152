import { instantiate } from '../../build/core.js';
import { loadCore, loadCoreModule } from '../../web/sim/node';
import type { RunRequest, RunResult } from '../../web/sim/core';
import { PARAMS, unavailableOptions, type EnumParam } from '../../web/sim/schema';

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

/** A host without IPI virtualization rejects ipiv=on: random parameter sets keep to what the chosen host has. */
export function hostConsistent<T extends Record<string, unknown>>(p: T): T {
  const out: Record<string, unknown> = p.ipiv === 'on' && p.host !== 'spr-6.x' ? { ...p, ipiv: 'off' } : { ...p };
  // Likewise every option the host's hardware or kernel lacks (vpmu, pmu): the first it has.
  for (const [k, v] of Object.entries(out)) {
    const lacks = unavailableOptions(k, out as Record<string, string | number>);
    if (lacks.includes(String(v))) out[k] = (PARAMS[k] as EnumParam).options.find((o) => !lacks.includes(o));
  }
  return out as T;
}
