// What "a lesson works" means, on the model: the start state misses the goal,
// the solution meets it, each prediction's answer computes, each published
// figure has a model value (within tolerance when one is given), and every
// state a `#set:` button or the modern note sets runs. Used by
// scripts/check-lessons.ts (for authors) and tests/unit/lessons.test.ts (CI).
import type { RunRequest, RunResult } from '../sim/core';
import { metricValue } from '../sim/derived';
import { choiceIndex, goalStatus, lessonRequest, predictionAnswer, predictionRequests, publishedRequest } from './lesson-eval';
import type { Lesson } from './lesson-types';

export interface CheckLine {
  ok: boolean;
  text: string;
}

const fmt = (v: number | undefined) => (v === undefined ? 'no value' : Number.isInteger(v) ? String(v) : v.toPrecision(4));

export function lessonChecks(lesson: Lesson, run: (req: RunRequest) => RunResult): { lines: CheckLine[] } {
  const lines: CheckLine[] = [];
  const goalLine = (what: string, r: RunResult, want: boolean) => {
    const g = goalStatus(lesson.goal, r);
    const values = g.conditions.map((c) => `${c.condition.metric}=${fmt(c.value)}`).join(', ');
    const missing = g.conditions.filter((c) => c.value === undefined).map((c) => c.condition.metric);
    if (missing.length > 0) lines.push({ ok: false, text: `${what}: the result has no ${missing.join(', ')}` });
    else lines.push({ ok: g.met === want, text: `${what} ${g.met ? 'meets' : 'misses'} the goal (${values})${g.met === want ? '' : want ? ' — it must meet it' : ' — it must miss it'}` });
    if (r.status !== 'ok') lines.push({ ok: false, text: `${what}: ${r.message ?? r.status}` });
  };
  goalLine('start', run(lessonRequest(lesson)), false);
  goalLine('solution', run(lessonRequest(lesson, lesson.solution)), true);

  for (const p of lesson.predictions) {
    const answer = predictionAnswer(p, predictionRequests(lesson, p).map(run));
    if (answer === undefined) lines.push({ ok: false, text: `prediction ${p.id}: ${p.metric} has no value` });
    else lines.push({ ok: true, text: `prediction ${p.id}: answer ${fmt(answer)} → choice ${choiceIndex(p, answer) + 1} of ${p.choices.length}` });
  }
  for (const f of lesson.published) {
    const v = metricValue(run(publishedRequest(lesson, f)), f.metric);
    if (v === undefined) {
      lines.push({ ok: false, text: `published ${f.id}: ${f.metric} has no value` });
      continue;
    }
    const off = f.value !== 0 ? Math.abs(v / f.value - 1) : Math.abs(v);
    const ok = f.tolerance === undefined || off <= f.tolerance;
    lines.push({
      ok,
      text: `published ${f.id}: model ${fmt(v)} vs ${f.source} ${fmt(f.value)} (${(off * 100).toFixed(0)} % apart${f.tolerance !== undefined ? `, tolerance ${(f.tolerance * 100).toFixed(0)} %` : ''})`,
    });
  }
  return { lines };
}
