// The playground shell: lessons, language and theme.
import { test, expect, waitLab, expectUrlState } from './fixtures';

test('the page shows the product, the course bar and the first lesson with its lab', async ({ page }) => {
  await page.goto('/');
  await waitLab(page);
  await expect(page.getByRole('banner')).toContainText('KVM Perf Playground');
  await expect(page.getByTestId('nav-lessons')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('course-top')).toContainText('Lesson 1 of 11');
  await page.getByTestId('course-toggle').click();
  await expect(page.getByTestId('course-lesson-01-vm-exits')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('VM exit');
  const lesson = page.getByTestId('lesson');
  await expect(lesson.getByTestId('lab')).toBeVisible();
  await expect(lesson.getByRole('heading', { name: 'Sources' })).toBeVisible();
  await expect(page).toHaveTitle(/KVM Perf Playground/);
});

test('the theme follows the system by default', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?lesson=04-ipi-hlt');
  await waitLab(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
});

test('the theme picker switches the theme and the choice survives a reload; System forgets it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/?lesson=04-ipi-hlt');
  await waitLab(page);
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

test('the language switch shows the Chinese lesson and keeps the lab state', async ({ page }) => {
  await page.goto('/?lesson=04-ipi-hlt');
  await waitLab(page);
  await page.getByTestId('input-halt_poll_ns').fill('200000');
  await expect(page.getByTestId('path')).toHaveAttribute('data-path', 'poll');

  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('唤醒');
  await expect(page.getByTestId('lesson')).toContainText('停机轮询');
  await expect(page.getByTestId('lab')).toContainText('目标');
  await expect(page.getByRole('button', { name: '简体中文' })).toHaveAttribute('aria-pressed', 'true');
  await expectUrlState(page, /lang=zh-CN/);
  await expect(page.getByTestId('input-halt_poll_ns')).toHaveValue('200000'); // the lab kept its state
  await expect(page.getByTestId('path')).toHaveAttribute('data-path', 'poll');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('唤醒');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Waking a vCPU');
});
