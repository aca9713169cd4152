// What a parsed lesson looks like in the browser, and the locales and widgets
// lessons may use. (Parsing happens at build time: lib/lesson-format.ts.)
import type { Source } from '../sim/published.ts';
import type { TerminalStep } from '../terminal/steps.ts';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const WIDGETS = ['ipi-hlt'] as const;
export type WidgetName = (typeof WIDGETS)[number];

export interface Lesson {
  slug: string;
  locale: Locale;
  title: string;
  summary: string;
  widget: WidgetName | null;
  sources: Source[];
  /** Steps to try in the terminal, in order (empty when the lesson has none). */
  terminal: LessonStep[];
  /** Rendered HTML: before the widget, and after it (empty when there is no widget). */
  before: string;
  after: string;
}

/** A terminal step as a lesson carries it: what counts as done, and the instruction in the lesson's language. */
export interface LessonStep extends TerminalStep {
  /** Rendered inline HTML (the front matter's `text`, Markdown without blocks). */
  text: string;
}
