// The lesson file format: lessons/NN-slug/<locale>.md, YAML front matter
// (title, summary, widget, sources) and a Markdown body. A line holding only
// `<!-- widget -->` marks where the lesson's widget goes. Runs at build time
// only (vite.config.ts loads each lesson through it), so a malformed lesson
// fails the build with a message naming the file, and neither the YAML parser
// nor the Markdown renderer ships to the browser.
// (Imports carry their .ts extension: vite.config.ts loads this file.)
import fm from 'front-matter';
import { Marked } from 'marked';
import { S1, type Source } from '../sim/published.ts';
import type { ParamValue } from '../sim/schema.ts';
import type { Where } from '../terminal/state.ts';
import { LOCALES, WIDGETS, type Lesson, type LessonStep, type Locale, type WidgetName } from './lesson-types.ts';

/** Sources a lesson may cite by id. */
export const SOURCES: Record<string, Source> = { S1 };

export const WIDGET_MARKER = '<!-- widget -->';

export class LessonError extends Error {
  override name = 'LessonError';
}

const PATH_RE = /(?:^|[\\/])lessons[\\/](\d{2}-[a-z0-9-]+)[\\/]([A-Za-z-]+)\.md$/;

const markdown = new Marked({ gfm: true, async: false });

function render(md: string): string {
  return markdown.parse(md, { async: false });
}

function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

function isWidget(s: string): s is WidgetName {
  return (WIDGETS as readonly string[]).includes(s);
}

/**
 * What a terminal step is checked against: the terminal's command table, the
 * parameters its machine gives the model, the schema's check of a value.
 * lesson-step-rules.ts builds it from those modules; it is passed in because
 * vite.config.ts loads this file directly and those modules' extensionless
 * imports need a TypeScript loader (the plugin loads them through tsx).
 */
export interface StepRules {
  /** Each command's name and where it runs. */
  commands: ReadonlyMap<string, Where | 'both'>;
  /** The parameters a step may require. */
  params: readonly string[];
  /** The schema's check of one value (web/sim/validate.ts): the typed value, or an Error in the CLI's words. */
  checkValue(name: string, raw: unknown): ParamValue;
}

export function parseLesson(path: string, raw: string, rules: StepRules): Lesson {
  const fail = (why: string): never => {
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
  const text = (key: string): string => {
    const v = a[key];
    if (typeof v !== 'string' || v.trim() === '') fail(`front matter needs a non-empty '${key}'`);
    return (v as string).trim();
  };
  const title = text('title');
  const summary = text('summary');

  let widget: WidgetName | null = null;
  if (a.widget !== undefined) {
    const w = String(a.widget);
    if (!isWidget(w)) fail(`unknown widget '${w}' (known: ${WIDGETS.join(', ')})`);
    widget = w as WidgetName;
  }

  const ids = a.sources ?? [];
  if (!Array.isArray(ids)) fail(`'sources' must be a list of source ids (known: ${Object.keys(SOURCES).join(', ')})`);
  const sources = (ids as unknown[]).map((id) => {
    const s = SOURCES[String(id)];
    if (!s) fail(`unknown source '${String(id)}' (known: ${Object.keys(SOURCES).join(', ')})`);
    return s;
  });

  const terminal = a.terminal === undefined ? [] : parseSteps(a.terminal, rules, fail);

  const body = parsed.body;
  if (/^#\s/m.test(body)) fail('the body must not contain a level-1 heading (the title comes from the front matter)');
  const pieces = body.split(/^[ \t]*<!-- widget -->[ \t]*$/m);
  if (pieces.length > 2) fail(`'${WIDGET_MARKER}' may appear only once`);
  if (pieces.length === 2 && !widget) fail(`'${WIDGET_MARKER}' is used but the front matter names no widget`);

  return {
    slug,
    locale: locale as Locale,
    title,
    summary,
    widget,
    sources,
    terminal,
    before: render(pieces[0]),
    after: pieces.length === 2 ? render(pieces[1]) : '',
  };
}

const STEP_FIELDS = ['id', 'command', 'args', 'where', 'params', 'text'] as const;
const WHERES: readonly Where[] = ['host', 'guest'];
const STEP_ID_RE = /^[a-z0-9][a-z0-9-]*$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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
    if (!STEP_ID_RE.test(id)) fail(`${at}.id '${id}' must be lower-case letters, digits and '-'`);
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

/** A translated lesson's steps must be the English lesson's (same ids, commands, args, where, params, order). */
export function checkTranslation(path: string, en: Lesson, other: Lesson): void {
  const a = en.terminal.map(stepKey);
  const b = other.terminal.map(stepKey);
  if (a.length !== b.length || a.some((k, i) => k !== b[i])) {
    throw new LessonError(
      `${path}: 'terminal' must list the same steps as the English lesson (ids: ${en.terminal.map((s) => s.id).join(', ') || 'none'}; ` +
        `here: ${other.terminal.map((s) => s.id).join(', ') || 'none'}), with the same command, args, where and params`,
    );
  }
}
