// The ipi-hlt widget reruns the core on every change and shows the result
// beside S1's published figures.
import { test, expect, openPlayground, modelP50, waitIdle, widget, WIDGET_PAGE } from './fixtures';

test('halt_poll_ns=0 takes the schedule path, virt=off drops to bare metal', async ({ page }) => {
  await openPlayground(page);
  const w = widget(page);

  // Defaults: halt_poll_ns=200 µs covers the 100 µs halt, so the model polls (S1: ~4,300 cycles).
  const polled = await modelP50(page);
  expect(polled).toBeGreaterThan(3000);
  expect(polled).toBeLessThan(6000);
  await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'poll');
  await expect(w.getByTestId('p50-published')).toHaveText('4,300');
  await expect(w.getByTestId('histogram').locator('rect.bar').first()).toBeVisible();

  // Slider to its first position: halt_poll_ns = 0.
  const slider = w.getByTestId('slider-halt_poll_ns');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(w.getByTestId('input-halt_poll_ns')).toHaveValue('0');
  await expect.poll(() => modelP50(page)).toBeGreaterThan(10_000);
  await waitIdle(page);
  await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'schedule');
  await expect(w.getByTestId('p50-published')).toHaveText('14,900');
  await expect(w.getByTestId('halt-halt_successful_poll')).toHaveText('0');
  await expect(w.getByTestId('segments').locator('rect.seg')).toHaveCount(10);

  // Bare metal.
  await w.getByTestId('radio-virt-off').check();
  await expect.poll(() => modelP50(page)).toBeLessThan(2000);
  await waitIdle(page);
  await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'bare');
  await expect(w.getByTestId('p50-published')).toHaveText('1,200');
  await expect(w.getByTestId('halt-halt_exits')).toHaveText('0');
});

test('the slider moves over round values and the number box follows', async ({ page }) => {
  await openPlayground(page);
  const w = widget(page);
  const slider = w.getByTestId('slider-halt_poll_ns');
  const input = w.getByTestId('input-halt_poll_ns');
  await expect(input).toHaveValue('200000');
  await expect(slider).toHaveAttribute('aria-valuetext', '200 µs');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(input).toHaveValue('250000');
  await page.keyboard.press('End');
  await expect(input).toHaveValue('10000000');
  await expect(slider).toHaveAttribute('aria-valuetext', '10 ms');
  await waitIdle(page);
});

test('a long halt defeats polling: delay_ns beyond the window takes the schedule path', async ({ page }) => {
  await openPlayground(page);
  const w = widget(page);
  await w.getByTestId('input-delay_ns').fill('500000');
  await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'schedule');
  await expect.poll(() => modelP50(page)).toBeGreaterThan(10_000);
  await expect(w.getByTestId('pcpu-poll_ns')).toHaveText('0.0%');
  await w.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(w.getByTestId('input-delay_ns')).toHaveValue('100000');
  await expect.poll(() => modelP50(page)).toBeLessThan(6000);
});

test('typed values are validated: out of range shows the accepted range and keeps the last good run', async ({ page }) => {
  await openPlayground(page);
  const w = widget(page);
  const input = w.getByTestId('input-halt_poll_ns');
  const error = w.getByTestId('param-error-halt_poll_ns');
  await expect(error).toHaveText('');
  await expect(error).toHaveAttribute('aria-live', 'polite');

  await input.fill('0');
  await expect.poll(() => modelP50(page)).toBeGreaterThan(10_000);

  await input.fill('99999999');
  await expect(error).toContainText('99999999');
  await expect(error).toContainText('0 – 10000000 ns');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await waitIdle(page);
  expect(await modelP50(page)).toBeGreaterThan(10_000); // still the last valid run (halt_poll_ns=0)

  await input.fill('abc');
  await expect(error).toContainText('not an integer');

  await input.fill('200000');
  await expect(error).toHaveText('');
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  await expect.poll(() => modelP50(page)).toBeLessThan(6000);

  await w.getByTestId('input-delay_ns').fill('5');
  await expect(w.getByTestId('param-error-delay_ns')).toContainText('1000 – 10000000 ns');
  await waitIdle(page);
});

test('the table compares every statistic with S1 and cites it', async ({ page }) => {
  await openPlayground(page);
  const table = widget(page).getByTestId('latency-table');
  await expect(table.getByRole('row')).toHaveCount(8); // two header rows + six statistics
  for (const [stat, value] of Object.entries({ min: '4,000', p50: '4,300', p99: '6,900', max: '50,000' })) {
    await expect(table.getByTestId(`published-${stat}`)).toHaveText(value);
  }
  await expect(widget(page)).toContainText('Matlack');
  await expect(widget(page)).toContainText('KVM Forum 2015');
});

test.describe('when the simulator cannot load', () => {
  // The 404 below is the point of this test.
  test.use({ allowedProblems: /HTTP 404: .*\.wasm|Failed to load resource.*404/ });

  test('the widget shows the error', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(WIDGET_PAGE);
    const error = widget(page).getByTestId('widget-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('failed to load');
    await expect(error).toContainText('404');
    await expect(widget(page)).toHaveAttribute('data-state', 'error');
  });
});
