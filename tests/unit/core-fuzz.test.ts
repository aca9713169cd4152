// Fuzzing the core in CI: many small runs with random in-range parameters,
// across every scenario and both host presets, each checked against the
// invariants any run must keep (time accounting, counter consistency, ordered
// distribution summaries, a clean stop at the event budget) and, for a sample,
// determinism to the byte. The seed is fixed so CI runs the same sets every
// time; a failure prints the counterexample (scenario, params, seed) to replay.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadCore } from '../../web/sim/node';
import { PARAMS, SCENARIOS, HOST_PRESETS, unavailableOptions, type IntParam, type Params } from '../../web/sim/schema';
import type { RunResult } from '../../web/sim/core';

const core = await loadCore();

/**
 * The fuzzer's seed and size (the figures CI logs print). Fixed, so CI runs
 * the same sets every time; KVMPLAY_FUZZ_SEED and KVMPLAY_FUZZ_RUNS explore
 * others by hand (`KVMPLAY_FUZZ_SEED=7 npx vitest run tests/unit/core-fuzz.test.ts`).
 */
const FUZZ_SEED = envInt('KVMPLAY_FUZZ_SEED') ?? 20261122;
const FUZZ_RUNS = envInt('KVMPLAY_FUZZ_RUNS') ?? 10_000;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}
/** Every this-many-th set is run twice and compared byte for byte. */
const DETERMINISM_EVERY = 50;
/** Events per run: enough for most small runs to finish, small enough to keep the file fast. */
const MAX_EVENTS = 200_000;

const HOSTS = Object.keys(HOST_PRESETS);

/** Run sizes kept small; every other parameter over its whole range. */
function intRange(name: string): { min: number; max: number } {
  const p = PARAMS[name] as IntParam;
  if (name === 'duration_ns') return { min: 1_000_000, max: 5_000_000 };
  if (name === 'iterations') return { min: 1, max: 30 };
  if (name === 'warmup') return { min: 0, max: 5 };
  if (name === 'loop_iterations') return { min: 1, max: 20_000 };
  if (name === 'samples') return { min: 100, max: 300 };
  if (name === 'phase_work_ns') return { min: 1_000_000, max: 3_000_000 };
  return { min: p.min, max: p.max };
}

interface FuzzCase {
  scenario: string;
  params: Params;
  seed: number;
}

/** One scenario's parameters: enum values are drawn among the options the chosen host has (unavailableOptions). */
function scenarioArb(spec: (typeof SCENARIOS)[number]): fc.Arbitrary<FuzzCase> {
  const shape: Record<string, fc.Arbitrary<number>> = {};
  for (const n of spec.params) {
    if (n === 'host') continue;
    const p = PARAMS[n];
    // An enum is drawn as an index, mapped onto the options left once the host is known.
    shape[n] = p.kind === 'enum' ? fc.nat({ max: p.options.length - 1 }) : fc.integer(intRange(n));
  }
  return fc
    .record({ host: fc.constantFrom(...HOSTS), values: fc.record(shape), seed: fc.integer({ min: 0, max: 0xffffffff }) })
    .map(({ host, values, seed }) => {
      const params: Params = {};
      if (spec.params.includes('host')) params.host = host;
      for (const n of spec.params) {
        if (n === 'host') continue;
        const p = PARAMS[n];
        if (p.kind === 'int') {
          params[n] = values[n];
          continue;
        }
        const lacks = unavailableOptions(n, params);
        const allowed = p.options.filter((o) => !lacks.includes(o));
        params[n] = allowed[values[n] % allowed.length];
      }
      return { scenario: spec.name, params, seed };
    });
}

const caseArb = fc.oneof(...SCENARIOS.map(scenarioArb));

interface Summary {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const SUMMARY_KEYS = ['min', 'mean', 'p50', 'p90', 'p99', 'max'] as const;

function isSummary(x: unknown): x is Summary {
  return typeof x === 'object' && x !== null && SUMMARY_KEYS.every((k) => k in x);
}

/** Every distribution summary anywhere in metrics, with its path. */
function summaries(x: unknown, path: string, out: [string, Summary][] = []): [string, Summary][] {
  if (isSummary(x)) out.push([path, x]);
  else if (typeof x === 'object' && x !== null) {
    for (const [k, v] of Object.entries(x)) summaries(v, `${path}.${k}`, out);
  }
  return out;
}

const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

/** The invariants every run keeps; `what` names the run in a failure. Returns how many distribution summaries it checked. */
function checkRun(r: RunResult, what: string): number {
  const at = (s: string) => `${what}: ${s}`;
  expect(['ok', 'budget_exhausted'], at('status')).toContain(r.status);
  if (r.status === 'budget_exhausted') {
    expect(typeof r.message, at('a budget stop carries a message')).toBe('string');
    expect(r.message!.length, at('a budget stop carries a message')).toBeGreaterThan(0);
  } else expect(r.message, at('an ok run has no message')).toBeUndefined();
  expect(r.sim_time_ns, at('sim_time_ns')).toBeGreaterThanOrEqual(0);

  // Where each pCPU's time went adds up to the simulated time; the echoed
  // parameters say how many pCPUs ran (virt=off runs one per vCPU).
  expect(r.pcpu.length, at('pcpus')).toBeGreaterThan(0);
  if ('pcpus' in r.params) expect(r.pcpu.length, at('params.pcpus is the pCPUs that ran')).toBe(r.params.pcpus);
  if (r.params.virt === 'off' && 'host_tasks' in r.params) expect(r.params.host_tasks, at('bare metal has no host tasks')).toBe(0);
  r.pcpu.forEach((p, i) => {
    for (const [k, v] of Object.entries(p)) expect(v, at(`pcpu[${i}].${k} >= 0`)).toBeGreaterThanOrEqual(0);
    expect(p.guest_ns + p.host_ns + p.poll_ns + p.other_ns + p.idle_ns, at(`pcpu[${i}] time adds up to sim_time_ns`)).toBe(r.sim_time_ns);
  });

  // Exits per vCPU sum to exits, reason by reason; kvm_stat.exits is their total.
  const perReason: Record<string, number> = {};
  for (const v of r.exits_per_vcpu) for (const [k, n] of Object.entries(v)) perReason[k] = (perReason[k] ?? 0) + n;
  expect(perReason, at('exits_per_vcpu sums to exits')).toEqual(r.exits);
  for (const [k, n] of Object.entries(r.exits)) expect(n, at(`exits.${k} > 0`)).toBeGreaterThan(0);
  expect(r.kvm_stat.exits, at('kvm_stat.exits = sum of exits')).toBe(sum(r.exits));

  // KVM's halt statistics.
  const h = r.halt;
  expect(h.halt_successful_poll, at('halt_successful_poll <= halt_attempted_poll')).toBeLessThanOrEqual(h.halt_attempted_poll);
  expect(h.halt_attempted_poll, at('halt_attempted_poll <= halt_exits')).toBeLessThanOrEqual(h.halt_exits);
  expect(h.halt_exits, at('halt_exits = exits.HLT')).toBe(r.exits.HLT ?? r.exits.hlt ?? 0); // SVM hosts name it hlt

  // The perf kvm stat table counts completed exits: never more than were taken.
  for (const row of r.exit_time.rows) {
    expect(row.samples, at(`exit_time ${row.reason} samples <= exits`)).toBeLessThanOrEqual(r.exits[row.reason] ?? 0);
    expect(row.min_ns, at(`exit_time ${row.reason} min <= max`)).toBeLessThanOrEqual(row.max_ns);
  }
  expect(r.exit_time.total_samples, at('exit_time total_samples <= kvm_stat.exits')).toBeLessThanOrEqual(r.kvm_stat.exits);

  // Distribution summaries are ordered.
  const found = summaries(r.metrics, 'metrics');
  for (const [path, s] of found) {
    for (const k of SUMMARY_KEYS) expect(Number.isFinite(s[k]), at(`${path}.${k} is finite`)).toBe(true);
    expect(s.min, at(`${path}: min <= p50`)).toBeLessThanOrEqual(s.p50);
    expect(s.p50, at(`${path}: p50 <= p90`)).toBeLessThanOrEqual(s.p90);
    expect(s.p90, at(`${path}: p90 <= p99`)).toBeLessThanOrEqual(s.p99);
    expect(s.p99, at(`${path}: p99 <= max`)).toBeLessThanOrEqual(s.max);
    expect(s.min, at(`${path}: min <= mean`)).toBeLessThanOrEqual(s.mean);
    expect(s.mean, at(`${path}: mean <= max`)).toBeLessThanOrEqual(s.max);
  }
  expect(r.samples_info.kept, at('samples kept <= seen')).toBeLessThanOrEqual(r.samples_info.seen);
  return found.length;
}

describe('core fuzzing', () => {
  it(`${FUZZ_RUNS} random in-range parameter sets across every scenario and host keep the model's invariants`, () => {
    const started = performance.now();
    let runs = 0;
    let repeated = 0;
    let exhausted = 0;
    let summariesChecked = 0;
    const withSummaries = new Set<string>();
    const byScenario: Record<string, number> = {};
    const byHost: Record<string, number> = {};
    fc.assert(
      fc.property(caseArb, ({ scenario, params, seed }) => {
        const req = { scenario, params, seed, maxEvents: MAX_EVENTS };
        const what = `${scenario} seed=${seed} params=${JSON.stringify(params)}`;
        const r = core.run(req);
        runs++;
        byScenario[scenario] = (byScenario[scenario] ?? 0) + 1;
        byHost[String(r.params.host)] = (byHost[String(r.params.host)] ?? 0) + 1;
        if (r.status === 'budget_exhausted') exhausted++;
        const n = checkRun(r, what);
        summariesChecked += n;
        if (n > 0) withSummaries.add(scenario);
        if (runs % DETERMINISM_EVERY === 0) {
          repeated++;
          expect(JSON.stringify(core.run(req)), `${what}: the same run twice gives byte-identical JSON`).toBe(JSON.stringify(r));
        }
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `core fuzz: ${runs} parameter sets (seed ${FUZZ_SEED}) in ${seconds.toFixed(1)} s; ${repeated} re-run for determinism; ` +
        `${exhausted} stopped at the ${MAX_EVENTS}-event budget; ${summariesChecked} distribution summaries checked; by scenario ${JSON.stringify(byScenario)}; by host ${JSON.stringify(byHost)}; 0 failures`,
    );
    expect(runs).toBe(FUZZ_RUNS);
    expect(Object.keys(byScenario).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
    expect(Object.keys(byHost).sort()).toEqual([...HOSTS].sort());
    // The scenarios whose metrics hold distributions had them checked.
    expect([...withSummaries].sort()).toEqual(['disk', 'ipi-hlt', 'nic', 'spinlock', 'tcp-rr']);
  });

  it('a tiny event budget ends a long run with status budget_exhausted and a message', () => {
    for (const spec of SCENARIOS) {
      const LONG: Record<string, Params> = {
        'perf-stat': { loop_iterations: 1_000_000 }, 'perf-record': { samples: 50_000 }, 'vpmu-switch': { phase_work_ns: 1_000_000_000 },
      };
      const params: Params = LONG[spec.name] ?? (spec.params.includes('duration_ns') ? { duration_ns: 10_000_000_000 } : { iterations: 100_000 });
      const r = core.run({ scenario: spec.name, params, seed: 7, maxEvents: 1000 });
      expect(r.status, spec.name).toBe('budget_exhausted');
      expect(r.events, spec.name).toBe(1000);
      expect(r.message, spec.name).toMatch(/^simulation stopped after 1000 events \(budget 1000\)/);
      expect(r.sim_time_ns, spec.name).toBeLessThan(10_000_000_000);
      checkRun(r, `${spec.name} budget 1000`);
    }
  });
});
