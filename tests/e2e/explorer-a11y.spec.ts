// The scenario explorer has no axe violations in either theme, and fits a phone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openExplorer } from './fixtures';
import type { Page } from '@playwright/test';

async function violations(page: Page) {
  // Open every disclosure so the tables behind them are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('explorer, light theme, tcp-rr with a URL warning: no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=tcp-rr&vcpus=99');
  await expect(page.getByTestId('url-warnings')).toBeVisible();
  await page.getByTestId('input-stack_ns').fill('-1'); // an inline error too
  // The host preset's explanation, the round trip, the perf kvm stat table and kvm_stat are checked too.
  for (const id of ['detail-host', 'round-trip-panel', 'exit-time-panel', 'kvm-stats', 'rtt-samples-note']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  expect(await violations(page)).toEqual([]);
});

test('explorer, dark theme, tcp-rr on spr-6.x in Chinese: the new panels have no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, '&scenario=tcp-rr&host=spr-6.x&lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  for (const id of ['detail-host', 'round-trip-panel', 'exit-time-panel', 'kvm-stats']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('round-trip-panel').getByTestId('source-S1')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('explorer, dark theme, spinlock in Chinese: no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, '&scenario=spinlock&host_tasks=4&lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await violations(page)).toEqual([]);
});

test('explorer, dark theme, ipi-hlt and idle: no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, '&scenario=ipi-hlt');
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('scenario-idle').check();
  await expect(page.getByTestId('exits-HLT-published')).toBeAttached();
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-state', 'idle');
  expect(await violations(page)).toEqual([]);
});

test('explorer on a phone-sized screen: no axe violations, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, '&scenario=tcp-rr');
  await page.getByTestId('exits-per-vcpu').check();
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The perf kvm stat table is wider than a phone: it scrolls inside its panel, in a region a keyboard can reach.
  const scroller = page.getByTestId('exit-time-panel').getByRole('region');
  await expect(scroller).toHaveAttribute('tabindex', '0');
  const { scroll, client } = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeGreaterThan(client);
  const panel = await page.getByTestId('exit-time-panel').boundingBox();
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
});
