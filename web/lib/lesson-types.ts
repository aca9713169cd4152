// What a parsed lesson looks like in the browser, and the locales and widgets
// lessons may use. (Parsing happens at build time: lib/lesson-format.ts;
// the format is described for authors in lessons/FORMAT.md.)
import type { ParamValue } from '../sim/schema.ts';
import type { TerminalStep } from '../terminal/steps.ts';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The panels a lesson's lab may show, in the order the lesson lists them. */
export const WIDGETS = [
  'headline', 'latency', 'exits', 'exit-time', 'msr', 'pcpu', 'timeline', 'steps', 'round-trip', 'devices', 'kvm-stat', 'pmu',
  'explorer',
] as const;
export type WidgetName = (typeof WIDGETS)[number];

export interface LessonSource {
  id: string;
  citation: string;
  url?: string;
}

/** A state of the lab: scenario, host preset, parameters (over the scenario's defaults), seed. */
export interface LessonState {
  scenario: string;
  params: Record<string, ParamValue>;
  seed: number;
}

export interface Condition {
  metric: string;
  below?: number;
  above?: number;
}

export interface Goal {
  /** Inline HTML: what the learner is asked to do. */
  text: string;
  all: Condition[];
}

export interface Choice {
  /** Inline HTML. */
  text: string;
  /** The answer is this choice when the model's value is below this (the last choice has none). */
  below?: number;
}

export interface Prediction {
  id: string;
  /** Inline HTML. */
  question: string;
  /** Parameters over the start state that the answer is computed in. */
  params: Record<string, ParamValue>;
  metric: string;
  /** When present the answer is metric(params) / metric(relative_to). */
  relative_to?: Record<string, ParamValue>;
  unit?: string;
  choices: Choice[];
  /** Rendered HTML, shown after the reveal. */
  explain: string;
}

export interface PublishedFigure {
  id: string;
  source: string;
  /** Inline HTML. */
  label: string;
  value: number;
  unit?: string;
  metric: string;
  /** Parameters over the start state that the model's figure is computed in. */
  params: Record<string, ParamValue>;
  tolerance?: number;
}

export interface Modern {
  /** Rendered HTML. */
  text: string;
  params: Record<string, ParamValue>;
}

export interface Lesson {
  slug: string;
  locale: Locale;
  title: string;
  summary: string;
  sources: LessonSource[];
  start: LessonState;
  controls: string[];
  widgets: WidgetName[];
  goal: Goal;
  /** Parameters over the start state that meet the goal. */
  solution: Record<string, ParamValue>;
  predictions: Prediction[];
  published: PublishedFigure[];
  modern: Modern | null;
  /** Inline HTML, one per point. */
  recap: string[];
  /** Steps to try in the terminal, in order (empty when the lesson has none). */
  terminal: LessonStep[];
  /** Rendered HTML: before the lab, and after it. */
  before: string;
  after: string;
}

/** What the course list and the address need of a lesson before it loads. */
export type LessonMeta = Pick<Lesson, 'slug' | 'locale' | 'title' | 'summary' | 'start'>;

/** A terminal step as a lesson carries it: what counts as done, and the instruction in the lesson's language. */
export interface LessonStep extends TerminalStep {
  /** Rendered inline HTML (the front matter's `text`, Markdown without blocks). */
  text: string;
}
