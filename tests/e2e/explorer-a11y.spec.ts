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
});
