// The scenario explorer: every scenario with controls from the schema, the
// state in the URL, results drawn from the RunResult beside published figures.
import type { Page } from '@playwright/test';
import { HOST_PRESETS } from '../../web/sim/schema';
import { test, expect, explorer, openExplorer, openLesson, valueOf, expectUrlState, readableUrl } from './fixtures';

test('tcp-rr: about 2 HLT exits per transaction on 2 vCPUs (S1: 1.99), about 0 on one', async ({ page }) => {
  await openLesson(page, '01-vm-exits');
  await page.getByTestId('nav-explorer').click();
  await expectUrlState(page, /[?&]view=explore/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario explorer');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');

  // Pick another scenario, then tcp-rr: each is a history entry.
  await page.getByTestId('scenario-idle').check();
  await expectUrlState(page, /scenario=idle/);
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'idle');
  await page.getByTestId('scenario-tcp-rr').check();
  await expectUrlState(page, /scenario=tcp-rr/);
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
  await expectUrlState(page, /vcpus=1/);
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
  // One vCPU per pCPU (the scenario's default overcommits 8 vCPUs on its 4 pCPUs).
  await openExplorer(page, '&scenario=spinlock&vcpus=4');
  const alone = await valueOf(page, 'metric-pause_exits_per_sec');
  await expect(page.getByTestId('lock-wait-histogram')).toBeVisible();

  await page.getByTestId('input-host_tasks').fill('4');
  await expectUrlState(page, /scenario=spinlock&vcpus=4&host_tasks=4/);
  await expect.poll(() => valueOf(page, 'metric-pause_exits_per_sec')).toBeGreaterThan(alone * 3);
  await expect(page.getByTestId('pcpu0-seg-other_ns')).toBeAttached(); // the host task's share of pCPU0

  // The shared link reproduces the run.
  const pauses = await valueOf(page, 'metric-pause_exits_per_sec');
  await page.reload();
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('input-host_tasks')).toHaveValue('4');
  expect(await valueOf(page, 'metric-pause_exits_per_sec')).toBe(pauses);

  // Reset: the scenario's defaults, 8 vCPUs on 4 pCPUs, and nothing changed in the URL.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('input-host_tasks')).toHaveValue('0');
  await expect(page.getByTestId('input-vcpus')).toHaveValue('8');
  await expectUrlState(page, /host_tasks|vcpus|pcpus/, false);
  await expect.poll(() => valueOf(page, 'metric-pause_exits_per_sec')).not.toBe(pauses);
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
  await expectUrlState(page, /hlt_exits=off/);
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
  // The seed is always in the address; a rejected one leaves the last good (the default, 1).
  await expectUrlState(page, /seed=1$/);
  await expectUrlState(page, /duration_ns=/, false);
  expect(await valueOf(page, 'metric-guest_work_pct')).toBe(work);

  await page.getByTestId('input-seed').fill('7');
  await expect(page.getByTestId('param-error-seed')).toHaveText('');
  await expectUrlState(page, /seed=7/);
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
  await expectUrlState(page, /view=explore.*lang=zh-CN/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景实验室');
  await expect(page.getByTestId('scenario-summary')).toContainText('回环 TCP');
  await expect(page.getByRole('heading', { name: '按原因统计的 VM 退出（整个运行期间）' })).toBeVisible();
  await expect(page).toHaveTitle(/场景实验室/);
});

test('a run cut short by the event budget says so', async ({ page }) => {
  await openExplorer(page, '&scenario=spinlock&vcpus=8&pcpus=8&think_ns=0&duration_ns=10000000000');
  const alert = page.getByTestId('budget-alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('limit of 20,000,000 events');
  await expect(alert).toHaveAttribute('role', 'alert');
});

test('host: the preset is the first section, open and explained; spr-6.x changes the URL and the results', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  const first = explorer(page).locator('details[data-testid^="group-"]').first();
  await expect(first).toHaveAttribute('data-testid', 'group-platform');
  await expect(first).toHaveAttribute('open');
  await expect(page.getByTestId('radio-host-snb-3.11')).toBeChecked();
  await expect(page.getByTestId('detail-host')).toContainText(HOST_PRESETS['snb-3.11'].summary);
  const tps = await valueOf(page, 'metric-transactions_per_sec');
  const msr = await valueOf(page, 'exits-MSR_WRITE-model');

  await page.getByTestId('radio-host-spr-6.x').check();
  await expectUrlState(page, /scenario=tcp-rr&host=spr-6\.x/);
  await expect(page.getByTestId('detail-host')).toContainText(HOST_PRESETS['spr-6.x'].summary);
  await expect(page.getByTestId('detail-host')).toContainText('ipiv=on');
  await expect.poll(() => valueOf(page, 'metric-transactions_per_sec')).not.toBe(tps);
  expect(await valueOf(page, 'exits-MSR_WRITE-model')).not.toBe(msr);
  // The host's own defaults are not changes: only host is in the URL and badged.
  expect(readableUrl(page.url())).not.toContain('ipiv=');
  await expect(first.locator('.badge')).toHaveText('1 changed');
  await expect(page.getByTestId('group-apic').locator('.badge')).toHaveCount(0);
  await expect(page.getByTestId('run-error')).toHaveCount(0);

  // The link reproduces it; back on snb-3.11 the host leaves the URL and the first run returns.
  const onSpr = await valueOf(page, 'metric-transactions_per_sec');
  await page.reload();
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('radio-host-spr-6.x')).toBeChecked();
  expect(await valueOf(page, 'metric-transactions_per_sec')).toBe(onSpr);
  await page.getByTestId('radio-host-snb-3.11').check();
  await expectUrlState(page, /host=/, false);
  await expect.poll(() => valueOf(page, 'metric-transactions_per_sec')).toBe(tps);
});

/** A number as the page prints it: 1,234.56 µs → 1234.56. */
async function shown(page: Page, testid: string): Promise<number> {
  const text = await page.getByTestId(testid).innerText();
  const m = /-?[\d,]*\.?\d+/.exec(text);
  if (!m) throw new Error(`${testid} shows '${text}'`);
  return Number(m[0].replace(/,/g, ''));
}

test('tcp-rr: the perf kvm stat table lists HLT and MSR_WRITE with their times; kvm_stat and the samples note', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  const panel = page.getByTestId('exit-time-panel');
  await expect(panel.getByRole('heading')).toHaveText('Time per VM exit (perf kvm stat report)');
  await expect(panel).toContainText('kvm_exit to the next kvm_entry');
  await expect(panel.getByRole('columnheader')).toHaveText(['VM-EXIT', 'Samples', 'Samples%', 'Time%', 'Min Time', 'Max Time', 'Avg time']);
  for (const reason of ['HLT', 'MSR_WRITE']) {
    await expect(page.getByTestId(`exit-time-${reason}-samples`)).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId(`exit-time-${reason}-samples_pct`)).toHaveText(/^\d+\.\d\d%$/);
    await expect(page.getByTestId(`exit-time-${reason}-time_pct`)).toHaveText(/^\d+\.\d\d%$/);
    for (const col of ['min', 'max']) await expect(page.getByTestId(`exit-time-${reason}-${col}`)).toHaveText(/^[\d,]+\.\d\d µs$/);
    await expect(page.getByTestId(`exit-time-${reason}-avg`)).toHaveText(/^[\d,]+\.\d\d µs\s*\( \+- \d+\.\d\d% \)$/);
    const [min, avg, max] = [await shown(page, `exit-time-${reason}-min`), await shown(page, `exit-time-${reason}-avg`), await shown(page, `exit-time-${reason}-max`)];
    expect(min).toBeGreaterThan(0);
    expect(min).toBeLessThanOrEqual(avg);
    expect(avg).toBeLessThanOrEqual(max);
  }
  // S1's ratio: about 10 MSR writes a transaction to 2 HLTs; a HLT spans the time blocked, so it lasts longer.
  expect(await valueOf(page, 'exit-time-MSR_WRITE-samples')).toBeGreaterThan(4 * (await valueOf(page, 'exit-time-HLT-samples')));
  expect(await valueOf(page, 'exit-time-HLT-avg')).toBeGreaterThan(await valueOf(page, 'exit-time-MSR_WRITE-avg'));
  // Every row's Time% together, as shown, make 100 %; so does the bar.
  const timePct = await panel.locator('[data-testid$="-time_pct"]').allInnerTexts();
  expect(timePct.reduce((s, x) => s + Number(x.replace('%', '')), 0)).toBeCloseTo(100, 0);
  await expect(page.getByTestId('exit-time-share-time-HLT')).toBeAttached();

  // kvm_stat's counters, each explained.
  const stats = page.getByTestId('kvm-stats');
  await expect(stats.locator('tbody tr')).toHaveCount(6);
  for (const k of ['exits', 'irq_exits', 'irq_window_exits', 'irq_injections', 'host_state_reload', 'blocking']) {
    await expect(page.getByTestId(`kvm-${k}`)).toHaveText(/^[\d,]+$/);
  }
  expect(await valueOf(page, 'kvm-exits')).toBeGreaterThan(await valueOf(page, 'exit-time-MSR_WRITE-samples'));
  await expect(stats).toContainText('VM exits of every reason');

  // Which samples the RTT summary covers.
  await expect(page.getByTestId('rtt-samples-note')).toHaveText(/^(The summary covers all [\d,]+ samples\.|Quantiles from a uniform reservoir of [\d,]+ of [\d,]+ samples; min, max and mean over all\.)$/);

  // Bare metal has no exits: the panel says so.
  await page.getByTestId('radio-virt-off').check();
  await expect(page.getByTestId('exit-time-empty')).toBeVisible();
});

test('tcp-rr: where one round trip goes — the steps add up to the mean round-trip time; S1’s ranges beside the costs', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  const panel = page.getByTestId('round-trip-panel');
  await expect(panel.getByRole('heading', { level: 3 })).toHaveText('Where one round trip goes');
  // Every step the core reports is a row, as shown in µs; the main ones are there.
  const cells = panel.locator('[data-testid^="round-trip-step-"]');
  const ids = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  for (const n of ['guest_work', 'timer_msr_exits', 'icr_exit_to_kick', 'other_exits']) expect(ids).toContain(`round-trip-step-${n}`);
  expect(ids.some((id) => id.includes('wakeup'))).toBe(true);
  let sum = 0;
  for (const id of ids) {
    await expect(page.getByTestId(id)).toHaveText(/^[\d,]+\.\d\d$/);
    sum += await shown(page, id);
  }
  const mean = await shown(page, 'round-trip-rtt-mean');
  expect(mean).toBeGreaterThan(5);
  expect(Math.abs(sum - mean) / mean).toBeLessThan(0.02);
  // The bar draws every step on one row.
  await expect(page.getByTestId('round-trip-bar').locator('rect.seg')).toHaveCount(ids.length);

  // Costs per round trip beside S1's ranges, cited.
  await expect(page.getByTestId('overhead-timer_msr_exits-published')).toHaveText('3–5 µs');
  await expect(page.getByTestId('overhead-icr_exits-published')).toHaveText('~2 µs');
  await expect(page.getByTestId('overhead-wakeups-published')).toHaveText('~3 µs');
  for (const k of ['timer_msr_exits', 'icr_exits', 'wakeups']) await expect(page.getByTestId(`overhead-${k}-model`)).toHaveText(/^[\d,]+\.\d\d$/);
  await expect(panel.getByTestId('source-S1')).toContainText('Message Passing Workloads in KVM');

  // One vCPU: S1's figures do not apply, so none is shown beside the model's.
  await page.getByTestId('input-vcpus').fill('1');
  await expectUrlState(page, /vcpus=1/);
  await expect(page.getByTestId('overhead-icr_exits-published')).toHaveText('—');
  await expect(panel.getByTestId('source-S1')).toHaveCount(0);
});

test('the new panels in Chinese', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr&lang=zh-CN');
  await expect(page.getByTestId('group-platform').locator('summary')).toContainText('主机硬件与内核');
  await expect(page.getByTestId('detail-host')).toContainText('这台主机改变了什么');
  await expect(page.getByTestId('detail-host')).toContainText('S1 使用的主机');
  await expect(page.getByRole('heading', { name: '每种 VM 退出的耗时（perf kvm stat report）' })).toBeVisible();
  await expect(page.getByTestId('exit-time-panel').getByRole('columnheader').first()).toHaveText('VM 退出');
  await expect(page.getByRole('heading', { name: '一次往返的时间花在哪里' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '每种步骤在每次往返中的开销' })).toBeVisible();
  await expect(page.getByTestId('kvm-stats').locator('caption')).toContainText('KVM 退出与中断统计');
  await expect(page.getByTestId('rtt-samples-note')).toContainText('样本');
});

test('a host without IPI virtualization cannot choose ipiv=on: the option is disabled, a link asking for it is corrected with a word', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  await expect(page.getByTestId('radio-ipiv-on')).toBeDisabled();
  await expect(page.getByTestId('unavailable-ipiv')).toContainText('snb-3.11');
  await page.getByTestId('radio-host-spr-6.x').check();
  await expect(page.getByTestId('radio-ipiv-on')).toBeEnabled();
  await expect(page.getByTestId('radio-ipiv-on')).toBeChecked();
  // Back on snb-3.11 the value its hardware lacks returns to that host's default; no run error.
  await page.getByTestId('radio-host-snb-3.11').check();
  await expect(page.getByTestId('radio-ipiv-off')).toBeChecked();
  await expect(page.getByTestId('run-error')).toHaveCount(0);

  await openExplorer(page, '&scenario=tcp-rr&ipiv=on');
  await expect(page.getByTestId('url-warnings')).toContainText('ipiv=on is not available on host=snb-3.11');
  await expect(page.getByTestId('radio-ipiv-off')).toBeChecked();
  await expect(page.getByTestId('run-error')).toHaveCount(0);
});
