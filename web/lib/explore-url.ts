// The scenario explorer's state and its shareable form in the query string:
// ?view=explore&scenario=tcp-rr&vcpus=1&seed=7. Only values that differ from
// the scenario's defaults are written. Every value read back is checked by
// validate.ts; a bad one is not dropped silently but reported as a warning
// (PhET-style query parameters) while the default stands in for it. A host
// preset gives other parameters their defaults, so "differs from the
// default" is always judged under the state's host.
import { defaultParams, scenarioDefault, unavailableOptions, SCENARIOS, findScenario, type Params, type ParamValue, type ScenarioSpec } from '../sim/schema';
import { checkSeed, checkValue, requireScenario, unavailableProblem } from '../sim/validate';
import { describeProblem } from '../sim/problem';
import { DEFAULT_SEED } from '../sim/core';

export interface ExploreState {
  scenario: string;
  /** Every parameter the scenario exposes, defaults filled in. */
  params: Params;
  seed: number;
}

export const DEFAULT_SCENARIO = findScenario('tcp-rr')?.name ?? SCENARIOS[0].name;

/** Query keys that belong to the page rather than the explorer. */
const PAGE_KEYS = new Set(['view', 'lang', 'lesson']);

export function defaultExploreState(scenario = DEFAULT_SCENARIO, host?: string): ExploreState {
  return { scenario, params: defaultParams(requireScenario(scenario), host), seed: DEFAULT_SEED };
}

/** A parameter's default in this state: under its host (the host's own default is the scenario's). */
export function defaultIn(spec: ScenarioSpec, params: Params, name: string): ParamValue {
  const host = name === 'host' || params.host === undefined ? undefined : String(params.host);
  return scenarioDefault(spec, name, host);
}

/**
 * The state with one parameter set. A new host also moves every parameter
 * still at the old host's default to the new host's; values the reader
 * changed stay as they are.
 */
export function withParam(state: ExploreState, name: string, value: ParamValue): ExploreState {
  if (name !== 'host' || value === state.params.host) return { ...state, params: { ...state.params, [name]: value } };
  const spec = requireScenario(state.scenario);
  const params: Params = {};
  for (const [p, v] of Object.entries(state.params)) {
    params[p] = p === 'host' ? value : v === defaultIn(spec, state.params, p) ? scenarioDefault(spec, p, String(value)) : v;
  }
  // What the new host's hardware cannot have falls back to its default there.
  for (const p of Object.keys(params)) {
    if (unavailableOptions(p, params).includes(String(params[p]))) params[p] = scenarioDefault(spec, p, String(value));
  }
  return { ...state, params };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function parseExploreQuery(q: URLSearchParams): { state: ExploreState; warnings: string[] } {
  const warnings: string[] = [];
  let state = defaultExploreState();
  const name = q.get('scenario');
  if (name !== null) {
    try {
      state = defaultExploreState(requireScenario(name).name);
    } catch (e) {
      warnings.push(message(e));
    }
  }
  const spec = requireScenario(state.scenario);
  // The host first: it sets the defaults the other values are read against.
  const host = q.get('host');
  if (host !== null) {
    try {
      state = defaultExploreState(state.scenario, String(checkValue(spec, 'host', host)));
    } catch (e) {
      warnings.push(message(e));
    }
  }
  for (const [key, raw] of q) {
    if (PAGE_KEYS.has(key) || key === 'scenario' || key === 'host') continue;
    try {
      if (key === 'seed') state.seed = checkSeed(raw);
      else state.params[key] = checkValue(spec, key, raw);
    } catch (e) {
      warnings.push(message(e));
    }
  }
  // A value the host cannot have (ipiv=on without IPIv) goes back to that host's default, with a word.
  for (let p = unavailableProblem(state.params); p; p = unavailableProblem(state.params)) {
    warnings.push(describeProblem(p));
    state.params[p.param!] = scenarioDefault(spec, p.param!, String(state.params.host));
  }
  return { state, warnings };
}

/** The explorer's query entries: the scenario, then changed parameters in display order, then a non-default seed. */
export function exploreEntries(state: ExploreState): [string, string][] {
  const spec = requireScenario(state.scenario);
  const out: [string, string][] = [['scenario', spec.name]];
  for (const name of spec.params) {
    const v = state.params[name];
    if (v !== undefined && v !== defaultIn(spec, state.params, name)) out.push([name, String(v)]);
  }
  if (state.seed !== DEFAULT_SEED) out.push(['seed', String(state.seed)]);
  return out;
}
