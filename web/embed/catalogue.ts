// Every embeddable widget, derived from the lessons' widgets and the scenario
// catalogue: `ipi-hlt` (the lesson widget) and `explore-<scenario>` for each
// scenario in the schema, so a scenario added there gets an /embed/ page, a
// web-component name and an oEmbed file with no change here. Plain
// TypeScript: vite.config.ts reads it at build time to write those files.
import { SCENARIOS, findScenario } from '../sim/schema.ts';
import { OPEN_BY_DEFAULT, groupParams } from '../lib/param-groups.ts';

export type Controls = 'all' | 'some' | 'none';
export const CONTROLS: readonly Controls[] = ['all', 'some', 'none'];

export interface WidgetDef {
  /** The name in /embed/<name> and <kvm-playground widget="<name>">. */
  name: string;
  kind: 'lesson' | 'scenario';
  scenario: string;
  /** Parameters the widget has controls for (controls=all), in display order. */
  params: readonly string[];
  /** The few shown with controls=some. */
  some: readonly string[];
  /** The lesson it appears in (lesson widgets). */
  lesson?: string;
}

/** The lesson widgets: each runs one scenario with a handful of its parameters. */
export const LESSON_WIDGETS: readonly WidgetDef[] = [
  { name: 'ipi-hlt', kind: 'lesson', scenario: 'ipi-hlt', params: ['halt_poll_ns', 'delay_ns', 'virt'], some: ['halt_poll_ns'], lesson: '04-ipi-hlt' },
];

export const SCENARIO_PREFIX = 'explore-';

function scenarioWidget(name: string): WidgetDef {
  const spec = findScenario(name)!;
  // controls=some: the sections the explorer opens by default (platform, run, workload, host).
  const some = groupParams(spec)
    .filter((g) => OPEN_BY_DEFAULT.has(g.name))
    .flatMap((g) => g.params);
  return { name: `${SCENARIO_PREFIX}${name}`, kind: 'scenario', scenario: name, params: spec.params, some };
}

export function allWidgets(): WidgetDef[] {
  return [...LESSON_WIDGETS, ...SCENARIOS.map((s) => scenarioWidget(s.name))];
}

export function findWidget(name: string): WidgetDef | undefined {
  return allWidgets().find((w) => w.name === name);
}

/** The widget of the lesson widget or explorer scenario `scenario`. */
export function widgetForScenario(scenario: string, lesson = false): WidgetDef {
  const w = lesson ? LESSON_WIDGETS.find((x) => x.scenario === scenario) : findWidget(`${SCENARIO_PREFIX}${scenario}`);
  if (!w) throw new Error(`no widget for scenario ${scenario}`);
  return w;
}
