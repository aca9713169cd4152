// Worker supervision: a simulation worker that dies is replaced and the
// newest request re-run, with a notice in the reader's language; a core that
// never loads times out with a Retry that works. The deadlines are shortened
// through window.__kvmplaySimTimeouts (web/sim/client.ts), read at each load
// and run, so nothing here waits on the real 15 s / 20 s.
import type { Page } from '@playwright/test';
import { test, expect, explorer, openExplorer, valueOf, waitLab, lab, modelP50, expectUrlState } from './fixtures';

type Timeouts = { loadMs?: number; runMs?: number };

async function setTimeouts(page: Page, t: Timeouts): Promise<void> {
  await page.addInitScript((v) => {
    (globalThis as { __kvmplaySimTimeouts?: Timeouts }).__kvmplaySimTimeouts = v;
  }, t);
}

/** Stop the (only) simulation worker the way a crash would leave it: silent. */
async function killWorker(page: Page): Promise<void> {
  expect(page.workers()).toHaveLength(1);
  await page.workers()[0].evaluate(() => self.close());
}

/** What a finished explorer run shows: the summary line and a few headline figures. */
async function explorerFigures(page: Page) {
  return {
    summary: await page.getByTestId('run-summary').innerText(),
    tps: await valueOf(page, 'metric-transactions_per_sec'),
    hlt: await valueOf(page, 'exits-HLT-model'),
    msr: await valueOf(page, 'exits-MSR_WRITE-model'),
  };
}

test('explorer: a dead worker is replaced and the new value’s run arrives, as a fresh page gives it', async ({ page, context }) => {
  await setTimeouts(page, { runMs: 2000 });
  await openExplorer(page, '&scenario=tcp-rr');
  const before = await explorerFigures(page);

  await killWorker(page);
  await page.getByTestId('input-vcpus').fill('1');
  await expectUrlState(page, /scenario=tcp-rr&vcpus=1/);

  const notice = page.getByTestId('sim-recovery');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-phase', 'recovered');
  await expect(notice).toContainText('The simulator stopped and was restarted');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(explorer(page).getByRole('status').filter({ hasText: 'Computing…' })).toHaveCount(0);
  const after = await explorerFigures(page);
  expect(after).not.toEqual(before);
  expect(after.hlt).toBeLessThan(0.05); // one vCPU: no IPI, no HLT
  expect(page.workers()).toHaveLength(1); // the dead one is gone, one replacement

  // A fresh page with the same URL gives the same run.
  const fresh = await context.newPage();
  await openExplorer(fresh, '&scenario=tcp-rr&vcpus=1');
  expect(await explorerFigures(fresh)).toEqual(after);
  await fresh.close();

  // The next change clears the notice and runs normally.
  await page.getByTestId('input-vcpus').fill('2');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(notice).toHaveCount(0);
  await expect.poll(() => valueOf(page, 'exits-HLT-model')).toBe(before.hlt);
});

test('widget (简体中文): a dead worker is replaced, the notice is in Chinese and the result is the fresh one', async ({ page, context }) => {
  await setTimeouts(page, { runMs: 2000 });
  await page.goto('/?lesson=04-ipi-hlt&lang=zh-CN');
  await waitLab(page);
  const w = lab(page);

  await killWorker(page);
  await w.getByTestId('radio-virt-off').check();
  // While the old worker is silent the page still shows the old run; then it says what happened.
  const notice = w.getByTestId('sim-recovery');
  await expect(notice).toContainText('模拟器');
  await expect(notice).toHaveAttribute('data-phase', 'recovered');
  await expect(notice).toContainText('现已重启');
  await waitLab(page);
  await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'bare');
  await expect(w.getByText('计算中…')).toHaveCount(0);
  const p50 = await modelP50(page);

  const fresh = await context.newPage();
  await fresh.goto('/?lesson=04-ipi-hlt&lang=zh-CN');
  await waitLab(fresh);
  await lab(fresh).getByTestId('radio-virt-off').check();
  await expect(lab(fresh).getByTestId('path')).toHaveAttribute('data-path', 'bare');
  await waitLab(fresh);
  expect(await modelP50(fresh)).toBe(p50);
  await fresh.close();
});

test('a replacement that never answers either stops with a message and a Retry that works', async ({ page }) => {
  await setTimeouts(page, { runMs: 1500 });
  await openExplorer(page, '&scenario=tcp-rr');
  // Workers started from now on say they are ready, then never answer a run.
  const WORKER = '**/assets/worker-*.js';
  await page.route(WORKER, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: "postMessage({ type: 'kvmplay:ready' });" }),
  );
  await killWorker(page);
  await page.getByTestId('input-vcpus').fill('1');

  const error = page.getByTestId('explorer-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-kind', 'lost');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('The simulator stopped. It stopped answering again (no answer within 1.5 s)');
  await expect(explorer(page)).toHaveAttribute('data-state', 'error');
  await expect(explorer(page).getByRole('status').filter({ hasText: 'Computing…' })).toHaveCount(0);
  expect(page.workers()).toHaveLength(0); // both were terminated

  await page.unroute(WORKER);
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(error).toHaveCount(0);
  await expectUrlState(page, /scenario=tcp-rr&vcpus=1/);
  // The retried run is the latest request: a fresh page with that URL gives the same.
  const figures = await explorerFigures(page);
  await openExplorer(page, '&scenario=tcp-rr&vcpus=1');
  expect(await explorerFigures(page)).toEqual(figures);
});

test.describe('when the core never arrives', () => {
  // The stalled request is abandoned when its worker is terminated.
  test.use({ allowedProblems: /request failed: .*\.wasm/ });

  test('the load times out with a message and a Retry that starts the simulator', async ({ page }) => {
    await setTimeouts(page, { loadMs: 1500 });
    await page.route('**/*.wasm', () => {}); // never answered
    await page.goto('/?lesson=04-ipi-hlt');
    const w = lab(page);
    const error = w.getByTestId('sim-failure');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('data-kind', 'load-timeout');
    await expect(error).toContainText('The simulator could not start');
    await expect(error).toContainText('did not start within 1.5 s');
    await expect(w).toHaveAttribute('data-state', 'error');
    await expect(w.getByText('Running the model…')).toHaveCount(0);
    expect(page.workers()).toHaveLength(0); // the stalled worker was terminated

    await page.unroute('**/*.wasm');
    await page.evaluate(() => ((globalThis as { __kvmplaySimTimeouts?: Timeouts }).__kvmplaySimTimeouts = {}));
    await error.getByRole('button', { name: 'Retry' }).click();
    await waitLab(page);
    await expect(error).toHaveCount(0);
    await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'schedule');
    expect(await modelP50(page)).toBeGreaterThan(0);
  });

  test('in Chinese, the explorer says so and Retry works there too', async ({ page }) => {
    await setTimeouts(page, { loadMs: 1500 });
    await page.route('**/*.wasm', () => {});
    await page.goto('/?view=explore&scenario=tcp-rr&lang=zh-CN');
    const error = page.getByTestId('explorer-error');
    await expect(error).toContainText('模拟器无法启动');
    await expect(error).toContainText('1.5 s 内没有启动完成');
    await expect(explorer(page)).toHaveAttribute('data-state', 'error');
    await expect(page.getByText('正在启动模拟器…')).toHaveCount(0);

    await page.unroute('**/*.wasm');
    await page.evaluate(() => ((globalThis as { __kvmplaySimTimeouts?: Timeouts }).__kvmplaySimTimeouts = {}));
    await error.getByRole('button', { name: '重试' }).click();
    await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
    expect(await valueOf(page, 'metric-transactions_per_sec')).toBeGreaterThan(10_000);
  });
});
