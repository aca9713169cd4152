// The lessons, bundled at build time: vite.config.ts turns every
// lessons/*/<locale>.md imported with ?lesson into a parsed Lesson (front
// matter checked, Markdown rendered to HTML). Lessons are ordered by their
// NN- prefix; a lesson missing a translation falls back to English.
import type { Lesson, Locale } from './lib/lesson-types';

export interface LessonEntry {
  slug: string;
  byLocale: Partial<Record<Locale, Lesson>> & { en: Lesson };
}

const files = import.meta.glob<Lesson>('../lessons/*/*.md', { query: '?lesson', import: 'default', eager: true });

function load(): LessonEntry[] {
  const bySlug = new Map<string, Partial<Record<Locale, Lesson>>>();
  for (const lesson of Object.values(files)) {
    const entry = bySlug.get(lesson.slug) ?? {};
    entry[lesson.locale] = lesson;
    bySlug.set(lesson.slug, entry);
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

export function lessonFor(entry: LessonEntry, locale: Locale): Lesson {
  return entry.byLocale[locale] ?? entry.byLocale.en;
}
