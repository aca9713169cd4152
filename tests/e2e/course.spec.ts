// The course in Chromium: every lesson in both languages and every theme
// without a console error or an axe violation; one lesson completed with the
// keyboard alone; a prediction locked in and revealed; progress that survives
// a reload and travels as a file; a pinned baseline that stays drawn while a
// slider moves; the lab's goal detected on the model's result.
import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, lab, openLesson } from './fixtures';

const SLUGS = readdirSync(fileURLToPath(new URL('../../lessons/', import.meta.url))).filter((d) => /^\d{2}-/.test(d)).sort();
const THEMES = ['light', 'dark', 'projector'] as const;

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function setTheme(page: Page, theme: string) {
  await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
}

test('the course has eleven lessons', () => {
  expect(SLUGS).toHaveLength(11);
});

for (const slug of SLUGS) {
  test(`${slug}: English and Chinese, light, dark and projector — no console errors, no axe violations`, async ({ page }) => {
    test.setTimeout(300_000); // six axe passes over a long lesson page (the sandbox's is the largest) on a shared 2-core machine
    for (const lang of ['en', 'zh-CN']) {
      await openLesson(page, slug, lang === 'en' ? '' : `lang=${lang}`);
      await expect(page.getByTestId('lesson')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId('goal')).toBeVisible();
      await expect(page.getByTestId('recap')).toBeVisible();
      for (const theme of THEMES) {
        await setTheme(page, theme);
        expect(await violations(page), `${slug} ${lang} ${theme}`).toEqual([]);
      }
    }
  });
}

test('a lesson solved with the keyboard alone: the slider reaches the goal, which the lab detects', async ({ page }) => {
  await openLesson(page, '04-ipi-hlt');
  await expect(lab(page)).toHaveAttribute('data-goal', 'open');
  // Tab from the top of the page to the halt_poll_ns slider.
  await page.locator('body').focus();
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'slider-halt_poll_ns') break;
  }
  await expect(page.getByTestId('slider-halt_poll_ns')).toBeFocused();
  // Up the ladder of round values until the window covers the 100 µs halt.
  for (let i = 0; i < 40; i++) {
    const v = Number(await page.getByTestId('input-halt_poll_ns').inputValue());
    if (v >= 200_000) break;
    await page.keyboard.press('ArrowRight');
  }
  await expect(lab(page)).toHaveAttribute('data-goal', 'met', { timeout: 20_000 });
  await expect(page.getByTestId('goal-badge')).toContainText('Goal reached');
  // Reaching the goal reveals the published figures beside the model's.
  await expect(page.getByTestId('published')).toHaveAttribute('data-shown', 'yes');
  await expect(page.getByTestId('published-schedule-median')).toContainText('14,900');
});

test('a prediction: nothing is revealed before a guess is locked in, then the model answers and marks it', async ({ page }) => {
  await openLesson(page, '04-ipi-hlt');
  const p = page.getByTestId('prediction-schedule-vs-bare');
  await expect(p.getByTestId('commit')).toBeDisabled();
  await expect(p.getByTestId('reveal')).toHaveCount(0);
  await p.getByRole('radio').nth(2).check();
  await p.getByTestId('commit').click();
  await expect(p.getByRole('radio').first()).toBeDisabled();
  await p.getByTestId('reveal').click();
  const answer = p.getByTestId('answer');
  // The model computes the ratio itself: about 12× (S1: 14,900 / 1,200 cycles).
  await expect(answer).toContainText(/The model says 1[12]\.\d+×/, { timeout: 20_000 });
  await expect(answer).toContainText(/Right\.|Not quite\./);
  await expect(p).toHaveAttribute('data-revealed', 'yes');
});

test('progress survives a reload, and leaves and returns as a file', async ({ page }) => {
  await openLesson(page, '04-ipi-hlt');
  await page.getByTestId('solve').click();
  await expect(lab(page)).toHaveAttribute('data-goal', 'met', { timeout: 20_000 });
  await page.reload();
  await expect(lab(page)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await page.getByTestId('course-toggle').click();
  await expect(page.getByTestId('course-lesson-04-ipi-hlt')).toHaveAttribute('data-progress', 'done');
  await expect(page.getByTestId('course-lesson-05-tcp-rr')).toHaveAttribute('data-progress', 'new');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-progress').click();
  const file = await (await download).path();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('course-toggle').click();
  await expect(page.getByTestId('course-lesson-04-ipi-hlt')).not.toHaveAttribute('data-progress', 'done');
  await page.getByTestId('import-progress').setInputFiles(file);
  await expect(page.getByTestId('course-lesson-04-ipi-hlt')).toHaveAttribute('data-progress', 'done');

  // A file that is not ours is refused with the reason, and nothing changes.
  await page.getByTestId('import-progress').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
  await expect(page.getByTestId('course-top')).toContainText('not a progress file');
  await expect(page.getByTestId('course-lesson-04-ipi-hlt')).toHaveAttribute('data-progress', 'done');
});

test('next and previous lead through the course in order', async ({ page }) => {
  await openLesson(page, '01-vm-exits');
  await expect(page.getByTestId('prev-bottom')).toHaveCount(0);
  await page.getByTestId('next-bottom').click();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', '02-device-models');
  await expect(lab(page)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await page.getByTestId('prev-bottom').click();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', '01-vm-exits');
});

test('a set button in the prose changes the lab, and Reset brings back the start', async ({ page }) => {
  await openLesson(page, '04-ipi-hlt');
  await expect(page.getByTestId('input-halt_poll_ns')).toHaveValue('0');
  await page.locator('button.set-params').first().click();
  await expect(lab(page)).toHaveAttribute('data-state', 'idle');
  const changed = await page.getByTestId('lab-controls').innerText();
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('input-halt_poll_ns')).toHaveValue('0');
  expect(changed.length).toBeGreaterThan(0);
});

test('a number in the prose drags the parameter it names', async ({ page }) => {
  await openLesson(page, '04-ipi-hlt');
  const knob = page.getByTestId('knob-halt_poll_ns').first();
  await knob.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('input-halt_poll_ns')).toHaveValue('10000000');
  await expect(knob).toHaveAttribute('aria-valuenow', '10000000');
});

test('a pinned baseline stays drawn, on the same axes, while a slider moves', async ({ page }) => {
  await openLesson(page, '06-halt-polling');
  const latency = page.getByTestId('latency-compare');
  // The run the lab opened on is the first baseline.
  await expect(latency).toHaveAttribute('data-baseline', 'shown');
  const outline = latency.getByTestId('latency-baseline');
  await expect(outline).toHaveCount(1);
  // Pin the current run, then drag halt_poll_ns down with the keyboard: every new run is drawn over the pinned one.
  await page.getByTestId('pin').click();
  const slider = page.getByTestId('slider-halt_poll_ns');
  await slider.focus();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowLeft');
    await expect(lab(page)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
    await expect(outline).toHaveCount(1);
    await expect(page.getByTestId('pcpu-compare')).toHaveAttribute('data-baseline', 'shown');
    await expect(page.getByTestId('pcpu0-baseline')).toBeVisible();
  }
  expect((await outline.getAttribute('d'))?.length ?? 0).toBeGreaterThan(10);
  await expect(page.getByTestId('input-halt_poll_ns')).not.toHaveValue('200000');
});
