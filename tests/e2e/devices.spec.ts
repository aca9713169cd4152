// The device scenarios in the explorer: the NIC and disk models side by side
// beside S2's figures, in both languages and themes, on a phone, without axe
// violations.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openExplorer } from './fixtures';
import type { Page } from '@playwright/test';

async function violations(page: Page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const panel = (page: Page) => page.getByTestId('device-models');

test('nic: the three NIC models side by side beside S2, vhost fastest; light theme, no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=nic');
  await expect(panel(page)).toHaveAttribute('data-pending', 'false');
  // e1000's EPT_MISCONFIG bar and S2's beside it; every model has its S2 bar.
  const e1000 = Number(await page.getByTestId('device-exits-EPT_MISCONFIG-e1000').getAttribute('data-value'));
  expect(e1000).toBeGreaterThan(0.75 * 61918);
  expect(e1000).toBeLessThan(1.25 * 61918);
  for (const m of ['e1000', 'virtio', 'vhost']) {
    await expect(page.getByTestId(`device-exits-EPT_MISCONFIG-s2-${m}`)).toBeAttached();
    await expect(page.getByTestId(`device-row-${m}`)).toBeVisible();
  }
  const rps = async (m: string) => Number(await page.getByTestId(`device-row-${m}`).locator('td').first().getAttribute('data-value'));
  expect(await rps('vhost')).toBeGreaterThan(await rps('virtio'));
  expect(await rps('virtio')).toBeGreaterThan(await rps('e1000'));
  await expect(panel(page).getByTestId('source-S2')).toBeVisible();
  // The exits chart compares the chosen model with S2 too, and the headline has requests per second.
  await expect(page.getByTestId('exits-EPT_MISCONFIG-published')).toBeAttached();
  await expect(page.getByTestId('metric-requests_per_sec')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('nic: choosing another NIC model reruns the comparison with the new choice as the explorer\'s own run', async ({ page }) => {
  await openExplorer(page, '&scenario=nic');
  await expect(panel(page)).toHaveAttribute('data-pending', 'false');
  await page.getByTestId('radio-nic-vhost').check();
  await expect(page.getByTestId('explorer')).toHaveAttribute('data-state', 'idle');
  await expect(panel(page)).toHaveAttribute('data-pending', 'false');
  await expect(page.getByTestId('exits-IO_INSTRUCTION-published')).not.toBeAttached(); // S2's vhost column has no IO_INSTRUCTION
  await expect(page.getByTestId('device-exits-IO_INSTRUCTION-e1000')).toBeAttached(); // e1000 still side by side
});

test('disk in Chinese, dark theme: IDE and virtio-blk side by side, no axe violations', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, '&scenario=disk&lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(panel(page)).toHaveAttribute('data-pending', 'false');
  await expect(panel(page).getByRole('heading')).toHaveText('磁盘模型并列比较：每秒 VM 退出');
  const ide = Number(await page.getByTestId('device-exits-IO_INSTRUCTION-ide').getAttribute('data-value'));
  expect(ide).toBeGreaterThan(0.75 * 163237);
  await expect(page.getByTestId('device-exits-EPT_MISCONFIG-virtio-blk')).toBeAttached();
  expect(await violations(page)).toEqual([]);
});

test('nic on a phone-sized screen: no axe violations, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, '&scenario=nic');
  await expect(panel(page)).toHaveAttribute('data-pending', 'false');
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
