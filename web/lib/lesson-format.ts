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
import { LOCALES, WIDGETS, type Lesson, type Locale, type WidgetName } from './lesson-types.ts';

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

export function parseLesson(path: string, raw: string): Lesson {
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
    before: render(pieces[0]),
    after: pieces.length === 2 ? render(pieces[1]) : '',
  };
}
