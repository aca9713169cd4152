#!/usr/bin/env bash
# npm test: build, type check, unit + property tests (vitest, Node, compiled
# wasm), browser tests (Playwright, Chromium). Every runner writes a JSON
# report; the last line sums them as "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/vitest.json reports/playwright.json
status=0

echo "== build (wasm + site)"
npm run -s build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== type check (svelte-check)"
check_failed=0
npm run -s check || { status=1; check_failed=1; }

echo "== unit and property tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1

echo "== browser tests (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json || status=1

node scripts/test-summary.js "$check_failed" || status=1
exit $status
