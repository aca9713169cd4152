// The README's screenshot: 1280×800, light theme, scrolled so the widget's
// controls, headline numbers and histogram are in view.
// Written to test-results/ on every run; to docs/screenshot.png (and docs/explorer.png) with UPDATE_SCREENSHOT=1.
import { test, expect, openExplorer, openPlayground, widget } from './fixtures';

test('screenshot of the playground', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openPlayground(page);
  await expect(page.getByTestId('histogram')).toBeVisible();
  const controls = widget(page).getByRole('group', { name: 'Controls' });
  await controls.evaluate((el) => window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 78 }));
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
