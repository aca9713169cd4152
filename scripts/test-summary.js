// Sums the runners' JSON reports into one plain line: "N passed, N failed, N skipped".
// A runner that left no report counts as one failure (it did not run), and so
// does a failed type check (argv[2] = 1).
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    missing.push(path);
    failed += 1;
    return null;
  }
}

if (process.argv[2] === '1') {
  console.log('type check failed');
  failed += 1;
}

const v = read('reports/vitest.json');
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (v.numFailedTestSuites && !v.numFailedTests) failed += v.numFailedTestSuites;
}
const p = read('reports/playwright.json');
if (p) {
  passed += p.stats.expected;
  failed += p.stats.unexpected + (p.stats.flaky ?? 0) + (p.errors?.length ?? 0);
  skipped += p.stats.skipped;
}
for (const m of missing) console.log(`no report at ${m}: that runner did not run`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
