// The lessons, bundled at build time: vite.config.ts turns every
// lessons/*/<locale>.md imported with ?lesson into a parsed Lesson (front
// matter checked, Markdown rendered to HTML) and with ?lesson-meta into what
// the course list and the address need (title, summary, start state). The
// list ships with the page; each lesson's text and lab load when it opens.
// Lessons are ordered by their NN- prefix; a lesson missing a translation
// falls back to English.
import type { Lesson, LessonMeta, Locale } from './lib/lesson-types';

export interface LessonEntry {
  slug: string;
  byLocale: Partial<Record<Locale, LessonMeta>> & { en: LessonMeta };
}

const metas = import.meta.glob<LessonMeta>('../lessons/*/*.md', { query: '?lesson-meta', import: 'default', eager: true });
const bodies = import.meta.glob<Lesson>('../lessons/*/*.md', { query: '?lesson', import: 'default' });

function load(): LessonEntry[] {
  const bySlug = new Map<string, Partial<Record<Locale, LessonMeta>>>();
  for (const meta of Object.values(metas)) {
    const entry = bySlug.get(meta.slug) ?? {};
    entry[meta.locale] = meta;
    bySlug.set(meta.slug, entry);
  }
  if (bySlug.size === 0) throw new Error('no lessons found under lessons/');
  return [...bySlug.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slug, byLocale]) => {
      if (!byLocale.en) throw new Error(`lessons/${slug}: an English version (en.md) is required`);
      return { slug, byLocale: byLocale as LessonEntry['byLocale'] };
    });
}

export const LESSONS: readonly LessonEntry[] = load();

export function lessonFor(entry: LessonEntry, locale: Locale): LessonMeta {
  return entry.byLocale[locale] ?? entry.byLocale.en;
}

/** The whole lesson in the reader's language (English when it has no translation). */
export function loadLesson(entry: LessonEntry, locale: Locale): Promise<Lesson> {
  const l = lessonFor(entry, locale).locale;
  const key = Object.keys(bodies).find((k) => k.endsWith(`/lessons/${entry.slug}/${l}.md`));
  if (!key) return Promise.reject(new Error(`lessons/${entry.slug}/${l}.md is not bundled`));
  return bodies[key]();
}
