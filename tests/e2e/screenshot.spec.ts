// The README's screenshot: lesson 04 at 1920×1080 in the projector theme, a
// classroom's view, with the lab's goal, controls and charts on screen.
// Written to test-results/ on every run; to docs/screenshot.png (and docs/explorer.png) with UPDATE_SCREENSHOT=1.
import { test, expect, openExplorer, openLesson } from './fixtures';

test('screenshot of the playground', async ({ page }, info) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript(() => localStorage.setItem('kvmplay:theme', 'projector'));
  await openLesson(page, '04-ipi-hlt');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  await expect(page.getByTestId('histogram')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  const path = process.env.UPDATE_SCREENSHOT ? 'docs/screenshot.png' : info.outputPath('screenshot.png');
  await page.screenshot({ path, animations: 'disabled' });
});

test('screenshot of the scenario explorer', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=tcp-rr');
  await expect(page.getByTestId('exits-HLT-model')).toBeVisible();
  await page.getByRole('heading', { name: 'Parameters' }).evaluate((el) =>
    window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 90 }),
  );
  await page.evaluate(() => document.fonts.ready);
  const path = process.env.UPDATE_SCREENSHOT ? 'docs/explorer.png' : info.outputPath('explorer.png');
  await page.screenshot({ path, animations: 'disabled' });
});

test('screenshot of the demo blog (docs/demo-blog.png)', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/demo/');
  await expect(page.frameLocator('#demo-iframe').getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('#demo-iframe')).toHaveAttribute('data-kvmplay-height', /\d+/);
  await page.evaluate(() => document.fonts.ready);
  const path = process.env.UPDATE_SCREENSHOT ? 'docs/demo-blog.png' : info.outputPath('demo-blog.png');
  await page.screenshot({ path, animations: 'disabled' });
});
