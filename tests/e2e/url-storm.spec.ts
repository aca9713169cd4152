// State in the URL survives a fast slider drag in a real Chromium with its IPC
// flooding protection on (Playwright turns it off by default), which throttles
// history.replaceState and drops calls beyond its budget: the address is
// written debounced, once per drag, and holds the final state; a reload gives
// the same value and the same run.
import { test, expect, waitLab, lab, modelP50, explorer, readableUrl } from './fixtures';
import type { Page } from '@playwright/test';

test.use({ launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], ignoreDefaultArgs: ['--disable-ipc-flooding-protection'] } });

async function countWrites(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __writes: number; __inputs: number[] };
    w.__writes = 0;
    w.__inputs = [];
    document.addEventListener('input', () => w.__inputs.push(performance.now()), true);
    const replace = history.replaceState.bind(history);
    history.replaceState = (...args: Parameters<History['replaceState']>) => {
      w.__writes++;
      return replace(...args);
    };
  });
}

/** Drag a range input from one end to the other and back part-way, one input event per pixel. */
async function storm(page: Page, testid: string): Promise<void> {
  await page.getByTestId(testid).scrollIntoViewIfNeeded();
  const box = (await page.getByTestId(testid).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, y, { steps: 250 });
  await page.mouse.move(box.x + box.width * 0.37, y, { steps: 250 });
  await page.mouse.up();
}

const stateValue = (url: string, key: string) => new URLSearchParams(readableUrl(url).split('?')[1]).get(key);

test('lesson widget: after a fast drag the URL holds the value on screen, and a reload reproduces the run', async ({ page }) => {
  await countWrites(page);
  await page.goto('/?lesson=04-ipi-hlt');
  await waitLab(page);
  await storm(page, 'slider-halt_poll_ns');
  const shown = await lab(page).getByTestId('input-halt_poll_ns').inputValue();
  await expect.poll(() => stateValue(page.url(), 'halt_poll_ns')).toBe(shown);
  expect(stateValue(page.url(), 'seed')).toBe('1');
  // Debounced: a write only after the input has rested, so hundreds of input
  // events give a handful of writes. A busy machine can pause the drag itself;
  // each pause of a debounce interval or more may add one write, so the bound
  // counts those pauses instead of trusting the machine's speed.
  const { writes, inputs, pauses } = await page.evaluate(() => {
    const w = window as unknown as { __writes: number; __inputs: number[] };
    let pauses = 0;
    for (let i = 1; i < w.__inputs.length; i++) if (w.__inputs[i] - w.__inputs[i - 1] >= 200) pauses++;
    return { writes: w.__writes, inputs: w.__inputs.length, pauses };
  });
  expect(inputs).toBeGreaterThan(20);
  console.log(`url-storm: ${inputs} input events, ${pauses} pauses ≥ 200 ms, ${writes} replaceState calls`);
  expect(writes).toBeLessThanOrEqual(6 + pauses);
  await waitLab(page);
  const p50 = await modelP50(page);
  await page.reload();
  await waitLab(page);
  await expect(lab(page).getByTestId('input-halt_poll_ns')).toHaveValue(shown);
  expect(await modelP50(page)).toBe(p50);
});

test('explorer: stack_ns after a fast drag is the one in the URL, and the reload gives the same run', async ({ page }) => {
  await page.goto('/?view=explore&scenario=tcp-rr');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await storm(page, 'slider-stack_ns');
  const shown = await page.getByTestId('input-stack_ns').inputValue();
  await expect.poll(() => stateValue(page.url(), 'stack_ns')).toBe(shown);
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  const summary = await page.getByTestId('run-summary').innerText();
  const tps = await page.getByTestId('metric-transactions_per_sec').getAttribute('data-value');
  await page.reload();
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('input-stack_ns')).toHaveValue(shown);
  await expect(page.getByTestId('run-summary')).toHaveText(summary);
  expect(await page.getByTestId('metric-transactions_per_sec').getAttribute('data-value')).toBe(tps);
});

test('a packed state that is cut short or of an unknown version is named, and the defaults are used', async ({ page }) => {
  await page.goto('/?view=explore&s=1.N4IgzgxiBcI');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('url-warnings')).toContainText('could not be read');
  await page.goto('/?lesson=04-ipi-hlt&s=9.abc&lang=zh-CN');
  await waitLab(page);
  await expect(page.getByTestId('url-warnings')).toContainText('第 9 版');
});
