// The page's shareable state in its query string: ?lesson=01-ipi-hlt&lang=zh-CN.
import { LOCALES, type Locale } from './lesson-types';

const LOCALE_KEY = 'kvmplay:locale';

export interface PageState {
  lesson: string | null;
  locale: Locale | null;
}

function isLocale(s: string | null): s is Locale {
  return s !== null && (LOCALES as readonly string[]).includes(s);
}

export function readPageState(): PageState {
  const q = new URLSearchParams(location.search);
  const lang = q.get('lang');
  return { lesson: q.get('lesson'), locale: isLocale(lang) ? lang : null };
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

export function pageHref(lesson: string, locale: Locale): string {
  const q = new URLSearchParams(location.search);
  q.set('lesson', lesson);
  if (locale === 'en') q.delete('lang');
  else q.set('lang', locale);
  return `${location.pathname}?${q}${location.hash}`;
}

export function writePageState(lesson: string, locale: Locale, push: boolean): void {
  const href = pageHref(lesson, locale);
  if (href === `${location.pathname}${location.search}${location.hash}`) return;
  if (push) history.pushState(null, '', href);
  else history.replaceState(null, '', href);
}
