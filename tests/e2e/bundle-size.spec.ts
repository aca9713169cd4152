// Bundle sizes, gzip: the JS a first visit loads (the page's entry and the
// chunks it preloads; then the worker and the wasm core it starts), the web
// component (one file, worker and wasm inside) and the single-file build.
// Printed on every run; the test fails only when one grows past its budget.
// Budgets (also in README, "Embedding in a blog"): about 20 % above the sizes
// of the build that introduced them, so a real regression stands out while
// ordinary work fits.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';

const dist = (p: string) => fileURLToPath(new URL(`../../dist/${p}`, import.meta.url));
const gz = (p: string) => gzipSync(readFileSync(dist(p)), { level: 9 }).length;

/** KiB, gzip. */
// Reset when the course landed: eleven lessons in two languages, their text
// and their lab loaded when a lesson opens (sizes then: 83.2, 86.6, 55.3,
// 190.5 and 451.6 KiB; the single file carries every lesson, the glossary
// and xterm.js). Budgets sit about 20 % above.
const BUDGETS = {
  'site first-load JS': 100,
  'embed page first-load JS': 101,
  'simulation worker + wasm core': 64,
  'web component (kvm-playground.js)': 224,
  'single-file build (offline/kvm-playground.html)': 542,
} as const;

/** The scripts a page loads at once: its module entry and every modulepreload. */
function firstLoad(page: string): string[] {
  const html = readFileSync(dist(page), 'utf8');
  return [...html.matchAll(/<script type="module"[^>]*src="\/([^"]+)"|<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1] ?? m[2]);
}

test('bundle sizes (gzip) stay within their budgets', () => {
  const assets = readdirSync(dist('assets'));
  const worker = assets.filter((f) => /^worker-.*\.js$|\.wasm$/.test(f)).map((f) => `assets/${f}`);
  const sizes: Record<keyof typeof BUDGETS, number> = {
    'site first-load JS': firstLoad('index.html').reduce((s, f) => s + gz(f), 0),
    'embed page first-load JS': firstLoad('embed/ipi-hlt/index.html').reduce((s, f) => s + gz(f), 0),
    'simulation worker + wasm core': worker.reduce((s, f) => s + gz(f), 0),
    'web component (kvm-playground.js)': gz('kvm-playground.js'),
    'single-file build (offline/kvm-playground.html)': gz('offline/kvm-playground.html'),
  };
  expect(firstLoad('index.html').length).toBeGreaterThan(0);
  expect(worker.length).toBe(2);
  for (const [what, bytes] of Object.entries(sizes)) {
    const budget = BUDGETS[what as keyof typeof BUDGETS];
    console.log(`bundle size: ${what}: ${(bytes / 1024).toFixed(1)} KiB gzip (budget ${budget} KiB)`);
  }
  for (const [what, bytes] of Object.entries(sizes)) expect(bytes / 1024, what).toBeLessThanOrEqual(BUDGETS[what as keyof typeof BUDGETS]);
});
