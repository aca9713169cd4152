// Scenario-specific metrics built from the decoded arrays.
import type { Decoded } from '../core';
import { ipiHltMetrics } from './ipi-hlt';

export interface Built {
  metrics: Record<string, unknown>;
  samples: Record<string, number[]>;
}

const BUILDERS: Record<string, (d: Decoded) => Built> = {
  'ipi-hlt': ipiHltMetrics,
};

export function scenarioMetrics(name: string, d: Decoded): Built {
  const b = BUILDERS[name];
  if (!b) throw new Error(`no metrics for scenario '${name}'`);
  return b(d);
}
