// An embed obeys setState only from its parent and only from an allowed
// origin (its own, or one its address lists in ?origin=), and checks the
// state like an address. The host page here is another origin (localhost
// beside 127.0.0.1), which Chromium's local-network checks would block.
import { test, expect } from './fixtures';

test.use({ launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'] } });
test('setState is obeyed from an allowed origin only, and validated', async ({ page, baseURL }) => {
  const other = baseURL!.replace('127.0.0.1', 'localhost');
  const embed = (extra: string) => `${baseURL}/embed/ipi-hlt/?controls=all${extra}`;
  const host = (src: string) => `<!doctype html><title>host</title><iframe id="f" src="${src}" width="800" height="900"></iframe>`;
  // A page of another origin (localhost is not 127.0.0.1) frames the embed.
  await page.route(`${other}/host*`, (r) => r.fulfill({ contentType: 'text/html', body: host(r.request().url().includes('allow') ? embed(`&origin=${encodeURIComponent(other)}`) : embed('')) }));
  const send = (state: unknown) =>
    page.evaluate((s) => (document.getElementById('f') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'kvmplay:setState', state: s }, '*'), state);

  await page.goto(`${other}/host`);
  const f = page.frameLocator('#f');
  await expect(f.getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle');
  await send({ params: { halt_poll_ns: 0 } });
  await page.waitForTimeout(500);
  await expect(f.getByTestId('input-halt_poll_ns')).toHaveValue('200000');

  await page.goto(`${other}/host?allow`);
  await expect(f.getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle');
  await send({ params: { halt_poll_ns: 0 }, seed: 5 });
  await expect(f.getByTestId('input-halt_poll_ns')).toHaveValue('0');
  await expect(f.getByTestId('path')).toHaveAttribute('data-path', 'schedule');
  // A bad value is named and replaced by its default.
  await send({ params: { halt_poll_ns: -4, vcpus: 3 } });
  await expect(f.getByTestId('url-warnings')).toContainText('halt_poll_ns=-4');
  await expect(f.getByTestId('url-warnings')).toContainText('vcpus');
  await expect(f.getByTestId('input-halt_poll_ns')).toHaveValue('200000');
});
