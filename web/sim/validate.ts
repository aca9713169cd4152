// Validation of parameters from any source (CLI arguments, URL, UI, embed
// attributes): every value is checked against the schema and a wrong one is
// reported with its name, the value given and the accepted range.
import { PARAMS, HOST_PRESETS, describeRange, findScenario, scenarioDefault, unavailableOptions, SCENARIOS, type Params, type ScenarioSpec } from './schema';

export class ParamError extends Error {
  override name = 'ParamError';
}

export const SEED_MAX = 0xffffffff;

export function requireScenario(name: string): ScenarioSpec {
  const s = findScenario(name);
  if (!s) {
    throw new ParamError(`unknown scenario '${name}' (known: ${SCENARIOS.map((x) => x.name).join(', ')})`);
  }
  return s;
}

/** Check one value; numbers may arrive as strings (CLI, URL). */
export function checkValue(scenario: ScenarioSpec, name: string, raw: unknown): number | string {
  const spec = PARAMS[name];
  if (!spec || !scenario.params.includes(name)) {
    throw new ParamError(`unknown parameter '${name}' for scenario '${scenario.name}' (known: ${scenario.params.join(', ')})`);
  }
  const range = describeRange(spec);
  if (spec.kind === 'enum') {
    const v = String(raw);
    if (!spec.options.includes(v)) throw new ParamError(`${name}=${v} is not accepted: expected ${range}`);
    return v;
  }
  const text = String(raw).trim();
  const v = typeof raw === 'number' ? raw : /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v)) {
    throw new ParamError(`${name}=${text === '' ? "''" : text} is not an integer: expected ${range}`);
  }
  if (v < spec.min || v > spec.max) throw new ParamError(`${name}=${v} is out of range: expected ${range}`);
  return v;
}

/** Defaults filled in (the chosen host's first), every given value checked, then the combinations. */
export function resolveParams(scenario: ScenarioSpec, given: Record<string, unknown> = {}): Params {
  const out: Params = {};
  for (const name of Object.keys(given)) checkValue(scenario, name, given[name]);
  const host = 'host' in given ? String(checkValue(scenario, 'host', given.host)) : undefined;
  for (const name of scenario.params) {
    out[name] = name in given ? checkValue(scenario, name, given[name]) : scenarioDefault(scenario, name, host);
  }
  checkCombination(out);
  return out;
}

/** The first value that is in range but that the chosen host cannot have, described; null if none. */
export function unavailableProblem(p: Params): { name: string; message: string } | null {
  for (const [name, v] of Object.entries(p)) {
    if (!unavailableOptions(name, p).includes(String(v))) continue;
    const hosts = Object.keys(HOST_PRESETS).filter((h) => !unavailableOptions(name, { ...p, host: h }).includes(String(v)));
    return { name, message: `${name}=${v} is not available on host=${p.host}: its hardware lacks it (expected host=${hosts.join(' | ')}, or another ${name})` };
  }
  return null;
}

function checkCombination(p: Params): void {
  const problem = unavailableProblem(p);
  if (problem) throw new ParamError(problem.message);
}

export function checkSeed(raw: unknown): number {
  const text = String(raw).trim();
  const v = typeof raw === 'number' ? raw : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v) || v < 0 || v > SEED_MAX) {
    throw new ParamError(`seed=${text === '' ? "''" : text} is not accepted: expected an integer 0 – ${SEED_MAX}`);
  }
  return v;
}

/** Split "name=value" (the CLI's and the terminal's form). */
export function parseAssignment(arg: string): [string, string] {
  const i = arg.indexOf('=');
  if (i <= 0) throw new ParamError(`'${arg}' is not a name=value parameter`);
  return [arg.slice(0, i), arg.slice(i + 1)];
}
