// The timeline player and the glossary in a browser, on the component
// harness (tests/harness: a page of their own served by a Vite dev server
// started here, never part of dist/), with a hand-made timeline: playback,
// stepping, the scrubber's keys, the words under the playhead, linked
// highlighting, the glossary dialog's focus handling, axe, and a phone's width.
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const PORT = Number(process.env.HARNESS_PORT ?? Number(process.env.PW_PORT ?? 4317) + 1);
const HARNESS = `http://127.0.0.1:${PORT}/`;
let server: ViteDevServer;

test.beforeAll(async () => {
  server = await createServer({
    configFile: fileURLToPath(new URL('../harness/vite.config.ts', import.meta.url)),
    server: { port: PORT, strictPort: true },
    logLevel: 'error',
  });
  await server.listen();
});
test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page, query = '') {
  await page.goto(`${HARNESS}?${query}`);
  await expect(page.getByTestId('timeline')).toBeVisible();
}
const rel = async (page: Page) => Number(await page.getByTestId('tl-playhead').getAttribute('data-rel'));
const caption = (page: Page) => page.getByTestId('tl-caption');

/** Record every position the playhead takes, as it takes it (no timing involved). */
async function watchPlayhead(page: Page) {
  await page.getByTestId('tl-playhead').evaluate((el) => {
    const w = window as unknown as { seen: number[] };
    w.seen = [];
    new MutationObserver(() => w.seen.push(Number(el.getAttribute('data-rel')))).observe(el, { attributes: true, attributeFilter: ['data-rel'] });
  });
}
const seenPositions = (page: Page) => page.evaluate(() => (window as unknown as { seen: number[] }).seen);

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('step and step back walk the changes; the caption says what each lane does there', async ({ page }) => {
  await open(page);
  await expect(caption(page)).toContainText('vCPU0: running guest code');
  await page.getByTestId('tl-next').click();
  expect(await rel(page)).toBe(8000);
  await expect(caption(page)).toContainText('vCPU0: in KVM handling a HLT exit');
  await expect(caption(page)).toContainText('pCPU0: in the host kernel for vCPU0 (HLT exit)');
  await expect(caption(page)).toContainText('vCPU0 exits (HLT)');
  await page.getByTestId('tl-next').click();
  await page.getByTestId('tl-next').click();
  expect(await rel(page)).toBe(19000);
  await expect(caption(page)).toContainText('vCPU0: blocked in kvm_vcpu_block');
  await page.getByTestId('tl-back').click();
  expect(await rel(page)).toBe(9000);
  await expect(caption(page)).toContainText('vCPU0: halt-polling in kvm_vcpu_halt');
  // The live summary catches up once the playhead rests.
  await expect(page.getByTestId('tl-live')).toContainText('At 9.00 µs');
  await expect(page.getByTestId('tl-live')).toHaveAttribute('aria-live', 'polite');
});

test('the scrubber: arrows step between changes, Home and End jump, its value text is in µs', async ({ page }) => {
  await open(page);
  const s = page.getByTestId('tl-scrubber');
  await s.focus();
  await page.keyboard.press('ArrowRight');
  expect(await rel(page)).toBe(8000);
  await page.keyboard.press('ArrowUp');
  expect(await rel(page)).toBe(9000);
  await page.keyboard.press('ArrowLeft');
  expect(await rel(page)).toBe(8000);
  await page.keyboard.press('End');
  expect(await rel(page)).toBe(120000);
  await expect(s).toHaveAttribute('aria-valuetext', '120.00 µs of 120.00 µs');
  await page.keyboard.press('Home');
  expect(await rel(page)).toBe(0);
  await page.keyboard.press('PageUp');
  expect(await rel(page)).toBe(12000);
});

test('play moves the playhead, pause stops it; slow motion and the rate are choices', async ({ page }) => {
  await open(page);
  await page.getByTestId('tl-speed-0.05').check();
  await page.getByTestId('tl-rate').selectOption('100');
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('tl-play')).toHaveAccessibleName('Pause');
  await expect.poll(() => rel(page)).toBeGreaterThan(0);
  await page.getByTestId('tl-play').click();
  const stopped = await rel(page);
  await page.waitForTimeout(300);
  expect(await rel(page)).toBe(stopped);
  await expect(page.getByTestId('tl-play')).toHaveAccessibleName('Play');
});

test('play at the end starts again from the beginning and stops at the end', async ({ page }) => {
  await open(page);
  await page.getByTestId('tl-scrubber').focus();
  await page.keyboard.press('End');
  await page.getByTestId('tl-rate').selectOption('200');
  await watchPlayhead(page);
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('tl-play')).toHaveAccessibleName('Play'); // stopped by itself
  const seen = await seenPositions(page);
  expect(seen[0]).toBe(0);
  expect(seen.at(-1)).toBe(120000);
  for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
});

test('reduced motion: no autoplay, and play moves from change to change', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, 'autoplay=1');
  await page.waitForTimeout(300);
  expect(await rel(page)).toBe(0);
  await watchPlayhead(page);
  await page.getByTestId('tl-play').click();
  await expect.poll(() => rel(page)).toBeGreaterThanOrEqual(9000);
  await page.getByTestId('tl-play').click();
  const seen = await seenPositions(page);
  // Only the changes themselves, in order: 8, 9, (19, …) µs, never a point between them.
  const changes = [8000, 9000, 19000, 20000, 40000, 41000, 55000, 56000, 97000, 98000, 98500];
  expect(seen.slice(0, 2)).toEqual([8000, 9000]);
  expect(seen).toEqual(changes.slice(0, seen.length));
});

test('without reduced motion, autoplay plays', async ({ page }) => {
  await open(page, 'autoplay=1');
  await expect.poll(() => rel(page)).toBeGreaterThan(0);
});

test('hovering a span highlights its key page-wide and dims the rest; a legend entry highlights its state', async ({ page }) => {
  await open(page);
  const chart = page.getByTestId('tl-chart');
  await chart.locator('rect.span[data-key="exit:MSR_WRITE"]').first().hover();
  await expect(page.getByTestId('highlight')).toHaveText('exit:MSR_WRITE');
  await expect(chart.locator('rect.span.emph')).toHaveCount(2); // vCPU1's exit and pCPU1's host span
  expect(await chart.locator('rect.span.dim').count()).toBeGreaterThan(10);
  await page.getByTestId('tl-legend-blocked').hover();
  await expect(page.getByTestId('highlight')).toHaveText('state:blocked');
  await expect(chart.locator('rect.span.emph')).toHaveCount(1);
});

test('keyboard on the lanes: arrows move along a lane, Enter opens the glossary at the span, Escape gives focus back', async ({ page }) => {
  await open(page);
  const lane = page.getByTestId('tl-lane-vcpu0');
  await lane.locator('[data-current]').focus();
  await expect(page.getByTestId('highlight')).toHaveText('state:guest');
  await page.keyboard.press('ArrowRight');
  expect(await rel(page)).toBe(8000);
  await expect(lane.locator('[data-current]')).toBeFocused();
  await expect(lane.locator('[data-current]')).toHaveAttribute('aria-label', /vCPU0: in KVM handling a HLT exit, 8\.00–9\.00 µs/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Glossary' });
  await expect(dialog).toBeVisible();
  await expect(page.locator('#glossary-exit-HLT')).toBeFocused();
  await expect(page.locator('#glossary-exit-HLT')).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(lane.locator('[data-current]')).toBeFocused();
});

test('a glossary term opens the dialog at its entry, an SVM name at its VMX entry; the filter and see-also work', async ({ page }) => {
  await open(page);
  const term = page.getByTestId('glossary-term').filter({ hasText: 'halt_wakeup' });
  await term.click();
  const dialog = page.getByRole('dialog', { name: 'Glossary' });
  await expect(dialog).toBeVisible();
  await expect(page.locator('#glossary-stat-halt_wakeup')).toBeFocused();
  await expect(page.getByTestId('highlight')).toHaveText('stat:halt_wakeup');
  await dialog.locator('#glossary-stat-halt_wakeup').getByTestId('glossary-see').filter({ hasText: 'halt_wait_ns' }).click();
  await expect(page.locator('#glossary-stat-halt_wait_ns')).toBeFocused();
  await page.getByTestId('glossary-filter').fill('0x830');
  await expect(dialog.getByTestId('glossary-entry')).toHaveCount(1);
  await expect(dialog.getByTestId('glossary-entry')).toContainText('Interrupt Command Register');
  await page.getByTestId('glossary-close').click();
  await expect(dialog).toBeHidden();
  await expect(term).toBeFocused();
  // The filter is cleared when a term asks for an entry it hides.
  await page.getByTestId('glossary-term').filter({ hasText: 'hlt (SVM)' }).click();
  await expect(page.locator('#glossary-exit-HLT')).toBeFocused();
  await expect(page.locator('#glossary-exit-HLT')).toContainText('on AMD (SVM): hlt');
});

test('Chinese: the caption, controls and glossary speak Chinese, identifiers stay', async ({ page }) => {
  await open(page, 'lang=zh-CN');
  await page.getByTestId('tl-next').click();
  await expect(caption(page)).toContainText('vCPU0：在 KVM 中处理 HLT 退出');
  await expect(page.getByTestId('tl-play')).toHaveAccessibleName('播放');
  await page.getByTestId('glossary-term').first().click();
  await expect(page.locator('#glossary-exit-HLT')).toContainText('客户机无事可做，执行了 HLT。');
});

test('axe: light and English with the dialog open, dark and Chinese with a baseline', async ({ page }) => {
  await open(page);
  await page.getByTestId('tl-next').click();
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('glossary-term').first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, 'theme=dark&lang=zh-CN&baseline=1&truncated=1');
  await expect(page.getByTestId('tl-truncated')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('at 390 px the page does not scroll sideways (the chart does), and every control is a 44 px target', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'baseline=1');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const scroller = page.getByTestId('tl-chart').locator('..');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const small = await page.getByTestId('timeline').evaluate((root) =>
    [...root.querySelectorAll('button, select, input[type=range], label:has(input[type=radio])')]
      .map((el) => ({ el: el.getAttribute('data-testid') ?? el.textContent?.trim(), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => `${el} ${r.width}×${r.height}`),
  );
  expect(small).toEqual([]);
  await page.getByTestId('glossary-term').first().click();
  const box = await page.getByRole('dialog').boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  expect(await violations(page)).toEqual([]);
});
