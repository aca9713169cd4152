// The scenario explorer: every scenario with controls from the schema, the
// state in the URL, results drawn from the RunResult beside published figures.
import { test, expect, explorer, openExplorer, openPlayground, valueOf } from './fixtures';

test('tcp-rr: about 2 HLT exits per transaction on 2 vCPUs (S1: 1.99), about 0 on one', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('navigation', { name: 'Playground' }).getByRole('link', { name: /Scenario explorer/ }).click();
  await expect(page).toHaveURL(/[?&]view=explore/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario explorer');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');

  // Pick another scenario, then tcp-rr: each is a history entry.
  await page.getByTestId('scenario-idle').check();
  await expect(page).toHaveURL(/scenario=idle/);
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'idle');
  await page.getByTestId('scenario-tcp-rr').check();
  await expect(page).toHaveURL(/scenario=tcp-rr/);
  await expect(page.getByTestId('scenario-summary')).toContainText('loopback TCP');

  await expect.poll(() => valueOf(page, 'exits-HLT-model')).toBeGreaterThan(1.8);
  expect(await valueOf(page, 'exits-HLT-model')).toBeLessThan(2.2);
  await expect(page.getByTestId('exits-HLT-model')).toContainText('2.00');
  expect(await valueOf(page, 'exits-HLT-published')).toBe(1.99);
  expect(await valueOf(page, 'exits-MSR_WRITE-published')).toBe(9.58);
  await expect(explorer(page).getByTestId('source-S1').first()).toContainText('Matlack');
  expect(await valueOf(page, 'metric-transactions_per_sec')).toBeGreaterThan(10_000);
  await expect(page.getByTestId('rtt-histogram').locator('rect.bar').first()).toBeVisible();

  // One vCPU: client and server switch inside the guest, no IPI, no HLT.
  await page.getByTestId('input-vcpus').fill('1');
  await expect(page).toHaveURL(/vcpus=1/);
  await expect.poll(() => valueOf(page, 'exits-HLT-model')).toBeLessThan(0.05);
  await expect(page.getByTestId('exits-HLT-model').locator('rect')).toHaveCount(0);
  expect(await valueOf(page, 'exits-HLT-published')).toBe(0);

  // Back: the previous scenario; forward: tcp-rr with vcpus=1 again.
  await page.goBack();
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'idle');
  await expect(page.getByTestId('scenario-idle')).toBeChecked();
  await page.goForward();
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'tcp-rr');
  await expect(page.getByTestId('input-vcpus')).toHaveValue('1');
  await expect.poll(() => valueOf(page, 'exits-HLT-model')).toBeLessThan(0.05);
});

test('spinlock: host tasks on the vCPUs’ CPUs raise PAUSE exits; the state is in the URL', async ({ page }) => {
  await openExplorer(page, '&scenario=spinlock');
  const alone = await valueOf(page, 'metric-pause_exits_per_sec');
  await expect(page.getByTestId('lock-wait-histogram')).toBeVisible();

  await page.getByTestId('input-host_tasks').fill('4');
  await expect(page).toHaveURL(/scenario=spinlock&host_tasks=4/);
  await expect.poll(() => valueOf(page, 'metric-pause_exits_per_sec')).toBeGreaterThan(alone * 3);
  await expect(page.getByTestId('pcpu0-seg-other_ns')).toBeAttached(); // the host task's share of pCPU0

  // The shared link reproduces the run.
  const pauses = await valueOf(page, 'metric-pause_exits_per_sec');
  await page.reload();
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('input-host_tasks')).toHaveValue('4');
  expect(await valueOf(page, 'metric-pause_exits_per_sec')).toBe(pauses);

  await page.getByTestId('reset').click();
  await expect(page.getByTestId('input-host_tasks')).toHaveValue('0');
  await expect(page).not.toHaveURL(/host_tasks/);
  await expect.poll(() => valueOf(page, 'metric-pause_exits_per_sec')).toBe(alone);
});

test('idle: with hlt_exits=off the HLT bar disappears and pCPU0 is never idle', async ({ page }) => {
  await openExplorer(page, '&scenario=idle');
  expect(await valueOf(page, 'exits-HLT-model')).toBeGreaterThan(20); // S2: 32/s
  expect(await valueOf(page, 'exits-HLT-published')).toBe(32);
  await expect(page.getByTestId('exits-HLT-model').locator('rect')).toHaveCount(1);
  expect(await valueOf(page, 'pcpu0-seg-idle_ns')).toBeGreaterThan(0.9);
  await expect(explorer(page).getByTestId('source-S2')).toContainText('Pi Zhenwei');

  // The APIC section starts closed; open it and switch HLT exits off.
  const apic = page.getByTestId('group-apic');
  await expect(apic).not.toHaveAttribute('open');
  await apic.locator('summary').click();
  await page.getByTestId('radio-hlt_exits-off').check();
  await expect(page).toHaveURL(/hlt_exits=off/);
  await expect.poll(() => valueOf(page, 'exits-HLT-model')).toBe(0);
  await expect(page.getByTestId('exits-HLT-model').locator('rect')).toHaveCount(0);
  await expect(page.getByTestId('pcpu0-seg-idle_ns')).toHaveCount(0);
  await expect(page.getByTestId('pcpu0-idle_ns')).toHaveText('0.0%');
  await expect(page.getByTestId('halt-halt_exits')).toHaveText('0');
  await expect(apic.locator('.badge')).toHaveText('1 changed');
});

test('bad values in the URL are named with their accepted range, not dropped silently', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr&vcpus=99&bogus=1&seed=-3&host_tasks=2');
  const warnings = page.getByTestId('url-warnings');
  await expect(warnings).toBeVisible();
  await expect(warnings).toContainText('vcpus=99 is out of range: expected 1 – 8');
  await expect(warnings).toContainText("unknown parameter 'bogus'");
  await expect(warnings).toContainText('seed=-3');
  // The good value is used, the defaults stand in for the bad ones.
  await expect(page.getByTestId('input-host_tasks')).toHaveValue('2');
  await expect(page.getByTestId('input-vcpus')).toHaveValue('2');
  await expect(page.getByTestId('run-summary')).toContainText('seed 1');

  await warnings.getByRole('button', { name: 'Dismiss' }).click();
  await expect(warnings).toHaveCount(0);

  await openExplorer(page, '&scenario=nosuch');
  await expect(page.getByTestId('url-warnings')).toContainText("unknown scenario 'nosuch'");
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'tcp-rr');
});

test('typed values and seeds are validated inline and keep the last good run', async ({ page }) => {
  await openExplorer(page, '&scenario=cpu-bound');
  const work = await valueOf(page, 'metric-guest_work_pct');
  expect(work).toBeGreaterThan(95);

  await page.getByTestId('input-duration_ns').fill('5');
  await expect(page.getByTestId('param-error-duration_ns')).toContainText('1000000 – 10000000000 ns');
  await page.getByTestId('input-seed').fill('4294967296');
  await expect(page.getByTestId('param-error-seed')).toContainText('0 – 4294967295');
  await expect(page).not.toHaveURL(/seed=|duration_ns=/);
  expect(await valueOf(page, 'metric-guest_work_pct')).toBe(work);

  await page.getByTestId('input-seed').fill('7');
  await expect(page.getByTestId('param-error-seed')).toHaveText('');
  await expect(page).toHaveURL(/seed=7/);
  await expect(page.getByTestId('run-summary')).toContainText('seed 7');

  await page.getByTestId('input-host_tasks').fill('1'); // a host task takes half of the only pCPU
  await expect.poll(() => valueOf(page, 'metric-guest_work_pct')).toBeLessThan(60);
});

test('exits per vCPU, and the explorer in Chinese', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  await page.getByTestId('exits-per-vcpu').check();
  await expect(page.getByRole('heading', { name: 'VM exits by reason, in the whole run' })).toBeVisible();
  expect(await valueOf(page, 'exits-HLT-vcpu0')).toBeGreaterThan(1000);
  expect(await valueOf(page, 'exits-HLT-vcpu1')).toBeGreaterThan(1000);
  await expect(page.getByTestId('exits-HLT-published')).toHaveCount(0);

  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page).toHaveURL(/view=explore.*lang=zh-CN/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景实验室');
  await expect(page.getByTestId('scenario-summary')).toContainText('回环 TCP');
  await expect(page.getByRole('heading', { name: '按原因统计的 VM 退出（整个运行期间）' })).toBeVisible();
  await expect(page).toHaveTitle(/场景实验室/);
});

test('a run cut short by the event budget says so', async ({ page }) => {
  await openExplorer(page, '&scenario=spinlock&vcpus=8&pcpus=8&think_ns=0&duration_ns=10000000000');
  const alert = page.getByTestId('budget-alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('stopped after 20000000 events');
  await expect(alert).toHaveAttribute('role', 'alert');
});
