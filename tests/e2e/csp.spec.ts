// The Content-Security-Policy: served as a header (with nosniff) on the page
// and the worker, and the app works under it: the lesson widget and the
// explorer run with no violation reported (securitypolicyviolation in the
// page; the fixture fails on any console error, page or worker).
import type { Page } from '@playwright/test';
import { test, expect, explorer, waitLab, lab } from './fixtures';

const DIRECTIVES = [
  "default-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
];

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d] as [string, string]),
  );
}

function checkPolicy(csp: string | undefined): void {
  expect(csp, 'a Content-Security-Policy header').toBeTruthy();
  const got = directives(csp!);
  for (const d of DIRECTIVES) expect(got.get(d.split(' ')[0])).toBe(d);
  // Scripts: our own files, wasm compilation, and the inline theme scripts (the site's, the embed page's) by their hashes; nothing else.
  expect(got.get('script-src')).toMatch(/^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}=' 'sha256-[A-Za-z0-9+/]{43}='$/);
}

/** Collect securitypolicyviolation events from the start of every document. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as { __cspViolations?: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (globalThis as { __cspViolations?: string[] }).__cspViolations ?? []);

test('the page, its scripts, the worker and the core are served with the policy and nosniff', async ({ page }) => {
  const urls: string[] = [];
  page.on('response', (r) => urls.push(r.url()));
  const res = await page.goto('/?lesson=04-ipi-hlt');
  checkPolicy(res!.headers()['content-security-policy']);
  expect(res!.headers()['x-content-type-options']).toBe('nosniff');
  await waitLab(page);
  for (const kind of [/\/assets\/worker-[^/]+\.js$/, /\.wasm$/, /\/assets\/index-[^/]+\.js$/]) {
    const url = urls.find((u) => kind.test(u));
    expect(url, `a request matching ${kind}`).toBeTruthy();
    const r = await page.request.get(url!);
    checkPolicy(r.headers()['content-security-policy']);
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
  }
  // The built page carries the policy as a <meta> too, for hosts that cannot send headers (no frame-ancestors there).
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(res!.headers()['content-security-policy'].replace(/; frame-ancestors 'self'$/, ''));
});

test('the lesson widget and the explorer run under the policy without a violation', async ({ page }) => {
  await watchViolations(page);
  await page.goto('/?lesson=04-ipi-hlt');
  await waitLab(page);
  const w = lab(page);
  await w.getByTestId('radio-virt-off').check();
  await expect(w.getByTestId('path')).toHaveAttribute('data-path', 'bare');
  await waitLab(page);
  // The theme is set (the inline script is allowed by its hash).
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  expect(await violations(page)).toEqual([]);

  await page.goto('/?view=explore&scenario=tcp-rr');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('scenario-spinlock').check();
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'spinlock');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('pcpu-time')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test.describe('an injected inline script', () => {
  test.use({ allowedProblems: /Content Security Policy|Refused to execute inline script/ });

  test('is refused and reported', async ({ page }) => {
    await watchViolations(page);
    await page.goto('/?lesson=04-ipi-hlt');
    await waitLab(page);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = '(globalThis).__injected = true;';
      document.head.append(s);
    });
    // Refused by the header's policy and again by the <meta>'s: every report is this one.
    await expect.poll(async () => (await violations(page)).length).toBeGreaterThan(0);
    expect(new Set(await violations(page))).toEqual(new Set(['script-src-elem blocked inline']));
    expect(await page.evaluate(() => (globalThis as { __injected?: boolean }).__injected)).toBeUndefined();
  });
});
