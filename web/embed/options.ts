// An embed's options, beside its state in the query: controls=all|some|none,
// readonly, theme=light|dark, lang=en|zh-CN, origin=<allowed parent origins>.
// Each is checked like a parameter; a bad one is reported and its default
// used. `origin` lists the origins (besides this page's own) whose setState
// messages the embed obeys; each must be an http(s) origin and nothing more.
import { LOCALES, type Locale } from '../lib/lesson-types';
import type { InputProblem } from '../lib/problem-text';
import { CONTROLS, type Controls } from './catalogue';

export const EMBED_KEYS: ReadonlySet<string> = new Set(['controls', 'readonly', 'theme', 'lang', 'origin']);

export interface EmbedOptions {
  controls: Controls;
  readonly: boolean;
  theme: 'light' | 'dark' | null;
  locale: Locale | null;
  /** Origins allowed to send setState (this page's own is always allowed). */
  origins: string[];
}

/** An origin as written by a person: scheme, host, optional port; no path, query or credentials. */
export function checkOrigin(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) return null;
  return u.origin;
}

export function parseEmbedOptions(q: URLSearchParams): { options: EmbedOptions; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const one = (key: string, known: readonly string[], used: string): string | null => {
    const all = q.getAll(key);
    if (all.length > 1) problems.push({ code: 'duplicate', param: key, value: all[0] });
    const v = all[0] ?? null;
    if (v !== null && !known.includes(v)) {
      problems.push({ code: 'not_option', param: key, value: v, options: known });
      return used;
    }
    return v;
  };
  const controls = (one('controls', CONTROLS, 'all') ?? 'all') as Controls;
  const ro = one('readonly', ['', 'true', 'false', '1', '0'], 'false');
  const theme = one('theme', ['light', 'dark'], '') || null;
  const lang = q.get('lang');
  let locale: Locale | null = null;
  if (lang !== null) {
    if ((LOCALES as readonly string[]).includes(lang)) locale = lang as Locale;
    else problems.push({ code: 'unknown_locale', value: lang, known: LOCALES, used: 'en' });
  }
  const origins: string[] = [];
  for (const raw of q.getAll('origin').flatMap((v) => v.split(/[\s,]+/)).filter(Boolean)) {
    const o = checkOrigin(raw);
    if (o) origins.push(o);
    else problems.push({ code: 'not_option', param: 'origin', value: raw, options: ['https://host[:port]'] });
  }
  return {
    options: { controls, readonly: ro === '' || ro === 'true' || ro === '1', theme: theme as EmbedOptions['theme'], locale, origins },
    problems,
  };
}
