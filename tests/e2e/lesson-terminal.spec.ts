// Lesson 04's "Try it in the terminal" block in Chromium: the steps listed
// in order, unticked; the terminal opened from the block and typed into;
// each step ticks when its command runs (announced through the polite live
// region), only then; the ticks survive a trip to the explorer and a change
// of language (kept for the page's life); and the page passes axe with the
// block, light and dark, in Chinese, on a phone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openLesson } from './fixtures';
import type { Page } from '@playwright/test';

const steps = (page: Page) => page.getByTestId('terminal-steps');
const terminal = (page: Page) => page.getByTestId('terminal');
const step = (page: Page, id: string) => page.getByTestId(`step-${id}`);
const IDS = ['netperf-polling', 'poll-counters', 'netperf-no-poll'];

async function openTerminal(page: Page) {
  await steps(page).getByTestId('open-terminal').click();
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle', { timeout: 20_000 });
  await page.locator('.xterm-helper-textarea').focus();
}

/** Type a line, press Enter, wait for the prompt to come back. */
async function typeLine(page: Page, line: string) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle', { timeout: 20_000 });
}

const doneIds = async (page: Page) => {
  const out: string[] = [];
  for (const id of IDS) if ((await step(page, id).getAttribute('data-done')) === 'true') out.push(id);
  return out;
};

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('lesson 04: typing the steps\' commands ticks each step, in order, and the ticks last the page\'s life', async ({ page }) => {
  await openLesson(page, '04-ipi-hlt');
  const block = steps(page);
  await expect(block.getByRole('heading', { level: 2, name: 'Try it in the terminal' })).toBeVisible();
  await expect(block.getByRole('listitem')).toHaveCount(3);
  await expect(block.getByRole('listitem').first()).toContainText('netperf -t TCP_RR -l 1');
  expect(await doneIds(page)).toEqual([]);
  const live = page.getByTestId('steps-progress');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText('0 of 3 steps done.');
  // Each step says its state to a screen reader, not only with the tick.
  await expect(step(page, 'netperf-polling')).toContainText('(not done yet)');

  await openTerminal(page);
  // Not steps: netperf on the host fails (it runs in the guest), a cat of another counter.
  await typeLine(page, 'netperf -t TCP_RR -l 1');
  await typeLine(page, 'cat /sys/kernel/debug/kvm/halt_attempted_poll');
  expect(await doneIds(page)).toEqual([]);

  await typeLine(page, 'ssh guest');
  await typeLine(page, 'netperf -t TCP_RR -l 1');
  await expect(step(page, 'netperf-polling')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'netperf-polling')).toContainText('(done)');
  await expect(live).toHaveText('Step 1 done. 1 of 3 steps done.');
  expect(await doneIds(page)).toEqual(['netperf-polling']);

  await typeLine(page, 'exit');
  await typeLine(page, 'cat /sys/kernel/debug/kvm/halt_successful_poll');
  await expect(step(page, 'poll-counters')).toHaveAttribute('data-done', 'true');
  await expect(live).toHaveText('Step 2 done. 2 of 3 steps done.');

  await typeLine(page, 'echo 0 > /sys/module/kvm/parameters/halt_poll_ns');
  expect(await doneIds(page)).toEqual(['netperf-polling', 'poll-counters']);
  await typeLine(page, 'ssh guest');
  await typeLine(page, 'netperf -t TCP_RR -l 1');
  await expect(step(page, 'netperf-no-poll')).toHaveAttribute('data-done', 'true');
  await expect(live).toHaveText('Step 3 done. All steps done.');
  // The rate the step's text says falls: 46607 → 33767 transactions/s for seed 1, as kvmplay shell prints.
  await expect.poll(() => page.locator('.xterm-rows').innerText()).toMatch(/1\.00\s+33767\.00/);

  // Away to the explorer and back, then into Chinese: the ticks stay.
  await page.getByTestId('nav-explorer').click();
  await expect(steps(page)).toHaveCount(0);
  await page.getByTestId('nav-lessons').click();
  await expect(steps(page)).toBeVisible();
  expect(await doneIds(page)).toEqual(IDS);
  await page.getByTestId('locale-zh-CN').click();
  await expect(steps(page).getByRole('heading', { level: 2, name: '在终端里试一试' })).toBeVisible();
  expect(await doneIds(page)).toEqual(IDS);
  await expect(step(page, 'poll-counters')).toContainText('（已完成）');
  await expect(page.getByTestId('steps-progress')).toHaveText('全部步骤已完成。');
});

test('lesson page with the steps and the open terminal: no axe violations, light and dark, Chinese, on a phone', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openLesson(page, '04-ipi-hlt');
  await openTerminal(page);
  await typeLine(page, 'ssh guest');
  await typeLine(page, 'netperf -t TCP_RR -l 1');
  await expect(step(page, 'netperf-polling')).toHaveAttribute('data-done', 'true');
  expect(await violations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await violations(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await openLesson(page, '04-ipi-hlt', 'lang=zh-CN');
  await expect(steps(page).getByRole('heading', { level: 2, name: '在终端里试一试' })).toBeVisible();
  await expect(step(page, 'netperf-no-poll')).toContainText('echo 0 > /sys/module/kvm/parameters/halt_poll_ns');
  await openTerminal(page);
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
