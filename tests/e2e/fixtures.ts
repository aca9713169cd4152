// Shared fixtures: every test fails on a console error (page or worker), an
// uncaught page error, a failed request or an HTTP status >= 400, unless the
// test lists the problems it expects in `allowedProblems`.
import { test as base, expect, type Page } from '@playwright/test';
import LZString from 'lz-string';

export { expect };

interface Fixtures {
  /** Problems this test expects (e.g. the 404 it provokes); null: none. */
  allowedProblems: RegExp | null;
  problems: string[];
}

export const test = base.extend<Fixtures>({
  allowedProblems: [null, { option: true }],
  problems: [
    async ({ page, allowedProblems }, use) => {
      const problems: string[] = [];
      const note = (p: string) => {
        if (!allowedProblems?.test(p)) problems.push(p);
      };
      page.on('console', (m) => {
        if (m.type() === 'error') note(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => note(`page error: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400) note(`HTTP ${r.status()}: ${r.url()}`);
      });
      page.on('requestfailed', (r) => note(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
      page.on('worker', (w) =>
        w.on('console', (m) => {
          if (m.type() === 'error') note(`worker console error: ${m.text()}`);
        }),
      );
      await use(problems);
      expect(problems, 'console errors, page errors or failed requests').toEqual([]);
    },
    { auto: true },
  ],
});

export const widget = (page: Page) => page.getByTestId('ipi-hlt-widget');

/** The ipi-hlt widget's page (the lesson widget blogs embed). */
export const WIDGET_PAGE = '/embed/ipi-hlt/';

/** Open a page with the ipi-hlt widget (its embed page by default) and wait until it shows a finished run. */
export async function openPlayground(page: Page, path = WIDGET_PAGE): Promise<void> {
  await page.goto(path);
  await waitIdle(page);
}

export async function waitIdle(page: Page): Promise<void> {
  await expect(widget(page)).toHaveAttribute('data-state', 'idle');
}

/** The model's median wake-up latency in cycles, as the widget shows it. */
export async function modelP50(page: Page): Promise<number> {
  const text = await page.getByTestId('p50-model').innerText();
  const n = Number(text.replace(/[^\d]/g, ''));
  if (!Number.isFinite(n) || text.trim() === '') throw new Error(`p50-model shows '${text}'`);
  return n;
}

export const explorer = (page: Page) => page.getByTestId('explorer');

/** Open the scenario explorer (extra query after ?view=explore) and wait for a finished run. */
export async function openExplorer(page: Page, query = ''): Promise<void> {
  await page.goto(`/?view=explore${query}`);
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
}

/** The number behind a chart element or headline figure (its data-value attribute). */
export async function valueOf(page: Page, testid: string): Promise<number> {
  const raw = await page.getByTestId(testid).getAttribute('data-value', { timeout: 10_000 });
  const n = Number(raw);
  if (raw === null || !Number.isFinite(n)) throw new Error(`${testid} has data-value '${raw}'`);
  return n;
}

/**
 * The page's address with its packed state (?s=1.…, web/lib/state-codec.ts)
 * unfolded in place into readable keys: scenario, changed parameters, seed.
 */
export function readableUrl(url: string): string {
  const u = new URL(url);
  const parts: string[] = [];
  for (const [k, v] of u.searchParams) {
    if (k !== 's') {
      parts.push(`${k}=${v}`);
      continue;
    }
    const m = /^1\.(.*)$/s.exec(v);
    const json = m ? LZString.decompressFromEncodedURIComponent(m[1].replace(/ /g, '+')) : null;
    if (!json) {
      parts.push(`s=${v}`);
      continue;
    }
    const d = JSON.parse(json) as { sc?: string; p?: Record<string, string | number>; seed?: number };
    if (d.sc !== undefined) parts.push(`scenario=${d.sc}`);
    for (const [pk, pv] of Object.entries(d.p ?? {})) parts.push(`${pk}=${pv}`);
    if (d.seed !== undefined) parts.push(`seed=${d.seed}`);
  }
  return `${u.pathname}?${parts.join('&')}`;
}

/** Wait until the readable address matches (or, with `match` false, does not). */
export async function expectUrlState(page: Page, re: RegExp, match = true): Promise<void> {
  await expect.poll(() => readableUrl(page.url())).toMatch(match ? re : new RegExp(`^(?![\\s\\S]*${re.source})`));
}

/** The lesson's lab. */
export const lab = (page: Page) => page.getByTestId('lab');

/** Open a lesson (any extra query: lang, s) and wait until its lab shows a finished run. */
export async function openLesson(page: Page, slug: string, query = ''): Promise<void> {
  await page.goto(`/?lesson=${slug}${query ? '&' + query : ''}`);
  await expect(lab(page)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
}

/** Wait until the lesson's lab shows a finished run. */
export async function waitLab(page: Page): Promise<void> {
  await expect(lab(page)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
}
