// A widget's state (the lesson widget's, an embed's, the explorer's) read
// from and written to a query: the packed form (?s=1.…, state-codec.ts)
// and, for hand-written links, plain name=value keys, which win over the
// packed ones. Everything read goes through parseExploreQuery and so
// through the schema's validation: a bad value is reported, in the reader's
// language, and its default stands in for it.
import { defaultExploreState, defaultIn, parseExploreQuery, type ExploreState } from './explore-url';
import { STATE_KEY, packState, unpackState } from './state-codec';
import type { InputProblem } from './problem-text';
import { requireScenario } from '../sim/validate';
import type { WidgetDef } from '../embed/catalogue';

/**
 * One query with the packed state unfolded into plain keys. `ignore`: keys
 * that belong to the page, not the state (view, lang, embed options).
 */
export function expandState(q: URLSearchParams, ignore: ReadonlySet<string>): { query: URLSearchParams; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const query = new URLSearchParams();
  const packed = q.getAll(STATE_KEY);
  if (packed.length > 1) problems.push({ code: 'duplicate', param: STATE_KEY, value: packed[0] });
  const plain = new Set([...q.keys()].filter((k) => k !== STATE_KEY && !ignore.has(k)));
  if (packed.length > 0) {
    const got = unpackState(packed[0]);
    if ('problem' in got) problems.push(got.problem);
    else for (const [k, v] of got.entries) if (!plain.has(k)) query.append(k, v);
  }
  for (const k of plain) for (const v of q.getAll(k)) query.append(k, v);
  return { query, problems };
}

/** The widget's state from a query: its scenario, its own parameters and the seed; anything else is reported. */
export function parseWidgetQuery(
  def: WidgetDef,
  q: URLSearchParams,
  ignore: ReadonlySet<string>,
): { state: ExploreState; problems: InputProblem[] } {
  const { query, problems } = expandState(q, ignore);
  const own = new URLSearchParams();
  for (const [k, v] of query) {
    if (k === 'scenario') {
      if (v !== def.scenario) problems.push({ code: 'wrong_scenario', value: v, known: [def.scenario], used: def.scenario });
    } else if (k === 'seed' || def.params.includes(k)) own.append(k, v);
    else problems.push({ code: 'unknown_param', param: k, scenario: def.name, known: [...def.params, 'seed'] });
  }
  own.set('scenario', def.scenario);
  const parsed = parseExploreQuery(own);
  return { state: parsed.state, problems: [...problems, ...parsed.problems] };
}

/** The widget's default state. */
export function defaultWidgetState(def: WidgetDef): ExploreState {
  return defaultExploreState(def.scenario);
}

/** The packed form of a state: the scenario, the parameters that differ from their defaults, and always the seed. */
export function packExploreState(state: ExploreState, only?: readonly string[]): string {
  const spec = requireScenario(state.scenario);
  const params: Record<string, string | number> = {};
  for (const name of only ?? spec.params) {
    const v = state.params[name];
    if (v !== undefined && v !== defaultIn(spec, state.params, name)) params[name] = v;
  }
  return packState({ scenario: spec.name, params, seed: state.seed });
}

/** A widget's state as query entries: [['s', packed]]. */
export function widgetEntries(def: WidgetDef, state: ExploreState): [string, string][] {
  return [[STATE_KEY, packExploreState(state, def.params)]];
}
