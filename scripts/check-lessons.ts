// npm run lessons:check — every lesson, every language, on the real core:
// its front matter parses, its start state misses the goal, its solution
// meets it, every prediction has an answer that falls in one of its choices,
// every published figure has a model value (within its tolerance when the
// lesson gives one). Prints what it found per lesson and exits 1 on any problem.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../web/sim/node';
import { parseLesson, checkTranslation } from '../web/lib/lesson-format';
import { lessonRules } from '../web/lib/lesson-rules';
import { lessonChecks } from '../web/lib/lesson-checks';

const root = fileURLToPath(new URL('../lessons/', import.meta.url));
const only = process.argv[2];
const rules = lessonRules();
const core = await loadCore();
let problems = 0;

for (const slug of readdirSync(root).filter((d) => /^\d{2}-/.test(d)).sort()) {
  if (only && !slug.startsWith(only)) continue;
  for (const locale of ['en', 'zh-CN']) {
    const path = `lessons/${slug}/${locale}.md`;
    const file = root + `${slug}/${locale}.md`;
    if (!existsSync(file)) {
      console.log(`✗ ${path}: missing`);
      problems++;
      continue;
    }
    try {
      const lesson = parseLesson(path, readFileSync(file, 'utf8'), rules);
      if (locale !== 'en') checkTranslation(path, parseLesson(`lessons/${slug}/en.md`, readFileSync(root + `${slug}/en.md`, 'utf8'), rules), lesson);
      if (locale !== 'en') {
        console.log(`✓ ${path}: parses, same states as en.md`);
        continue;
      }
      const report = lessonChecks(lesson, (req) => core.run(req));
      for (const line of report.lines) console.log(`${line.ok ? '✓' : '✗'} ${path}: ${line.text}`);
      problems += report.lines.filter((l) => !l.ok).length;
    } catch (e) {
      console.log(`✗ ${e instanceof Error ? e.message : String(e)}`);
      problems++;
    }
  }
}
console.log(problems === 0 ? 'every lesson checks out' : `${problems} problem${problems === 1 ? '' : 's'}`);
process.exit(problems === 0 ? 0 : 1);
