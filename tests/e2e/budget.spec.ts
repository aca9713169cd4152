// A run cut short by the event budget says so from the result's own data, in
// the reader's language: events handled, simulated time formatted, and which
// of the scenario's own parameters would shorten it.
import { test, expect, openExplorer } from './fixtures';

const LONG_SPINLOCK = '&scenario=spinlock&vcpus=8&pcpus=8&think_ns=0&duration_ns=10000000000';

test('the budget alert gives events, simulated time and the scenario’s own knob', async ({ page }) => {
  await openExplorer(page, LONG_SPINLOCK);
  const alert = page.getByTestId('budget-alert');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('The run stopped early.');
  await expect(alert).toContainText('limit of 20,000,000 events per run');
  // The simulated time as the run summary formats it, never raw nanoseconds.
  const time = (await page.getByTestId('run-summary').innerText()).match(/Simulated (\S+ \S+) in/)?.[1];
  expect(time).toMatch(/^[\d.,]+ (s|ms)$/);
  await expect(alert).toContainText(`after ${time} of simulated time`);
  await expect(alert).not.toContainText(/\d{7,} ns/);
  // spinlock runs for duration_ns; it has no iterations.
  await expect(page.getByTestId('budget-lower')).toHaveText('To let it finish, lower duration_ns.');
  await expect(alert).not.toContainText('iterations');
});

test('简体中文: the budget alert is in Chinese', async ({ page }) => {
  await openExplorer(page, `${LONG_SPINLOCK}&lang=zh-CN`);
  const alert = page.getByTestId('budget-alert');
  await expect(alert).toContainText('模拟提前停止了。');
  await expect(alert).toContainText('20,000,000 个事件的上限');
  await expect(alert).toContainText(/模拟了 [\d.,]+ m?s 后/);
  await expect(page.getByTestId('budget-lower')).toHaveText('要让它完整运行，请调低 duration_ns。');
  await expect(alert).not.toContainText('stopped');
});
