// A lesson's goal, predictions and published figures against the model's
// results: which states to run, whether a goal's conditions hold, which
// choice a prediction's answer falls in. Shared by the lesson page and by
// the check that solves every lesson on the real core (scripts/check-lessons.ts).
import type { RunRequest, RunResult } from '../sim/core';
import { metricValue } from '../sim/derived';
import type { ParamValue } from '../sim/schema';
import type { Condition, Goal, Lesson, Prediction, PublishedFigure } from './lesson-types';

/** The run of the lesson's scenario with these parameters over its start state. */
export function lessonRequest(lesson: Lesson, over: Record<string, ParamValue> = {}, samples = false): RunRequest {
  return { scenario: lesson.start.scenario, params: { ...lesson.start.params, ...over }, seed: lesson.start.seed, samples };
}

export interface ConditionStatus {
  condition: Condition;
  /** The model's value; undefined when the result has no such number. */
  value: number | undefined;
  met: boolean;
}

export function conditionStatus(condition: Condition, result: RunResult): ConditionStatus {
  const value = metricValue(result, condition.metric);
  const met =
    value !== undefined && (condition.below !== undefined ? value < condition.below : value > (condition.above as number));
  return { condition, value, met };
}

export interface GoalStatus {
  met: boolean;
  conditions: ConditionStatus[];
}

export function goalStatus(goal: Goal, result: RunResult): GoalStatus {
  const conditions = goal.all.map((c) => conditionStatus(c, result));
  return { met: result.status === 'ok' && conditions.every((c) => c.met), conditions };
}

/** The runs a prediction's answer needs: its state, and the state it is relative to. */
export function predictionRequests(lesson: Lesson, p: Prediction): RunRequest[] {
  const main = lessonRequest(lesson, p.params);
  return p.relative_to ? [main, lessonRequest(lesson, p.relative_to)] : [main];
}

/** The answer from those runs' results (undefined when a metric is missing or the ratio has no denominator). */
export function predictionAnswer(p: Prediction, results: RunResult[]): number | undefined {
  const v = metricValue(results[0], p.metric);
  if (v === undefined || !p.relative_to) return v;
  const base = results[1] ? metricValue(results[1], p.metric) : undefined;
  return base === undefined || base === 0 ? undefined : v / base;
}

/** The index of the choice the answer falls in. */
export function choiceIndex(p: Prediction, answer: number): number {
  const i = p.choices.findIndex((c) => c.below !== undefined && answer < c.below);
  return i === -1 ? p.choices.length - 1 : i;
}

export function publishedRequest(lesson: Lesson, f: PublishedFigure): RunRequest {
  return lessonRequest(lesson, f.params);
}
