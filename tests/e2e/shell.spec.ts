// The playground shell: lessons, language and theme.
import { test, expect, openPlayground, expectUrlState } from './fixtures';

test('the page shows the product, the lesson list and the first lesson with its widget', async ({ page }) => {
  await openPlayground(page);
  await expect(page.getByRole('banner')).toContainText('KVM Perf Playground');
  const nav = page.getByRole('navigation', { name: 'Lessons' });
  await expect(nav.getByRole('link', { name: /IPI → HLT/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('IPI → HLT');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toContainText('MSR');
  await expect(lesson.getByRole('heading', { name: 'Halt-polling: spin before you sleep' })).toBeVisible();
  await expect(lesson.getByTestId('ipi-hlt-widget')).toBeVisible();
  await expect(lesson.getByRole('heading', { name: 'Sources' })).toBeVisible();
  await expect(page).toHaveTitle(/KVM Perf Playground/);
});

test('the theme follows the system by default', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPlayground(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
});

test('the theme picker switches the theme and the choice survives a reload; System forgets it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openPlayground(page);
  const html = page.locator('html');
  const picker = page.getByRole('group', { name: 'Theme' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(picker.getByRole('radio', { name: 'System' })).toBeChecked();
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await picker.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).not.toBe(lightBg);

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' })).toBeChecked();

  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate(() => localStorage.getItem('kvmplay:theme'))).toBeNull();
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('the language switch shows the Chinese lesson and keeps the widget state', async ({ page }) => {
  await openPlayground(page);
  await page.getByTestId('input-halt_poll_ns').fill('0');
  await expect(page.getByTestId('path')).toHaveAttribute('data-path', 'schedule');

  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('唤醒一个停下的 vCPU');
  await expect(page.getByTestId('lesson')).toContainText('halt 轮询');
  await expect(page.getByTestId('ipi-hlt-widget')).toContainText('动手试试');
  await expect(page.getByRole('button', { name: '简体中文' })).toHaveAttribute('aria-pressed', 'true');
  await expectUrlState(page, /lang=zh-CN/);
  await expect(page.getByTestId('input-halt_poll_ns')).toHaveValue('0'); // the widget kept its state
  await expect(page.getByTestId('path')).toHaveAttribute('data-path', 'schedule');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('唤醒');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Waking a halted vCPU');
});
