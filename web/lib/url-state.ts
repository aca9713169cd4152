// The page's shareable state in its query string: a lesson
// (?lesson=01-ipi-hlt&lang=zh-CN) or the scenario explorer
// (?view=explore&scenario=tcp-rr&vcpus=1&lang=zh-CN; see explore-url.ts).
import { LOCALES, type Locale } from './lesson-types';
import type { InputProblem } from './problem-text';

const LOCALE_KEY = 'kvmplay:locale';

export type View = 'lesson' | 'explore';
export const VIEWS: readonly View[] = ['lesson', 'explore'];

/** Query keys of the page itself, beside the explorer's own (fuzz, actions: web/lib/fuzz.ts). */
export const PAGE_KEYS: ReadonlySet<string> = new Set(['view', 'lang', 'lesson', 'fuzz', 'actions']);

export interface PageState {
  view: View;
  lesson: string | null;
  locale: Locale | null;
  /** The whole query, for the view's own keys. */
  query: URLSearchParams;
  /** What the page's own keys got wrong: each with what stands in for it. */
  problems: InputProblem[];
}

function isLocale(s: string | null): s is Locale {
  return s !== null && (LOCALES as readonly string[]).includes(s);
}

/** The first value of a key; a key given more than once is reported (the first value wins). */
export function firstValue(q: URLSearchParams, key: string, problems: InputProblem[]): string | null {
  const all = q.getAll(key);
  if (all.length > 1) problems.push({ code: 'duplicate', param: key, value: all[0] });
  return all.length > 0 ? all[0] : null;
}

/**
 * The page's state from its address. `lessons`: the known lesson slugs; an
 * unknown one is reported and the first lesson stands in for it. Every key
 * is read once: a second value is reported, never silently preferred.
 */
export function readPageState(lessons: readonly string[] = [], search = location.search): PageState {
  const q = new URLSearchParams(search);
  const problems: InputProblem[] = [];
  const rawView = firstValue(q, 'view', problems);
  const rawLang = firstValue(q, 'lang', problems);
  const rawLesson = firstValue(q, 'lesson', problems);
  let view: View = 'lesson';
  if (rawView === 'explore') view = 'explore';
  else if (rawView !== null && rawView !== 'lesson') problems.push({ code: 'unknown_view', value: rawView, known: VIEWS, used: 'lesson' });
  if (rawLang !== null && !isLocale(rawLang)) {
    const used = rememberedLocale() ?? 'en';
    problems.push({ code: 'unknown_locale', value: rawLang, known: LOCALES, used });
  }
  // A lesson page reads only the page's own keys: say so for anything else (explorer parameters, typos).
  if (view === 'lesson') {
    const own = ['view', 'lang', 'lesson'];
    for (const key of new Set(q.keys())) {
      if (PAGE_KEYS.has(key) || (key === 'seed' && q.has('fuzz'))) continue; // the fuzzer's seed
      problems.push({ code: 'not_on_this_view', value: key, known: own, used: 'lesson' });
    }
  }
  let lesson = rawLesson;
  if (view === 'lesson' && rawLesson !== null && lessons.length > 0 && !lessons.includes(rawLesson)) {
    problems.push({ code: 'unknown_lesson', value: rawLesson, known: lessons, used: lessons[0] });
    lesson = lessons[0];
  }
  return { view, lesson, locale: isLocale(rawLang) ? rawLang : null, query: q, problems };
}

export function rememberedLocale(): Locale | null {
  try {
    const l = localStorage.getItem(LOCALE_KEY);
    return isLocale(l) ? l : null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // no storage: the URL still carries the choice
  }
}

function href(entries: readonly (readonly [string, string])[], locale: Locale): string {
  const q = new URLSearchParams(entries as [string, string][]);
  if (locale !== 'en') q.set('lang', locale);
  return `${location.pathname}?${q}${location.hash}`;
}

export function lessonHref(lesson: string, locale: Locale): string {
  return href([['lesson', lesson]], locale);
}

/** The explorer's address; `entries` are its own keys (scenario, changed parameters, seed). */
export function exploreHref(entries: readonly (readonly [string, string])[], locale: Locale): string {
  return href([['view', 'explore'], ...entries], locale);
}

/** Go to `to`: a new history entry (push) or in place of the current one. */
export function writeHref(to: string, push: boolean): void {
  if (to === `${location.pathname}${location.search}${location.hash}`) return;
  if (push) history.pushState(null, '', to);
  else history.replaceState(null, '', to);
}
