// Embeds: the demo blog (dist/demo/) loads a widget each of the three ways;
// the iframe reports its height and is sized to it with no scrollbar; it
// obeys setState only from an allowed origin; the web component looks the
// same on a page with hostile global CSS; the export files parse.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, waitIdle, widget, WIDGET_PAGE, waitLab, lab } from './fixtures';

const IFRAME = '#demo-iframe';

test('the demo blog loads the iframe, the web component and the click-to-load preview', async ({ page }) => {
  await page.goto('/demo/');
  const frame = page.frameLocator(IFRAME);
  await expect(frame.getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle');
  // controls=some: only halt_poll_ns; the packed state set it to 0 (always schedule).
  await expect(frame.getByTestId('input-halt_poll_ns')).toHaveValue('0');
  await expect(frame.getByTestId('input-delay_ns')).toHaveCount(0);
  await expect(frame.getByTestId('path')).toHaveAttribute('data-path', 'schedule');

  const wc = page.locator('#demo-wc');
  await expect(wc.getByTestId('scenario-widget')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(wc.getByTestId('exits-HLT-model')).toBeVisible();

  const click = page.locator('#demo-click');
  await expect(click.getByTestId('wc-preview')).toContainText('halt_poll_ns=0');
  await expect(click.getByTestId('ipi-hlt-widget')).toHaveCount(0);
  await click.getByTestId('wc-start').click();
  await expect(click.getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await expect(click.getByTestId('path')).toHaveAttribute('data-path', 'schedule');
});

async function frameFits(page: Page): Promise<void> {
  const iframe = page.locator(IFRAME);
  await expect.poll(async () => Number(await iframe.getAttribute('data-kvmplay-height'))).toBeGreaterThan(300);
  // The iframe is as tall as what it reported, and its document does not scroll.
  await expect
    .poll(async () => {
      const reported = Number(await iframe.getAttribute('data-kvmplay-height'));
      const h = (await iframe.boundingBox())!.height;
      const inner = await page.frameLocator(IFRAME).locator('html').evaluate((el) => el.scrollHeight - el.clientHeight);
      return Math.abs(h - reported) <= 1 && inner <= 0;
    })
    .toBe(true);
}

test('the iframe reports its height and is resized without a scrollbar, also when its content grows', async ({ page }) => {
  await page.goto('/demo/');
  const frame = page.frameLocator(IFRAME);
  await expect(frame.getByTestId('ipi-hlt-widget')).toHaveAttribute('data-state', 'idle');
  await frameFits(page);
  const before = (await page.locator(IFRAME).boundingBox())!.height;
  // A bad value makes the widget taller (an inline error line): the frame follows.
  await frame.getByTestId('input-halt_poll_ns').fill('abc');
  await expect(frame.getByTestId('param-error-halt_poll_ns')).not.toBeEmpty();
  await frameFits(page);
  expect((await page.locator(IFRAME).boundingBox())!.height).toBeGreaterThanOrEqual(before);
});

test('options: controls=none, readonly, theme and lang; an unknown option is named', async ({ page }) => {
  await page.goto('/embed/explore-idle/?controls=none&theme=dark&lang=zh-CN');
  await expect(page.getByTestId('scenario-widget')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('input[type=range]')).toHaveCount(0);
  await expect(page.getByTestId('share-open')).toContainText('分享');

  await page.goto('/embed/ipi-hlt/?readonly&controls=bogus');
  await waitIdle(page);
  await expect(page.locator('[data-readonly="true"]')).toHaveAttribute('inert', '');
  await expect(page.getByTestId('url-warnings')).toContainText('controls=bogus');

  await page.goto('/embed/');
  await expect(page.getByTestId('unknown-widget')).toContainText('explore-tcp-rr');
});

test('every widget of the catalogue has an /embed/ page and an oEmbed file', async ({ page }) => {
  for (const name of ['ipi-hlt', 'explore-ipi-hlt', 'explore-tcp-rr', 'explore-idle', 'explore-cpu-bound', 'explore-spinlock']) {
    const res = await page.request.get(`/oembed/${name}.json`);
    expect(res.status()).toBe(200);
    const o = (await res.json()) as { type: string; version: string; html: string };
    expect(o.version).toBe('1.0');
    expect(o.type).toBe('rich');
    expect(o.html).toContain(`/embed/${name}/`);
    const page2 = await page.request.get(`/embed/${name}/`);
    expect(await page2.text()).toContain(`href="/oembed/${name}.json"`);
    // Framable by any site, unlike the rest of the site.
    expect(page2.headers()['content-security-policy']).toContain('frame-ancestors *');
  }
  expect((await page.request.get('/')).headers()['content-security-policy']).toContain("frame-ancestors 'self'");
});

const HOSTILE = `
  html { font-size: 7px !important; }
  * { all: unset; color: red !important; font: italic 31px/4 fantasy !important; letter-spacing: 3px !important;
      text-transform: uppercase !important; margin: 9px !important; padding: 11px !important; box-sizing: content-box !important; }
  kvm-playground { display: inline !important; border: 9px solid lime !important; --accent: red; --text: red; }
  svg, rect, text { fill: red !important; }
`;

async function wcLook(page: Page, css: string) {
  await page.route('**/hostile.html', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style><script src="/kvm-playground.js"></script></head>
<body><div style="display:block !important;width:900px !important;padding:0 !important;margin:0 !important;border:0 !important"><kvm-playground widget="ipi-hlt" theme="light"></kvm-playground></div></body></html>`,
    }),
  );
  await page.goto('/hostile.html');
  const w = page.locator('kvm-playground').getByTestId('ipi-hlt-widget');
  await expect(w).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  return w.evaluate((el) => {
    const pick = (e: Element) => {
      const cs = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return [cs.color, cs.fontFamily, cs.fontSize, cs.lineHeight, cs.letterSpacing, cs.textTransform, cs.margin, cs.padding, Math.round(r.width), Math.round(r.height)].join('|');
    };
    return [el, ...el.querySelectorAll('*')].map((e, i) => `${i} ${e.tagName}: ${pick(e)}`).slice(0, 400);
  });
}

test('the web component looks the same on a page with hostile global CSS', async ({ page }) => {
  test.setTimeout(60_000);
  const plain = await wcLook(page, '');
  const hostile = await wcLook(page, HOSTILE);
  expect(plain.length).toBeGreaterThan(10);
  expect(hostile).toEqual(plain);
});

test('share dialog: the link reproduces the state; exports parse (SVG, PNG, CSV, JSON)', async ({ page }) => {
  await page.goto(WIDGET_PAGE);
  await waitIdle(page);
  await widget(page).getByTestId('input-halt_poll_ns').fill('0');
  await expect(widget(page).getByTestId('path')).toHaveAttribute('data-path', 'schedule');
  await waitIdle(page);
  await widget(page).getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(await dialog.getByTestId('share-iframe').inputValue()).toMatch(/^<iframe src="http:\/\/[^"]+\/embed\/ipi-hlt\/\?s=1\./);
  expect(await dialog.getByTestId('share-component').inputValue()).toContain('<kvm-playground widget="ipi-hlt" state="1.');
  await expect(dialog.getByTestId('share-qr').locator('svg')).toBeVisible();

  const grab = async (testid: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId(testid).click()]);
    return { name: d.suggestedFilename(), body: readFileSync((await d.path())!) };
  };
  const svg = await grab('export-svg-0');
  expect(svg.name).toMatch(/\.svg$/);
  const svgOk = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return doc.documentElement.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0 && doc.querySelectorAll('rect').length > 5;
  }, svg.body.toString('utf8'));
  expect(svgOk).toBe(true);
  const png = await grab('export-png-0');
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.body.length).toBeGreaterThan(2000);
  const csv = (await grab('export-csv')).body.toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('path,value');
  expect(csv).toContain('scenario,ipi-hlt');
  expect(csv).toContain('params.halt_poll_ns,0');
  for (const row of csv) expect(row.split(',').length).toBe(2);
  const json = JSON.parse((await grab('export-json')).body.toString('utf8')) as { scenario: string; seed: number; params: Record<string, number> };
  expect(json.scenario).toBe('ipi-hlt');
  expect(json.params.halt_poll_ns).toBe(0);
  expect(json.seed).toBe(1);

  // The link opens the same state, in the lesson's lab.
  await page.goto(link);
  await waitLab(page);
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', '04-ipi-hlt');
  await expect(lab(page).getByTestId('input-halt_poll_ns')).toHaveValue('0');
});
