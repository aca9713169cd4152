// The lesson file format (lessons/FORMAT.md): lessons/NN-slug/<locale>.md,
// YAML front matter — title, summary, sources, the lab's start state,
// controls and widgets, a goal, a solution, predictions, published figures,
// a modern-host note, a recap, terminal steps — and a Markdown body with one
// `<!-- lab -->` marker, `{{param}}` draggable numbers and `#set:` links.
// Runs at build time only (vite.config.ts loads each lesson through it), so a
// malformed lesson fails the build with a message naming the file and field,
// and neither the YAML parser nor the Markdown renderer ships to the browser.
// Whether the states meet the goal is checked on the model by
// scripts/check-lessons.ts and tests/unit/lessons.test.ts.
// (Imports carry their .ts extension: vite.config.ts loads this file.)
import fm from 'front-matter';
import { Marked } from 'marked';
import type { ParamValue } from '../sim/schema.ts';
import type { Where } from '../terminal/state.ts';
import { METRIC_PATH_RE } from '../sim/derived.ts';
import {
  LOCALES, WIDGETS, type Choice, type Condition, type Lesson, type LessonSource, type LessonState, type LessonStep, type Locale,
  type Prediction, type PublishedFigure, type WidgetName,
} from './lesson-types.ts';

export const LAB_MARKER = '<!-- lab -->';

/** Units a prediction or published figure may carry; the page words each in the reader's language. */
export const UNITS = ['ns', 'cycles', 'percent', 'times', 'per_sec', 'per_transaction', 'count', 'mb_per_sec'] as const;

export class LessonError extends Error {
  override name = 'LessonError';
}

const PATH_RE = /(?:^|[\\/])lessons[\\/](\d{2}-[a-z0-9-]+)[\\/]([A-Za-z-]+)\.md$/;
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

const markdown = new Marked({ gfm: true, async: false });

/**
 * What a lesson is checked against: the terminal's command table and the
 * parameters its machine gives the model (for terminal steps), the schema's
 * scenarios and its check of a value, and the sources lessons cite by id.
 * lesson-rules.ts builds it from those modules; it is passed in because
 * vite.config.ts loads this file directly and those modules' extensionless
 * imports need a TypeScript loader (the plugin loads them through tsx).
 */
export interface StepRules {
  /** Each command's name and where it runs. */
  commands: ReadonlyMap<string, Where | 'both'>;
  /** The parameters a terminal step may require. */
  params: readonly string[];
  /** The schema's check of one value for the terminal (web/sim/validate.ts): the typed value, or an Error in the CLI's words. */
  checkValue(name: string, raw: unknown): ParamValue;
}

export interface LessonRules extends StepRules {
  /** Each scenario's parameters, and which of them are integers. */
  scenarios: ReadonlyMap<string, { params: readonly string[]; ints: readonly string[] }>;
  /** The schema's check of one value of a scenario's parameter; throws an Error in the CLI's words. */
  checkScenarioValue(scenario: string, name: string, raw: unknown): ParamValue;
  /** The whole state resolved as a run would (defaults, host, combinations); throws when it cannot run. */
  resolve(scenario: string, params: Record<string, ParamValue>): void;
  /** lessons/sources.yaml. */
  sources: Readonly<Record<string, { citation: string; url?: string }>>;
}

function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Fail = (why: string) => never;

const TOP_FIELDS = [
  'title', 'summary', 'sources', 'start', 'controls', 'widgets', 'goal', 'solution', 'predictions', 'published', 'modern', 'recap',
  'terminal',
] as const;

export function parseLesson(path: string, raw: string, rules: LessonRules): Lesson {
  const fail: Fail = (why: string): never => {
    throw new LessonError(`${path}: ${why}`);
  };
  const m = PATH_RE.exec(path);
  if (!m) fail('a lesson must live at lessons/NN-slug/<locale>.md');
  const [, slug, locale] = m!;
  if (!isLocale(locale)) fail(`unknown locale '${locale}' (known: ${LOCALES.join(', ')})`);
  if (!fm.test(raw)) fail('missing YAML front matter (--- title: … ---)');

  let parsed: { attributes: Record<string, unknown>; body: string };
  try {
    parsed = fm<Record<string, unknown>>(raw);
  } catch (e) {
    return fail(`front matter is not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const a = parsed.attributes ?? {};
  for (const key of Object.keys(a)) {
    if (!(TOP_FIELDS as readonly string[]).includes(key)) fail(`unknown field '${key}' (known: ${TOP_FIELDS.join(', ')})`);
  }
  const text = (v: unknown, at: string): string => {
    if (typeof v !== 'string' || v.trim() === '') fail(`'${at}' must be a non-empty string`);
    return (v as string).trim();
  };
  const title = text(a.title, 'title');
  const summary = text(a.summary, 'summary');
  const sources = parseSources(a.sources, rules, fail);

  const start = parseStart(a.start, rules, fail);
  const scenario = rules.scenarios.get(start.scenario)!;
  /** Parameters over the start state, checked for the start's scenario and resolved as a run would. */
  const over = (v: unknown, at: string, optional = false): Record<string, ParamValue> => {
    if (v === undefined && optional) return {};
    if (!isRecord(v)) return fail(`'${at}' must be a mapping of ${start.scenario}'s parameters to values (known: ${scenario.params.join(', ')})`);
    const out: Record<string, ParamValue> = {};
    for (const [name, value] of Object.entries(v)) {
      if (value === null || typeof value === 'object') fail(`'${at}.${name}' must be a number or a word`);
      try {
        out[name] = rules.checkScenarioValue(start.scenario, name, value);
      } catch (e) {
        fail(`'${at}': ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    try {
      rules.resolve(start.scenario, { ...start.params, ...out });
    } catch (e) {
      fail(`'${at}' over the start state cannot run: ${e instanceof Error ? e.message : String(e)}`);
    }
    return out;
  };

  const controls = list(a.controls, 'controls', fail).map((c, i) => {
    const name = String(c);
    if (!scenario.params.includes(name)) fail(`controls[${i}]: '${name}' is not a parameter of ${start.scenario} (known: ${scenario.params.join(', ')})`);
    return name;
  });
  if (controls.length > 6) fail(`'controls' lists ${controls.length} parameters: at most 6 (the 'explorer' widget shows every one)`);
  if (new Set(controls).size !== controls.length) fail(`'controls' names a parameter twice`);

  const widgets = list(a.widgets, 'widgets', fail).map((w, i) => {
    const name = String(w);
    if (!(WIDGETS as readonly string[]).includes(name)) fail(`widgets[${i}]: unknown widget '${name}' (known: ${WIDGETS.join(', ')})`);
    return name as WidgetName;
  });
  if (new Set(widgets).size !== widgets.length) fail(`'widgets' names a widget twice`);
  // The explorer draws every panel of the scenario but the timeline: another panel beside it would show twice.
  const twice = widgets.includes('explorer') ? widgets.filter((w) => w !== 'explorer' && w !== 'timeline') : [];
  if (twice.length > 0) fail(`'widgets': 'explorer' already shows ${twice.join(', ')} (only 'timeline' goes beside it)`);

  if (!isRecord(a.goal)) fail(`'goal' must be a mapping { text, all: [{ metric, below | above }] }`);
  const goalRaw = a.goal as Record<string, unknown>;
  const goal = {
    text: inline(text(goalRaw.text, 'goal.text')),
    all: list(goalRaw.all, 'goal.all', fail).map((c, i) => parseCondition(c, `goal.all[${i}]`, fail)),
  };

  if (!isRecord(a.solution)) fail(`'solution' must be a mapping { params: { … } }`);
  const solution = over((a.solution as Record<string, unknown>).params, 'solution.params');
  if (Object.keys(solution).length === 0) fail(`'solution.params' must change at least one parameter`);

  const predictionIds = new Set<string>();
  const predictions = (a.predictions === undefined ? [] : list(a.predictions, 'predictions', fail)).map((p, i) => {
    const pr = parsePrediction(p, `predictions[${i}]`, over, fail);
    if (predictionIds.has(pr.id)) fail(`predictions[${i}].id '${pr.id}' is used twice`);
    predictionIds.add(pr.id);
    return pr;
  });

  const cited = new Set(sources.map((s) => s.id));
  const publishedIds = new Set<string>();
  const published = (a.published === undefined ? [] : list(a.published, 'published', fail)).map((p, i) => {
    const f = parsePublished(p, `published[${i}]`, over, cited, fail);
    if (publishedIds.has(f.id)) fail(`published[${i}].id '${f.id}' is used twice`);
    publishedIds.add(f.id);
    return f;
  });

  let modern: Lesson['modern'] = null;
  if (a.modern !== undefined) {
    if (!isRecord(a.modern)) fail(`'modern' must be a mapping { text, params }`);
    const mo = a.modern as Record<string, unknown>;
    modern = { text: block(text(mo.text, 'modern.text')), params: over(mo.params, 'modern.params') };
  }

  const recap = list(a.recap, 'recap', fail).map((r, i) => inline(text(r, `recap[${i}]`)));
  if (recap.length < 2 || recap.length > 6) fail(`'recap' must have 2 to 6 points (has ${recap.length})`);

  const terminal = a.terminal === undefined ? [] : parseSteps(a.terminal, rules, fail);

  const body = parsed.body;
  if (/^#\s/m.test(body)) fail('the body must not contain a level-1 heading (the title comes from the front matter)');
  const pieces = body.split(/^[ \t]*<!-- lab -->[ \t]*$/m);
  if (pieces.length !== 2) fail(`'${LAB_MARKER}' must appear exactly once, on a line of its own (found ${pieces.length - 1})`);
  const knob = (name: string) => {
    if (!controls.includes(name)) fail(`body: '{{${name}}}' must name one of the controls (${controls.join(', ')})`);
    if (!scenario.ints.includes(name)) fail(`body: '{{${name}}}' must be a number parameter (it is a choice: use a #set: link)`);
    return `<span class="knob" data-knob="${name}"></span>`;
  };
  const html = (md: string) => setButtons(markdown.parse(md.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/g, (_, n: string) => knob(n)), { async: false }), (why) => fail(`body: ${why}`), over);

  return {
    slug,
    locale: locale as Locale,
    title,
    summary,
    sources,
    start,
    controls,
    widgets,
    goal,
    solution,
    predictions,
    published,
    modern: modern && { ...modern, text: setButtons(modern.text, (why) => fail(`modern.text: ${why}`), over) },
    recap,
    terminal,
    before: html(pieces[0]),
    after: html(pieces[1]),
  };
}

function inline(md: string): string {
  return markdown.parseInline(md, { async: false });
}

function block(md: string): string {
  return markdown.parse(md, { async: false });
}

function list(v: unknown, at: string, fail: Fail): unknown[] {
  if (!Array.isArray(v) || v.length === 0) fail(`'${at}' must be a non-empty list`);
  return v as unknown[];
}

function num(v: unknown, at: string, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`'${at}' must be a number`);
  return v as number;
}

function metric(v: unknown, at: string, fail: Fail): string {
  if (typeof v !== 'string' || !METRIC_PATH_RE.test(v)) fail(`'${at}' must be a metric path such as metrics.rtt_ns.p50 (see lessons/FORMAT.md)`);
  return v as string;
}

function id(v: unknown, at: string, fail: Fail): string {
  if (typeof v !== 'string' || !ID_RE.test(v)) fail(`'${at}' must be lower-case letters, digits and '-'`);
  return v as string;
}

function unit(v: unknown, at: string, fail: Fail): string | undefined {
  if (v === undefined) return undefined;
  if (!(UNITS as readonly unknown[]).includes(v)) fail(`'${at}': '${String(v)}' is not a unit (known: ${UNITS.join(', ')})`);
  return v as string;
}

function keysOnly(o: Record<string, unknown>, known: readonly string[], at: string, fail: Fail): void {
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`${at}: unknown field '${k}' (known: ${known.join(', ')})`);
}

function parseSources(v: unknown, rules: LessonRules, fail: Fail): LessonSource[] {
  const known = Object.keys(rules.sources).join(', ');
  const seen = new Set<string>();
  return list(v, 'sources', fail).map((s, i) => {
    let out: LessonSource;
    if (typeof s === 'string') {
      const reg = rules.sources[s];
      if (!reg) fail(`sources[${i}]: unknown source '${s}' (known: ${known}; or declare it inline as { id, citation, url })`);
      out = { id: s, ...reg };
    } else if (isRecord(s)) {
      keysOnly(s, ['id', 'citation', 'url'], `sources[${i}]`, fail);
      if (typeof s.id !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(s.id)) fail(`sources[${i}].id must be a short id such as K11`);
      if (rules.sources[s.id as string]) fail(`sources[${i}]: '${String(s.id)}' is in lessons/sources.yaml: cite it by id`);
      if (typeof s.citation !== 'string' || s.citation.trim() === '') fail(`sources[${i}].citation must be a non-empty string`);
      if (typeof s.url !== 'string' || !/^https:\/\/[^\s]+$/.test(s.url)) fail(`sources[${i}].url must be an https:// address`);
      out = { id: s.id as string, citation: (s.citation as string).trim(), url: s.url as string };
    } else {
      return fail(`sources[${i}] must be an id or { id, citation, url }`);
    }
    if (seen.has(out.id)) fail(`sources[${i}]: '${out.id}' is listed twice`);
    seen.add(out.id);
    return out;
  });
}

function parseStart(v: unknown, rules: LessonRules, fail: Fail): LessonState {
  if (!isRecord(v)) fail(`'start' must be a mapping { scenario, host, params, seed }`);
  const s = v as Record<string, unknown>;
  keysOnly(s, ['scenario', 'host', 'params', 'seed'], 'start', fail);
  const name = String(s.scenario);
  const scenario = rules.scenarios.get(name);
  if (!scenario) fail(`start.scenario: unknown scenario '${name}' (known: ${[...rules.scenarios.keys()].join(', ')})`);
  const params: Record<string, ParamValue> = {};
  if (s.params !== undefined && !isRecord(s.params)) fail(`'start.params' must be a mapping of parameters to values`);
  const given = { ...((s.params as Record<string, unknown>) ?? {}), ...(s.host !== undefined ? { host: s.host } : {}) };
  for (const [k, value] of Object.entries(given)) {
    if (value === null || typeof value === 'object') fail(`'start.params.${k}' must be a number or a word`);
    try {
      params[k] = rules.checkScenarioValue(name, k, value);
    } catch (e) {
      fail(`start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  try {
    rules.resolve(name, params);
  } catch (e) {
    fail(`start cannot run: ${e instanceof Error ? e.message : String(e)}`);
  }
  const seed = s.seed === undefined ? 1 : s.seed;
  if (!Number.isSafeInteger(seed) || (seed as number) < 0 || (seed as number) > 0xffffffff) fail(`'start.seed' must be an integer 0 – 4294967295`);
  return { scenario: name, params, seed: seed as number };
}

function parseCondition(v: unknown, at: string, fail: Fail): Condition {
  if (!isRecord(v)) fail(`'${at}' must be { metric, below } or { metric, above }`);
  const c = v as Record<string, unknown>;
  keysOnly(c, ['metric', 'below', 'above'], at, fail);
  if ((c.below === undefined) === (c.above === undefined)) fail(`'${at}' needs exactly one of 'below' and 'above'`);
  return c.below !== undefined
    ? { metric: metric(c.metric, `${at}.metric`, fail), below: num(c.below, `${at}.below`, fail) }
    : { metric: metric(c.metric, `${at}.metric`, fail), above: num(c.above, `${at}.above`, fail) };
}

type Over = (v: unknown, at: string, optional?: boolean) => Record<string, ParamValue>;

function parsePrediction(v: unknown, at: string, over: Over, fail: Fail): Prediction {
  if (!isRecord(v)) fail(`'${at}' must be a mapping { id, question, params, metric, relative_to, unit, choices, explain }`);
  const p = v as Record<string, unknown>;
  keysOnly(p, ['id', 'question', 'params', 'metric', 'relative_to', 'unit', 'choices', 'explain'], at, fail);
  if (typeof p.question !== 'string' || p.question.trim() === '') fail(`'${at}.question' must be a non-empty string`);
  if (typeof p.explain !== 'string' || p.explain.trim() === '') fail(`'${at}.explain' must be a non-empty string`);
  const choices = list(p.choices, `${at}.choices`, fail).map((c, i): Choice => {
    const here = `${at}.choices[${i}]`;
    if (!isRecord(c)) return fail(`'${here}' must be { text, below }`);
    keysOnly(c, ['text', 'below'], here, fail);
    if (typeof c.text !== 'string' || c.text.trim() === '') fail(`'${here}.text' must be a non-empty string`);
    return c.below === undefined ? { text: inline(c.text as string) } : { text: inline(c.text as string), below: num(c.below, `${here}.below`, fail) };
  });
  if (choices.length < 2) fail(`'${at}.choices' needs at least two choices`);
  choices.forEach((c, i) => {
    const last = i === choices.length - 1;
    if (last && c.below !== undefined) fail(`'${at}.choices[${i}]': the last choice has no 'below' (it takes every larger answer)`);
    if (!last && c.below === undefined) fail(`'${at}.choices[${i}]' needs 'below' (only the last choice has none)`);
    if (i > 0 && !last && c.below! <= choices[i - 1].below!) fail(`'${at}.choices': the 'below' bounds must increase`);
  });
  return {
    id: id(p.id, `${at}.id`, fail),
    question: inline((p.question as string).trim()),
    params: over(p.params, `${at}.params`, true),
    metric: metric(p.metric, `${at}.metric`, fail),
    ...(p.relative_to !== undefined && { relative_to: over(p.relative_to, `${at}.relative_to`) }),
    ...(p.unit !== undefined && { unit: unit(p.unit, `${at}.unit`, fail) }),
    choices,
    explain: block((p.explain as string).trim()),
  };
}

function parsePublished(v: unknown, at: string, over: Over, cited: Set<string>, fail: Fail): PublishedFigure {
  if (!isRecord(v)) fail(`'${at}' must be a mapping { id, source, label, value, unit, metric, params, tolerance }`);
  const p = v as Record<string, unknown>;
  keysOnly(p, ['id', 'source', 'label', 'value', 'unit', 'metric', 'params', 'tolerance'], at, fail);
  const source = String(p.source);
  if (!cited.has(source)) fail(`'${at}.source': '${source}' is not in this lesson's sources (${[...cited].join(', ')})`);
  if (typeof p.label !== 'string' || p.label.trim() === '') fail(`'${at}.label' must be a non-empty string`);
  const tolerance = p.tolerance === undefined ? undefined : num(p.tolerance, `${at}.tolerance`, fail);
  if (tolerance !== undefined && !(tolerance > 0 && tolerance <= 10)) fail(`'${at}.tolerance' must be above 0 and at most 10`);
  return {
    id: id(p.id, `${at}.id`, fail),
    source,
    label: inline((p.label as string).trim()),
    value: num(p.value, `${at}.value`, fail),
    ...(p.unit !== undefined && { unit: unit(p.unit, `${at}.unit`, fail) }),
    metric: metric(p.metric, `${at}.metric`, fail),
    params: over(p.params, `${at}.params`, true),
    ...(tolerance !== undefined && { tolerance }),
  };
}

const SET_LINK_RE = /<a href="#set:([^"]*)">([\s\S]*?)<\/a>/g;

/** `[text](#set:a=1,b=x)` → a button carrying the parameters it sets (checked like any other state). */
function setButtons(html: string, fail: Fail, over: Over): string {
  return html.replace(SET_LINK_RE, (_, spec: string, label: string) => {
    const given: Record<string, string> = {};
    for (const part of decodeURIComponent(spec).split(',')) {
      const i = part.indexOf('=');
      if (i <= 0) fail(`'#set:${spec}': write name=value, comma-separated`);
      given[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    }
    const params = over(given, `#set:${spec}`);
    const json = JSON.stringify(params).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    return `<button type="button" class="set-params" data-set="${json}">${label}</button>`;
  });
}

const STEP_FIELDS = ['id', 'command', 'args', 'where', 'params', 'text'] as const;
const WHERES: readonly Where[] = ['host', 'guest'];

/** `terminal:` — the lesson's steps, each checked field by field. */
function parseSteps(raw: unknown, rules: StepRules, fail: (why: string) => never): LessonStep[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    fail(`'terminal' must be a non-empty list of steps ({ ${STEP_FIELDS.join(', ')} })`);
  }
  const { commands, params: known } = rules;
  const seen = new Set<string>();
  return (raw as unknown[]).map((item, i) => {
    const at = `terminal[${i}]`;
    if (!isRecord(item)) return fail(`${at} must be a mapping ({ ${STEP_FIELDS.join(', ')} })`);
    for (const key of Object.keys(item)) {
      if (!(STEP_FIELDS as readonly string[]).includes(key)) fail(`${at}: unknown field '${key}' (known: ${STEP_FIELDS.join(', ')})`);
    }
    const str = (key: string): string => {
      const v = item[key];
      if (typeof v !== 'string' || v.trim() === '') fail(`${at}.${key} must be a non-empty string`);
      return (v as string).trim();
    };

    const id = str('id');
    if (!ID_RE.test(id)) fail(`${at}.id '${id}' must be lower-case letters, digits and '-'`);
    if (seen.has(id)) fail(`${at}.id '${id}' is used twice`);
    seen.add(id);

    const command = str('command');
    const runsOn = commands.get(command);
    if (!runsOn) fail(`${at}.command: unknown command '${command}' (known: ${[...commands.keys()].sort().join(', ')})`);

    const step: LessonStep = { id, command, text: '' };

    if (item.where !== undefined) {
      const where = String(item.where);
      if (!(WHERES as readonly string[]).includes(where)) fail(`${at}.where: '${where}' is not accepted: expected ${WHERES.join(' | ')}`);
      if (runsOn !== 'both' && runsOn !== where) {
        fail(`${at}.where: '${command}' runs only on the ${runsOn}, not on the ${where}`);
      }
      step.where = where as Where;
    }

    if (item.args !== undefined) {
      const args = item.args;
      if (!Array.isArray(args) || args.length === 0 || !args.every((x) => typeof x === 'string' && x !== '')) {
        fail(`${at}.args must be a non-empty list of the command's first arguments, as strings`);
      }
      step.args = [...(args as string[])];
    }

    if (item.params !== undefined) {
      if (!isRecord(item.params) || Object.keys(item.params).length === 0) {
        fail(`${at}.params must be a mapping of model parameters to values (known: ${known.join(', ')})`);
      }
      const params: Record<string, ParamValue> = {};
      for (const [name, v] of Object.entries(item.params as Record<string, unknown>)) {
        if (!known.includes(name)) fail(`${at}.params: unknown parameter '${name}' (known: ${known.join(', ')})`);
        if (v === null || typeof v === 'object') fail(`${at}.params.${name} must be a number or a word, not a list or mapping`);
        try {
          params[name] = rules.checkValue(name, v);
        } catch (e) {
          fail(`${at}.params: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      step.params = params;
    }

    step.text = markdown.parseInline(str('text'), { async: false });
    return step;
  });
}

/** What a step requires, without its words: a translation must ask for the same steps as the English lesson. */
function stepKey(s: LessonStep): string {
  return JSON.stringify([s.id, s.command, s.args ?? null, s.where ?? null, s.params ?? null]);
}

/**
 * A translation must ask for the same things as the English lesson: same
 * start, controls, widgets, goal conditions, solution, predictions (ids,
 * states, metrics, bounds), published figures, modern state, terminal steps
 * and sources; only the words differ.
 */
export function checkTranslation(path: string, en: Lesson, other: Lesson): void {
  const a = en.terminal.map(stepKey);
  const b = other.terminal.map(stepKey);
  if (a.length !== b.length || a.some((k, i) => k !== b[i])) {
    throw new LessonError(
      `${path}: 'terminal' must list the same steps as the English lesson (ids: ${en.terminal.map((s) => s.id).join(', ') || 'none'}; ` +
        `here: ${other.terminal.map((s) => s.id).join(', ') || 'none'}), with the same command, args, where and params`,
    );
  }
  const shape: Record<string, (l: Lesson) => unknown> = {
    sources: (l) => l.sources.map((s) => s.id),
    start: (l) => l.start,
    controls: (l) => l.controls,
    widgets: (l) => l.widgets,
    'goal.all': (l) => l.goal.all,
    solution: (l) => l.solution,
    predictions: (l) => l.predictions.map((p) => [p.id, p.params, p.metric, p.relative_to ?? null, p.unit ?? null, p.choices.map((c) => c.below ?? null)]),
    published: (l) => l.published.map((p) => [p.id, p.source, p.value, p.unit ?? null, p.metric, p.params, p.tolerance ?? null]),
    'modern.params': (l) => l.modern?.params ?? null,
  };
  for (const [field, of] of Object.entries(shape)) {
    if (JSON.stringify(of(en)) !== JSON.stringify(of(other))) {
      throw new LessonError(`${path}: '${field}' must be the same as in the English lesson (only the words differ): en ${JSON.stringify(of(en))}, here ${JSON.stringify(of(other))}`);
    }
  }
}
