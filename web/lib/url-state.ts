// The page's shareable state in its query string: a lesson and its widget's
// state (?lesson=04-ipi-hlt&s=1.…&lang=zh-CN) or the scenario explorer
// (?view=explore&s=1.…&lang=zh-CN, or hand-written: &scenario=tcp-rr&vcpus=1;
// see explore-url.ts, widget-state.ts, state-codec.ts).
import { LOCALES, type Locale } from './lesson-types';
import type { InputProblem } from './problem-text';

const LOCALE_KEY = 'kvmplay:locale';

export type View = 'lesson' | 'explore';
export const VIEWS: readonly View[] = ['lesson', 'explore'];

/** Query keys of the page itself, beside the explorer's own (fuzz, actions: web/lib/fuzz.ts). */
export const PAGE_KEYS: ReadonlySet<string> = new Set(['view', 'lang', 'lesson', 'fuzz', 'actions', 's']);

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
    const own = ['view', 'lang', 'lesson', 's'];
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

/** A lesson's address; `entries`: its widget's state (the packed ?s=), if any. */
export function lessonHref(lesson: string, locale: Locale, entries: readonly (readonly [string, string])[] = []): string {
  return href([['lesson', lesson], ...entries], locale);
}

/** The explorer's address; `entries` are its own keys (scenario, changed parameters, seed). */
export function exploreHref(entries: readonly (readonly [string, string])[], locale: Locale): string {
  return href([['view', 'explore'], ...entries], locale);
}

/**
 * How long an edit in place waits for the next one before it is written.
 * Chromium throttles history.replaceState under IPC flooding protection
 * (about 200 calls in 10 s) and silently drops the excess, so writing on
 * every input event of a dragged slider can leave the address holding an
 * older value than the screen. Debounced, a drag writes its final state once.
 */
export const WRITE_DEBOUNCE_MS = 250;

let pending: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

const here = () => `${location.pathname}${location.search}${location.hash}`;

/** Write a pending edit in place now (also done before the page is left or hidden). */
export function flushHref(): void {
  clearTimeout(timer);
  const to = pending;
  pending = null;
  if (to !== null && to !== here()) history.replaceState(null, '', to);
}

/** Forget a pending edit (the reader went back or forward: the address is the history's now). */
export function cancelHref(): void {
  clearTimeout(timer);
  pending = null;
}

if (typeof addEventListener === 'function') {
  addEventListener('pagehide', flushHref);
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushHref();
  });
}

/** Go to `to`: a new history entry (push, at once) or in place of the current one (debounced). */
export function writeHref(to: string, push: boolean): void {
  if (push) {
    flushHref(); // the entry left behind keeps its final state
    if (to !== here()) history.pushState(null, '', to);
    return;
  }
  if (pending === null && to === here()) return;
  pending = to;
  clearTimeout(timer);
  timer = setTimeout(flushHref, WRITE_DEBOUNCE_MS);
}
