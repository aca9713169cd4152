// The scenario explorer's state and its shareable form in the query string:
// ?view=explore&scenario=tcp-rr&vcpus=1&seed=7. Only values that differ from
// the scenario's defaults are written. Every value read back is checked by
// validate.ts; a bad one is not dropped silently but reported as a warning
// (PhET-style query parameters) while the default stands in for it. A host
// preset gives other parameters their defaults, so "differs from the
// default" is always judged under the state's host.
import { defaultParams, scenarioDefault, unavailableOptions, SCENARIOS, findScenario, type Params, type ParamValue, type ScenarioSpec } from '../sim/schema';
import { checkSeed, checkValue, problemOf, requireScenario, unavailableProblem } from '../sim/validate';
import type { Problem } from '../sim/problem';
import type { InputProblem } from './problem-text';
import { PAGE_KEYS } from './url-state';
import { DEFAULT_SEED } from '../sim/core';
import { expandState, packExploreState } from './widget-state';
import { STATE_KEY } from './state-codec';

export interface ExploreState {
  scenario: string;
  /** Every parameter the scenario exposes, defaults filled in. */
  params: Params;
  seed: number;
}

export const DEFAULT_SCENARIO = findScenario('tcp-rr')?.name ?? SCENARIOS[0].name;

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

/** A ParamError's problem; anything else is a bug, and is thrown on. */
function problem(e: unknown): Problem {
  const p = problemOf(e);
  if (!p) throw e;
  return p;
}

/**
 * The explorer's state from the query, and every problem with it: a bad
 * value is reported while the default stands in for it; a key given more
 * than once is reported and its first value is used, as for the scenario.
 */
export function parseExploreQuery(packedOrPlain: URLSearchParams): { state: ExploreState; problems: InputProblem[] } {
  // The packed state (?s=1.…) unfolded into plain keys; a plain key wins over its packed value.
  const { query: q, problems } = expandState(packedOrPlain, PAGE_KEYS);
  const first = (key: string): string | null => {
    const all = q.getAll(key);
    if (all.length > 1) problems.push({ code: 'duplicate', param: key, value: all[0] });
    return all.length > 0 ? all[0] : null;
  };
  let state = defaultExploreState();
  const name = first('scenario');
  if (name !== null) {
    try {
      state = defaultExploreState(requireScenario(name).name);
    } catch (e) {
      problems.push(problem(e));
    }
  }
  const spec = requireScenario(state.scenario);
  // The host first: it sets the defaults the other values are read against.
  const host = first('host');
  if (host !== null) {
    try {
      state = defaultExploreState(state.scenario, String(checkValue(spec, 'host', host)));
    } catch (e) {
      problems.push(problem(e));
    }
  }
  for (const key of new Set(q.keys())) {
    if (PAGE_KEYS.has(key) || key === 'scenario' || key === 'host') continue;
    const raw = first(key)!;
    try {
      if (key === 'seed') state.seed = checkSeed(raw);
      else state.params[key] = checkValue(spec, key, raw);
    } catch (e) {
      problems.push(problem(e));
    }
  }
  // A value the host cannot have (ipiv=on without IPIv) goes back to that host's default, with a word.
  for (let p = unavailableProblem(state.params); p; p = unavailableProblem(state.params)) {
    problems.push(p);
    state.params[p.param!] = scenarioDefault(spec, p.param!, String(state.params.host));
  }
  return { state, problems };
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

/** The explorer's query entries as written to the address: the packed state (scenario, changed parameters, seed). */
export function packedExploreEntries(state: ExploreState): [string, string][] {
  return [[STATE_KEY, packExploreState(state)]];
}
