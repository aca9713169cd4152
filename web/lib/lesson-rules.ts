// What a lesson is checked against at build time (lesson-format.ts
// LessonRules): the schema's scenarios and its validation of a value, the
// terminal's own command table and the parameters its machine gives the
// model (for terminal steps), and the sources in lessons/sources.yaml.
import { readFileSync } from 'node:fs';
import fm from 'front-matter';
import { PARAMS, SCENARIOS } from '../sim/schema';
import { checkValue, requireScenario, resolveParams } from '../sim/validate';
import { COMMANDS } from '../terminal/commands/index';
import { machineParams } from '../terminal/model';
import { initialState } from '../terminal/state';
import type { LessonRules } from './lesson-format';

/**
 * The parameters a step may require: those the terminal's machine state
 * gives the model (model.ts machineParams), plus the devices QEMU's -device
 * and -drive add (state.ts deviceParams). A step naming any other schema
 * parameter could never be met, so it is refused like an unknown one.
 */
function stepParamNames(): string[] {
  const names = new Set(Object.keys(machineParams(initialState(), 'en')));
  for (const device of ['nic', 'disk']) names.add(device);
  return [...names].filter((n) => Object.hasOwn(PARAMS, n)).sort();
}

const SOURCES_FILE = new URL('../../lessons/sources.yaml', import.meta.url);

/** lessons/sources.yaml, checked: each id has a citation, and a url only if it is an https:// address. */
export function lessonSources(): LessonRules['sources'] {
  // front-matter's YAML parser (the one lessons use) reads the file as a front matter block.
  const raw = fm<unknown>(`---\n${readFileSync(SOURCES_FILE, 'utf8')}\n---\n`).attributes;
  if (typeof raw !== 'object' || raw === null) throw new Error('lessons/sources.yaml: expected a mapping of ids to { citation, url }');
  const out: Record<string, { citation: string; url?: string }> = {};
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    const e = v as { citation?: unknown; url?: unknown } | null;
    if (!e || typeof e.citation !== 'string' || e.citation.trim() === '') throw new Error(`lessons/sources.yaml: '${id}' needs a citation`);
    if (e.url !== undefined && (typeof e.url !== 'string' || !/^https:\/\/\S+$/.test(e.url))) {
      throw new Error(`lessons/sources.yaml: '${id}'.url must be an https:// address`);
    }
    out[id] = { citation: e.citation.trim(), ...(typeof e.url === 'string' && { url: e.url }) };
  }
  return out;
}

export function lessonRules(): LessonRules {
  const params = stepParamNames();
  // checkValue checks a value for a scenario's parameters: here, the terminal's.
  const scope = { name: 'terminal', id: -1, title: '', summary: '', params };
  return {
    commands: new Map(COMMANDS.map((c) => [c.name, c.where])),
    params,
    checkValue: (name, raw) => checkValue(scope, name, raw),
    scenarios: new Map(SCENARIOS.map((s) => [s.name, { params: s.params, ints: s.params.filter((p) => PARAMS[p].kind === 'int') }])),
    checkScenarioValue: (scenario, name, raw) => checkValue(requireScenario(scenario), name, raw),
    resolve: (scenario, given) => void resolveParams(requireScenario(scenario), given),
    sources: lessonSources(),
  };
}
