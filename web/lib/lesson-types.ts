// What a parsed lesson looks like in the browser, and the locales and widgets
// lessons may use. (Parsing happens at build time: lib/lesson-format.ts.)
import type { Source } from '../sim/published.ts';

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
  /** Rendered HTML: before the widget, and after it (empty when there is no widget). */
  before: string;
  after: string;
}
