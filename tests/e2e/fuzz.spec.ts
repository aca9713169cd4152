// The UI fuzzer (?fuzz&seed=N&actions=K, web/lib/fuzz.ts) drives random but
// seeded clicks, drags, keys and typing; afterwards the page must have logged
// no error, stayed on its origin, come back to rest (no "Computing…" left
// running) and have no axe violations. The fixture fails the test on any
// console or page error as well.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

interface Fuzz {
  done: boolean;
  actions: number;
  errors: string[];
  log: string[];
}

async function fuzz(page: Page, query: string, actions: number): Promise<Fuzz> {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const left: string[] = [];
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && new URL(f.url()).origin !== origin) left.push(f.url());
  });
  await page.goto(`/?${query}&fuzz&actions=${actions}`);
  const start = Date.now();
  await page.waitForFunction(() => (window as { __fuzz?: Fuzz }).__fuzz?.done === true, null, { timeout: 40_000, polling: 250 });
  const result = (await page.evaluate(() => (window as { __fuzz?: Fuzz }).__fuzz)) as Fuzz;
  test.info().annotations.push({ type: 'fuzz', description: `${result.actions} actions in ${Date.now() - start} ms` });
  expect(left, 'the fuzzer left the origin').toEqual([]);
  expect(new URL(page.url()).origin).toBe(origin);
  return result;
}

/** After the fuzzer stops, whatever ran must finish: no view stays busy for more than a few seconds. */
async function expectAtRest(page: Page): Promise<void> {
  const busy = page.locator('[data-state="busy"], [data-state="loading"]');
  await expect(busy).toHaveCount(0, { timeout: 6_000 });
  await expect(page.locator('[data-state="error"]')).toHaveCount(0);
}

async function violations(page: Page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [seed, start, actions, width] of [
  [7, 'view=explore&scenario=tcp-rr', 160, 1280],
  [1234, 'lesson=04-ipi-hlt', 120, 1280],
  // On a phone: this seed once opened a wide table whose scroll region keyboard users could not reach.
  [27, 'view=explore&scenario=tcp-rr&pcpus=4', 250, 390],
] as const) {
  test(`fuzz seed ${seed} from ${start} at ${width} px: ${actions} actions, no errors, comes to rest, no axe violations`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 800 });
    const result = await fuzz(page, `${start}&seed=${seed}`, actions);
    expect(result.actions).toBe(actions);
    expect(result.errors, `fuzzer saw errors; last actions:\n${result.log.join('\n')}`).toEqual([]);
    await expectAtRest(page);
    expect(await violations(page), `last actions:\n${result.log.join('\n')}`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}
