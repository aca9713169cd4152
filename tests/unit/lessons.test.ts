// Every lesson of the course, on the real core: it parses in both languages
// with the same states, its start state misses its goal, its solution meets
// it, every prediction's answer computes and falls in a choice, and every
// published figure has a model value (within the lesson's tolerance when it
// gives one). The same checks as `npm run lessons:check`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../web/sim/node';
import { checkTranslation, parseLesson } from '../../web/lib/lesson-format';
import { lessonRules } from '../../web/lib/lesson-rules';
import { lessonChecks } from '../../web/lib/lesson-checks';
import { goalStatus, lessonRequest } from '../../web/lib/lesson-eval';

const root = fileURLToPath(new URL('../../lessons/', import.meta.url));
const rules = lessonRules();
const slugs = readdirSync(root).filter((d) => /^\d{2}-/.test(d)).sort();
const read = (slug: string, locale: string) => parseLesson(`lessons/${slug}/${locale}.md`, readFileSync(`${root}${slug}/${locale}.md`, 'utf8'), rules);

describe('the course', () => {
  it('has its lessons numbered in order without gaps', () => {
    expect(slugs.map((s) => Number(s.slice(0, 2)))).toEqual(slugs.map((_, i) => i + 1));
  });

  for (const slug of slugs) {
    describe(slug, () => {
      it('parses in English and Chinese with the same states, goal, predictions and figures', () => {
        const en = read(slug, 'en');
        const zh = read(slug, 'zh-CN');
        expect(() => checkTranslation(`lessons/${slug}/zh-CN.md`, en, zh)).not.toThrow();
        expect(zh.title).not.toBe(en.title);
      });

      it('is solved on the model: the start misses the goal, the solution meets it, every answer computes', async () => {
        const core = await loadCore();
        const lesson = read(slug, 'en');
        const { lines } = lessonChecks(lesson, (req) => core.run(req));
        expect(lines.filter((l) => !l.ok).map((l) => l.text)).toEqual([]);
        // The check itself can fail: the goal is a real condition on the start's result.
        const start = core.run(lessonRequest(lesson));
        expect(goalStatus(lesson.goal, start).met).toBe(false);
      });
    });
  }
});
