// The lesson comparison charts (web/components/lab/) on a test-only page
// (tests/e2e/fixtures-lab/, served by its own Vite dev server, never built
// into dist/), fed with results the core computes here in Node: the pinned
// baseline stays drawn and the axes do not shrink when a smaller result
// arrives, until Fit axes or the lesson's Reset; the linked highlight follows
// clicks, Enter and hover; the figures in the words are the model's; no axe
// violations in light, dark and projector, nor at 390 px in Chinese.
// Then the site itself: the theme picker's projector theme applies, grows the
// type, survives a reload and passes axe.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { format } from 'd3-format';
import { test, expect, openLesson, waitLab } from './fixtures';
import { startLabServer, type LabServer } from './fixtures-lab/server';
import { loadCore } from '../../web/sim/node';
import type { RunResult } from '../../web/sim/core';
import { fmtNs } from '../../web/lib/format';

const core = await loadCore();
const run = (scenario: string, params: Record<string, unknown> = {}): RunResult =>
  core.run({ scenario, params, seed: 1, samples: true });
/** ipi-hlt with halt-polling (the default) wakes in ~4,400 cycles; without it, ~14,900. */
const polled = run('ipi-hlt');
const slept = run('ipi-hlt', { halt_poll_ns: 0 });
/** Fewer wake-ups: every exit total is smaller. */
const short = run('ipi-hlt', { iterations: 400 });

interface Summary {
  p50: number;
  p99: number;
}
const ns = (r: RunResult) => r.metrics.wake_latency_ns as Summary;

let lab: LabServer;
test.beforeAll(async () => {
  lab = await startLabServer();
});
test.afterAll(async () => {
  await lab?.close();
});

async function openLab(page: Page): Promise<void> {
  await page.goto(lab.url);
  await page.waitForFunction(() => '__lab' in globalThis);
}

async function show(page: Page, s: { result: RunResult; baseline?: RunResult | null; locale?: string; theme?: string }): Promise<void> {
  await page.evaluate((next) => (globalThis as unknown as { __lab: { set: (n: unknown) => void } }).__lab.set(next), {
    baseline: null,
    ...s,
  });
  await expect(page.getByTestId('lab-fixture')).toHaveAttribute('data-ready', 'yes');
}

async function domain(page: Page, testid: string, attr = 'data-x-domain'): Promise<[number, number]> {
  const raw = await page.getByTestId(testid).getAttribute(attr);
  const [lo, hi] = (raw ?? '').split(',').map(Number);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`${testid} ${attr} is '${raw}'`);
  return [lo, hi];
}

async function violations(page: Page): Promise<string[]> {
  // Open every disclosure so the tables behind them are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('lab charts on a test page', () => {
  test('the baseline stays drawn and the axes do not shrink when a smaller result arrives; Fit axes and Reset fit them again', async ({ page }) => {
    await openLab(page);
    // Pin the slow run (no halt-polling) as the baseline while it is also the current run.
    await show(page, { result: slept, baseline: slept });
    await expect(page.getByTestId('latency-baseline')).toBeVisible();
    const wide = await domain(page, 'latency-svg');
    const wideY = await domain(page, 'latency-svg', 'data-y-domain');
    const exitsWide = await domain(page, 'exit-rows');
    const sleptP50 = (slept.metrics.wake_latency_cycles as Summary).p50;
    expect(wide[0]).toBeLessThan(sleptP50);
    expect(wide[1]).toBeGreaterThan(sleptP50);

    // A faster run: the baseline outline is still drawn, on an axis that kept its reach.
    await show(page, { result: polled, baseline: slept });
    await expect(page.getByTestId('latency-baseline')).toBeVisible();
    await expect(page.getByTestId('latency-compare')).toHaveAttribute('data-baseline', 'shown');
    const both = await domain(page, 'latency-svg');
    expect(both[0]).toBeLessThanOrEqual(wide[0]);
    expect(both[1]).toBeGreaterThanOrEqual(wide[1]);
    const p50 = (polled.metrics.wake_latency_cycles as Summary).p50;
    expect(both[0]).toBeLessThan(p50);

    // Unpinned, and a run with fewer wake-ups (smaller exit totals): nothing zooms in.
    await show(page, { result: short, baseline: null });
    await expect(page.getByTestId('latency-baseline')).toHaveCount(0);
    expect(await domain(page, 'latency-svg')).toEqual(both);
    const yNow = await domain(page, 'latency-svg', 'data-y-domain');
    expect(yNow[1]).toBeGreaterThanOrEqual(wideY[1]);
    expect(await domain(page, 'exit-rows')).toEqual(exitsWide);
    // The bars shrank instead: HLT's bar is now shorter than before.
    expect(Number(await page.getByTestId('exit-row-HLT').getAttribute('data-value'))).toBe(short.exits.HLT);
    expect(short.exits.HLT).toBeLessThan(slept.exits.HLT);

    // Fit axes: the latency axis now fits the polled run alone (it ends well short of the slow run's p50).
    await page.getByTestId('latency-fit').click();
    const fitted = await domain(page, 'latency-svg');
    expect(fitted[1]).toBeLessThan(both[1]);
    expect(fitted[1]).toBeLessThan(sleptP50);
    // The exits axis is its own: unchanged until its Fit or the lesson's Reset.
    expect(await domain(page, 'exit-rows')).toEqual(exitsWide);
    await page.getByTestId('lesson-reset').click();
    const exitsFitted = await domain(page, 'exit-rows');
    expect(exitsFitted[1]).toBeLessThan(exitsWide[1]);
    expect(exitsFitted[1]).toBeGreaterThanOrEqual(Math.max(...Object.values(short.exits)));

    // The CDF shares the axis and draws the baseline dashed.
    await show(page, { result: polled, baseline: slept });
    const hist = await domain(page, 'latency-svg');
    await page.getByTestId('latency-view-cdf').check();
    await expect(page.getByTestId('latency-compare')).toHaveAttribute('data-view', 'cdf');
    await expect(page.getByTestId('latency-cdf')).toBeVisible();
    await expect(page.getByTestId('latency-baseline')).toBeVisible();
    expect(await domain(page, 'latency-svg')).toEqual(hist);
  });

  test('the words carry the model’s figures: summary, table and the headline’s change against the baseline', async ({ page }) => {
    await openLab(page);
    await show(page, { result: polled, baseline: slept });
    const a = ns(polled);
    const b = ns(slept);
    await expect(page.getByTestId('latency-summary')).toHaveText(
      `Median ${fmtNs(a.p50)}, p99 ${fmtNs(a.p99)}; baseline median ${fmtNs(b.p50)}, p99 ${fmtNs(b.p99)}.`,
    );
    await expect(page.getByTestId('latency-p50')).toContainText(fmtNs(a.p50));
    await expect(page.getByTestId('latency-base-p50')).toContainText(fmtNs(b.p50));
    // "3.4× faster than the baseline (5.726 µs) — better": a word and an arrow, not colour alone.
    const change = page.getByTestId('metric-change');
    await expect(change).toContainText(`${format('.2~r')(b.p50 / a.p50)}× faster than the baseline (${fmtNs(b.p50)})`);
    await expect(change).toContainText('better');
    await expect(change).toContainText('▼');
    await expect(page.getByTestId('metric-delta')).toHaveAttribute('data-good', 'true');
    // Swapped: slower, worse, arrow up.
    await show(page, { result: slept, baseline: polled });
    await expect(change).toContainText('slower');
    await expect(change).toContainText('worse');
    await expect(change).toContainText('▲');
    // Exits: each row is the run's own total (ipi-hlt has no per-transaction rate).
    await expect(page.getByTestId('exit-compare')).toHaveAttribute('data-unit', 'total');
    for (const [reason, n] of Object.entries(slept.exits)) {
      await expect(page.getByTestId(`exit-row-${reason}`)).toHaveAttribute('data-value', String(n));
      await expect(page.getByTestId(`exit-row-${reason}`)).toHaveAttribute('data-base', String(polled.exits[reason] ?? 0));
    }
    // pCPU0 of the polled run spends most of its time polling; the slow run's idles instead.
    await show(page, { result: polled, baseline: slept });
    const share = (p: RunResult['pcpu'][number], k: keyof typeof p) => p[k] / (p.guest_ns + p.host_ns + p.poll_ns + p.other_ns + p.idle_ns);
    expect(Number(await page.getByTestId('pcpu0-seg-poll').getAttribute('data-value'))).toBeCloseTo(share(polled.pcpu[0], 'poll_ns'), 12);
    expect(Number(await page.getByTestId('pcpu0-base-seg-idle').getAttribute('data-value'))).toBeCloseTo(share(slept.pcpu[0], 'idle_ns'), 12);
    await expect(page.getByTestId('pcpu0-baseline')).toBeVisible();
  });

  test('linked highlight: a reason’s name toggles it on click and on Enter, hover highlights, ? asks for the explanation', async ({ page }) => {
    await openLab(page);
    await show(page, { result: polled, baseline: slept });
    const selected = page.getByTestId('hl-selected');
    const hlt = page.getByTestId('exit-name-HLT');

    await hlt.click();
    await expect(selected).toHaveText('exit:HLT');
    await expect(hlt).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('exit-row-HLT')).toHaveClass(/\bhl\b/);
    await expect(page.getByTestId('exit-row-MSR_WRITE')).toHaveClass(/\bdim\b/);
    // An exit reason dims no CPU state.
    await expect(page.getByTestId('pcpu0-seg-poll')).not.toHaveClass(/\bdim\b/);
    await hlt.click();
    await expect(selected).toHaveText('');
    await expect(hlt).toHaveAttribute('aria-pressed', 'false');

    // Keyboard: Tab onto a name (focus highlights it), Enter keeps it, Enter again lets go.
    const msr = page.getByTestId('exit-name-MSR_WRITE');
    await msr.focus();
    await expect(page.getByTestId('hl-current')).toHaveText('exit:MSR_WRITE');
    await page.keyboard.press('Enter');
    await expect(selected).toHaveText('exit:MSR_WRITE');
    await page.keyboard.press('Enter');
    await expect(selected).toHaveText('');

    // "?": the page is asked to explain that reason, and the highlight is left alone.
    await page.getByTestId('exit-explain-HLT').click();
    await expect(page.getByTestId('explained')).toHaveText('exit:HLT');
    await expect(selected).toHaveText('');

    // The pCPU legend: hover highlights a state across the bars, Enter selects it.
    const poll = page.getByTestId('pcpu-mode-poll');
    await poll.hover();
    await expect(page.getByTestId('hl-current')).toHaveText('state:poll');
    await expect(page.getByTestId('pcpu0-seg-poll')).toHaveClass(/\bhl\b/);
    await expect(page.getByTestId('pcpu0-seg-guest')).toHaveClass(/\bdim\b/);
    await expect(page.getByTestId('exit-row-HLT')).not.toHaveClass(/\bdim\b/);
    await poll.focus();
    await page.keyboard.press('Enter');
    await expect(selected).toHaveText('state:poll');
    await expect(poll).toHaveAttribute('aria-pressed', 'true');
    await page.mouse.move(0, 0);
    await page.getByTestId('lesson-reset').focus();
    await expect(page.getByTestId('hl-current')).toHaveText('state:poll');
  });

  for (const theme of ['light', 'dark', 'projector']) {
    test(`${theme} theme: no axe violations, with a baseline, the CDF and a highlight`, async ({ page }) => {
      await page.setViewportSize(theme === 'projector' ? { width: 1920, height: 1080 } : { width: 1280, height: 800 });
      await openLab(page);
      await show(page, { result: polled, baseline: slept, theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await violations(page)).toEqual([]);
      await page.getByTestId('exit-name-HLT').click();
      await page.getByTestId('latency-view-cdf').check();
      expect(await violations(page)).toEqual([]);
    });
  }

  test('switching to the projector theme and back after the charts are drawn resizes them without a ResizeObserver loop', async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as { __errors?: string[] }).__errors = seen;
      addEventListener('error', (e) => seen.push(e.message));
    });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openLab(page);
    await show(page, { result: polled, baseline: slept });
    const svgHeight = () => page.getByTestId('latency-svg').evaluate((e) => e.getBoundingClientRect().height);
    const before = await svgHeight();
    for (const theme of ['projector', 'dark', 'projector', 'light']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), 'projector');
    // The chart grew with the type (13.5 rem tall).
    await expect.poll(svgHeight).toBeCloseTo(before * 1.25, 0);
    expect(await page.evaluate(() => (globalThis as { __errors?: string[] }).__errors)).toEqual([]);
  });

  test('390 px, Chinese, tcp-rr against no halt-polling: fits the screen, no axe violations', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openLab(page);
    const rr = run('tcp-rr');
    const rr0 = run('tcp-rr', { halt_poll_ns: 0 });
    await show(page, { result: rr, baseline: rr0, locale: 'zh-CN' });
    await expect(page.getByTestId('exit-compare')).toHaveAttribute('data-unit', 'perTransaction');
    await expect(page.getByTestId('latency-summary')).toContainText(`中位数 ${fmtNs((rr.metrics.rtt_ns as Summary).p50)}`);
    await expect(page.getByText('往返时间', { exact: true })).toBeVisible();
    // Halt-polling shortens the round trip: said in words, with the verdict.
    await expect(page.getByTestId('metric-change')).toContainText('更快');
    await expect(page.getByTestId('metric-change')).toContainText('，更好');
    expect(await violations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test.describe('the projector theme on the site', () => {
  test('the picker applies it, the type grows 1.25×, it survives a reload, and axe finds nothing', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.emulateMedia({ colorScheme: 'light' });
    await openLesson(page, '04-ipi-hlt');
    const html = page.locator('html');
    const rootPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const lightPx = await rootPx();

    // Keyboard: the picker is one radio group; arrow keys move the choice.
    await page.getByRole('radio', { name: 'Dark' }).focus();
    await page.keyboard.press('ArrowRight');
    const projector = page.getByRole('radio', { name: 'Projector' });
    await expect(projector).toBeChecked();
    await expect(html).toHaveAttribute('data-theme', 'projector');
    expect(await rootPx()).toBeCloseTo(lightPx * 1.25, 1);

    await page.reload();
    await waitLab(page);
    await expect(html).toHaveAttribute('data-theme', 'projector');
    await expect(page.getByRole('radio', { name: 'Projector' })).toBeChecked();
    expect(await page.evaluate(() => localStorage.getItem('kvmplay:theme'))).toBe('projector');
    expect(await violations(page)).toEqual([]);

    // The picker speaks Chinese too.
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect(page.getByRole('group', { name: '主题' }).getByRole('radio', { name: '投影' })).toBeChecked();
  });

  test('a stored projector choice is applied before the first paint, whatever the system says', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.addInitScript(() => localStorage.setItem('kvmplay:theme', 'projector'));
    // Without the app's module only the inline script (allowed by its CSP hash) can set the theme.
    const app = /\/assets\/index-[^/]+\.js$/;
    await page.route(app, (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    await page.goto('/');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('projector');
    await page.unroute(app);
    await openLesson(page, '04-ipi-hlt');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
    await expect(page.getByRole('radio', { name: 'Projector' })).toBeChecked();
  });
});
