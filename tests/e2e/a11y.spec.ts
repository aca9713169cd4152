// axe-core finds no violations, in either theme and either language.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openPlayground } from './fixtures';
import type { Page } from '@playwright/test';

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('light theme: no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openPlayground(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await violations(page)).toEqual([]);
});

test('dark theme: no axe violations', async ({ page }) => {
  await openPlayground(page);
  await page.getByTestId('theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await violations(page)).toEqual([]);
});

test('dark theme, bare metal, Chinese: no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPlayground(page, '/?lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('radio-virt-off').check();
  await page.getByTestId('input-halt_poll_ns').fill('99999999'); // show an error message too
  await expect(page.getByTestId('p50-published')).toHaveText('1,200');
  expect(await violations(page)).toEqual([]);
});

test('phone-sized screen: no axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page);
  await page.getByTestId('radio-virt-off').check();
  await expect(page.getByTestId('p50-published')).toHaveText('1,200');
  expect(await violations(page)).toEqual([]);
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
