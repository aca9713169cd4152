// The share dialog, the embed pages and the demo blog (iframe and web
// components, shadow DOM included) have no axe violations, light and dark,
// in English and Chinese, and fit a 390 px phone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, waitIdle, widget, WIDGET_PAGE } from './fixtures';

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('share dialog, light and dark, English and Chinese, at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [scheme, query] of [['light', ''], ['dark', '?lang=zh-CN']] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${WIDGET_PAGE}${query}`);
    await waitIdle(page);
    await widget(page).getByTestId('share-open').click();
    const dialog = page.getByTestId('share-dialog');
    await expect(dialog.getByTestId('share-qr').locator('svg')).toBeVisible();
    if (query) await expect(dialog).toContainText('分享、嵌入或导出');
    expect(await violations(page)).toEqual([]);
    expect((await dialog.boundingBox())!.width).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test('embed pages and the demo blog: no axe violations, no sideways scroll at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/embed/ipi-hlt/?theme=dark&lang=zh-CN');
  await waitIdle(page);
  expect(await violations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.goto('/embed/explore-tcp-rr/?controls=some');
  await expect(page.getByTestId('scenario-widget')).toHaveAttribute('data-state', 'idle');
  expect(await violations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.goto('/demo/');
  await expect(page.locator('#demo-wc').getByTestId('scenario-widget')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(page.frameLocator('#demo-iframe').getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle');
  expect(await violations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});
