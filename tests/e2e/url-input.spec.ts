// What the address says is never dropped without a word: every value the page
// cannot use is named in a warning, in the reader's language, with what stands
// in for it; the warnings stay a few short lines whatever the address holds.
import { test, expect, openExplorer, explorer, lab, openLesson, waitLab } from './fixtures';

const warnings = (page: import('@playwright/test').Page) => page.getByTestId('url-warnings');
const HAN = /[\u4e00-\u9fff]/;

/** Open an address too long for the preview server's request line: the browser keeps it, the server is asked for /. */
async function gotoLong(page: import('@playwright/test').Page, query: string): Promise<void> {
  await page.route(
    (url) => url.search.length > 4000,
    async (route) => route.fulfill({ response: await route.fetch({ url: new URL('/', route.request().url()).href }) }),
  );
  await page.goto(`/?${query}`);
}

test('a value out of range is worded in Chinese in the Chinese UI, and re-worded on a language switch', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr&vcpus=99&lang=zh-CN');
  const line = warnings(page).getByTestId('url-warning');
  await expect(line).toHaveCount(1);
  const text = await line.innerText();
  expect(text).toContain('vcpus');
  expect(text).toContain('99');
  expect(text).toContain('1 – 8');
  expect(text).toMatch(HAN);
  expect(text).not.toContain('out of range');

  await page.getByTestId('locale-en').click();
  await expect(line).toHaveText('vcpus=99 is out of range: expected 1 – 8');
  await page.getByTestId('locale-zh-CN').click();
  await expect(line).toContainText('超出范围');
});

test('inline errors in the explorer and the lesson widget are in the reader’s language', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr&lang=zh-CN');
  await page.getByTestId('input-vcpus').fill('99');
  const vcpus = page.getByTestId('param-error-vcpus');
  await expect(vcpus).toContainText('1 – 8');
  await expect(vcpus).toContainText('99');
  await expect(vcpus).toHaveText(HAN);
  await page.getByTestId('input-seed').fill('abc');
  await expect(page.getByTestId('param-error-seed')).toContainText('0 – 4294967295');
  await expect(page.getByTestId('param-error-seed')).toHaveText(HAN);
  // The language switch re-words a message already shown.
  await page.getByTestId('locale-en').click();
  await expect(vcpus).toHaveText('vcpus=99 is out of range: expected 1 – 8');
  await expect(page.getByTestId('param-error-seed')).toContainText('is not accepted');

  await openLesson(page, '04-ipi-hlt', 'lang=zh-CN');
  await lab(page).getByTestId('input-halt_poll_ns').fill('abc');
  const error = lab(page).getByTestId('param-error-halt_poll_ns');
  await expect(error).toContainText('不是整数');
  await expect(error).toContainText('0 – 10000000 ns');
});

test('a parameter given twice: the first value is used, with a word', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr&vcpus=3&vcpus=4');
  await expect(warnings(page)).toContainText("parameter 'vcpus' given more than once: only the first, 3, is read");
  await expect(page.getByTestId('input-vcpus')).toHaveValue('3');
});

test('two scenarios: the first is used, with a word', async ({ page }) => {
  await openExplorer(page, '&scenario=idle&scenario=spinlock');
  await expect(explorer(page)).toHaveAttribute('data-scenario', 'idle');
  await expect(warnings(page)).toContainText("parameter 'scenario' given more than once: only the first, idle, is read");
});

test('an unknown lesson, view or language is named, and what is shown instead', async ({ page }) => {
  await page.goto('/?lesson=nope');
  await waitLab(page);
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', '01-vm-exits');
  await expect(warnings(page)).toContainText("unknown lesson 'nope'");
  await expect(warnings(page)).toContainText('showing 01-vm-exits');
  await warnings(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(warnings(page)).toHaveCount(0);

  await page.goto('/?view=bogus');
  await waitLab(page);
  await expect(page.getByTestId('lesson')).toBeVisible();
  await expect(warnings(page)).toContainText("unknown view 'bogus' (known: lesson, explore): showing the lessons");

  await page.goto('/?view=explore&lang=xx');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(warnings(page)).toContainText("unknown language 'xx' (known: en, zh-CN): using en");

  await page.goto('/?lang=xx&lang=zh-CN&view=explore&view=lesson');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await expect(warnings(page).getByTestId('url-warning')).toHaveCount(3);
  await expect(warnings(page)).toContainText("parameter 'view' given more than once: only the first, explore, is read");
});

test('a 100 KB value and many bad keys make a short warning: capped lines, five of them, then "and N more"', async ({ page }) => {
  const huge = '9'.repeat(100_000);
  const keys = Array.from({ length: 20 }, (_, i) => `&k${i}=${i}`).join('');
  await gotoLong(page, `view=explore&scenario=tcp-rr&vcpus=${huge}${keys}`);
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  const box = warnings(page);
  await expect(box).toBeVisible();
  const lines = box.getByTestId('url-warning');
  await expect(lines).toHaveCount(6);
  await expect(lines.first()).toContainText('vcpus=9999');
  await expect(lines.first()).toContainText('…');
  await expect(lines.last()).toHaveText('…and 16 more');
  expect((await box.boundingBox())!.height).toBeLessThan(200);

  // Control characters are shown, not obeyed; a huge unknown language too.
  await gotoLong(page, `lang=${encodeURIComponent('\u001b[31m' + 'x'.repeat(100_000))}`);
  await waitLab(page);
  const only = warnings(page).getByTestId('url-warning');
  await expect(only).toContainText("unknown language '\\x1b[31mxxx");
  expect((await only.innerText()).length).toBeLessThan(200);
  expect((await warnings(page).boundingBox())!.height).toBeLessThan(200);
});

test('a lesson page says which keys it does not read (explorer parameters, typos), in the reader language', async ({ page }) => {
  await page.goto('/?lesson=04-ipi-hlt&vcpus=3&halt_poll_ns=0');
  const warnings = page.getByTestId('url-warnings');
  await expect(warnings).toContainText("'vcpus' means nothing to the lessons");
  await expect(warnings).toContainText("'halt_poll_ns' means nothing to the lessons");
  // Leaving while the worker's script still loads would abort that request.
  await waitLab(page);
  await page.goto('/?lesson=04-ipi-hlt&vcpus=3&lang=zh-CN');
  await expect(page.getByTestId('url-warnings')).toContainText('课程页面不读取“vcpus”');
});
