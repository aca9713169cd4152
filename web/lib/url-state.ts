// The page's shareable state in its query string: a lesson
// (?lesson=01-ipi-hlt&lang=zh-CN) or the scenario explorer
// (?view=explore&scenario=tcp-rr&vcpus=1&lang=zh-CN; see explore-url.ts).
import { LOCALES, type Locale } from './lesson-types';

const LOCALE_KEY = 'kvmplay:locale';

export type View = 'lesson' | 'explore';

export interface PageState {
  view: View;
  lesson: string | null;
  locale: Locale | null;
  /** The whole query, for the view's own keys. */
  query: URLSearchParams;
}

function isLocale(s: string | null): s is Locale {
  return s !== null && (LOCALES as readonly string[]).includes(s);
}

export function readPageState(): PageState {
  const q = new URLSearchParams(location.search);
  const lang = q.get('lang');
  return {
    view: q.get('view') === 'explore' ? 'explore' : 'lesson',
    lesson: q.get('lesson'),
    locale: isLocale(lang) ? lang : null,
    query: q,
  };
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
