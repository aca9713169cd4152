// The PMU scenarios in the explorer: each opens with its own panel (perf
// stat's counter timeline, perf record's skid over the listing, the vPMU
// designs), reacts to its knobs, has no axe violations in either theme or
// language, and fits a phone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, explorer, openExplorer } from './fixtures';
import type { Page } from '@playwright/test';

async function violations(page: Page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('perf-stat: the counter timeline; without a global control one exit per counter', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=perf-stat&host=zen4-6.x&pmu=amd-v1&counters=5');
  const panel = page.getByTestId('pmu-timeline');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('enable-exits')).toHaveText('5');
  await expect(panel.getByRole('img')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await openExplorer(page, '&scenario=perf-stat&host=zen4-6.x&pmu=amd-v2&counters=5');
  await expect(page.getByTestId('pmu-timeline').getByTestId('enable-exits')).toHaveText('1');
});

test('perf-record: samples over the listing beside the truth; precise=3 on spr-6.x, and cross-mapping shown', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, '&scenario=perf-record&precise=3');
  const panel = page.getByTestId('pmu-skid');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('precise')).toHaveText('precise=3');
  expect(Number(await panel.getByTestId('tvd').textContent())).toBeLessThan(0.05);
  await expect(panel.getByTestId('listing-2')).toContainText('LLC miss');
  expect(await violations(page)).toEqual([]);
  await openExplorer(page, '&scenario=perf-record&precise=3&host_perf=on&lang=zh-CN');
  await expect(page.getByTestId('cross-mapped')).toBeVisible();
  expect(Number(await page.getByTestId('tvd').textContent())).toBeGreaterThan(0.5);
  expect(await violations(page)).toEqual([]);
});

test('vpmu-switch: one row per design and sampling mode, published figures beside them', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=vpmu-switch&phase_work_ns=10000000');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  const panel = page.getByTestId('pmu-modes');
  await expect(panel).toBeVisible();
  for (const v of ['legacy', 'reuse', 'mediated']) {
    for (const s of ['basic', 'multiplex']) await expect(panel.getByTestId(`mode-${v}-${s}`)).toBeVisible();
  }
  await expect(panel.getByTestId('source-S4')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the PMU panels on a phone: no axe violations, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const q of ['&scenario=perf-stat&pmu=intel-v1&host=spr-6.x', '&scenario=perf-record', '&scenario=vpmu-switch&phase_work_ns=5000000&lang=zh-CN']) {
    await openExplorer(page, q);
    await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
    expect(await violations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});
