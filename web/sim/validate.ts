// Validation of parameters from any source (CLI arguments, URL, UI, embed
// attributes): every value is checked against the schema and a wrong one is
// reported as a Problem (problem.ts): its name, the value given and the
// accepted range, as data the CLI and the UI each put into words.
import { PARAMS, HOST_PRESETS, findScenario, scenarioDefault, unavailableOptions, SCENARIOS, type Params, type ScenarioSpec } from './schema';
import { describeProblem, type Problem } from './problem';

export class ParamError extends Error {
  override name = 'ParamError';
  constructor(readonly problem: Problem) {
    super(describeProblem(problem));
  }
}

/** The structured problem behind an error, if it is one of ours. */
export function problemOf(e: unknown): Problem | null {
  return e instanceof ParamError ? e.problem : null;
}

export const SEED_MAX = 0xffffffff;

export function requireScenario(name: string): ScenarioSpec {
  const s = findScenario(name);
  if (!s) {
    throw new ParamError({ code: 'unknown_scenario', value: String(name), known: SCENARIOS.map((x) => x.name) });
  }
  return s;
}

/** Check one value; numbers may arrive as strings (CLI, URL). */
export function checkValue(scenario: ScenarioSpec, name: string, raw: unknown): number | string {
  const spec = Object.hasOwn(PARAMS, name) ? PARAMS[name] : undefined;
  if (!spec || !scenario.params.includes(name)) {
    throw new ParamError({ code: 'unknown_param', param: name, scenario: scenario.name, known: scenario.params });
  }
  const typed = String(raw);
  if (spec.kind === 'enum') {
    if (!spec.options.includes(typed)) throw new ParamError({ code: 'not_option', param: name, value: typed, options: spec.options });
    return typed;
  }
  const range = { param: name, value: typed, min: spec.min, max: spec.max, unit: spec.unit };
  const text = typed.trim();
  const v = typeof raw === 'number' ? raw : /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v)) throw new ParamError({ code: 'not_integer', ...range });
  if (!Number.isSafeInteger(v) || v < spec.min || v > spec.max) throw new ParamError({ code: 'out_of_range', ...range });
  return v;
}

/** Defaults filled in (the chosen host's first), every given value checked, then the combinations. */
export function resolveParams(scenario: ScenarioSpec, given: Record<string, unknown> = {}): Params {
  const out: Params = {};
  // Own properties only: '__proto__', 'constructor' or 'toString' given as a
  // name (an own key of a null-prototype or JSON-parsed object) is unknown,
  // and an inherited one is never taken for a given value.
  for (const name of Object.keys(given)) checkValue(scenario, name, given[name]);
  const has = (name: string) => Object.hasOwn(given, name);
  const host = has('host') ? String(checkValue(scenario, 'host', given.host)) : undefined;
  for (const name of scenario.params) {
    out[name] = has(name) ? checkValue(scenario, name, given[name]) : scenarioDefault(scenario, name, host);
  }
  checkCombination(out);
  return out;
}

/** The first value that is in range but that the chosen host cannot have; null if none. */
export function unavailableProblem(p: Params): Problem | null {
  for (const [name, v] of Object.entries(p)) {
    if (!unavailableOptions(name, p).includes(String(v))) continue;
    const hosts = Object.keys(HOST_PRESETS).filter((h) => !unavailableOptions(name, { ...p, host: h }).includes(String(v)));
    return { code: 'unavailable_on_host', param: name, value: String(v), host: String(p.host), hosts };
  }
  return null;
}

function checkCombination(p: Params): void {
  const problem = unavailableProblem(p);
  if (problem) throw new ParamError(problem);
}

export function checkSeed(raw: unknown): number {
  const typed = String(raw);
  const text = typed.trim();
  const v = typeof raw === 'number' ? raw : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v) || v < 0 || v > SEED_MAX) {
    throw new ParamError({ code: 'bad_seed', value: typed, min: 0, max: SEED_MAX });
  }
  return v;
}

/** Split "name=value" (the CLI's and the terminal's form). */
export function parseAssignment(arg: string): [string, string] {
  const i = arg.indexOf('=');
  if (i <= 0) throw new ParamError({ code: 'not_assignment', value: arg });
  return [arg.slice(0, i), arg.slice(i + 1)];
}
