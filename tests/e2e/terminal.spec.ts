// The terminal in Chromium: opened on demand from the explorer (xterm.js is
// fetched only then), typed into like a shell, Ctrl-C stops a live view, the
// touch keys run commands, and the panel passes axe in both themes, in
// Chinese and on a phone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openExplorer } from './fixtures';
import type { Page } from '@playwright/test';

const terminal = (page: Page) => page.getByTestId('terminal');

async function openTerminal(page: Page) {
  await page.getByTestId('open-terminal').click();
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle', { timeout: 20_000 });
  await page.locator('.xterm-helper-textarea').focus();
}

/** Type a line, press Enter, wait for the prompt to come back. */
async function typeLine(page: Page, line: string) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle', { timeout: 20_000 });
}

const screenText = (page: Page) => page.locator('.xterm-rows').innerText();

async function violations(page: Page) {
  // The whole page: the panel inside the explorer (unique landmarks, contrast in both themes).
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('xterm.js is not fetched until the terminal is opened', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await openExplorer(page, '&scenario=tcp-rr');
  expect(scripts.filter((u) => /xterm|TerminalPanel/.test(u))).toEqual([]);
  await openTerminal(page);
  expect(scripts.some((u) => /xterm/.test(u))).toBe(true);
});

test('typing into the terminal: sysfs, the real errors, ssh and netperf from the model', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  await openTerminal(page);
  await typeLine(page, 'cat /sys/module/kvm/parameters/halt_poll_ns');
  expect(await screenText(page)).toContain('200000');
  await typeLine(page, 'echo 5 > /sys/module/kvm_intel/parameters/ple_gap');
  expect(await screenText(page)).toContain('bash: /sys/module/kvm_intel/parameters/ple_gap: Permission denied');
  await typeLine(page, 'frobnicate');
  expect(await screenText(page)).toContain('bash: frobnicate: command not found');
  await typeLine(page, 'ssh guest');
  await expect(terminal(page)).toHaveAttribute('data-where', 'guest');
  await typeLine(page, 'netperf -t TCP_RR -l 1');
  // The same figure kvmplay shell and the unit tests get for seed 1.
  expect(await screenText(page)).toMatch(/16384\s+131072\s+1\s+1\s+1\.00\s+46607\.00/);
  expect(await screenText(page)).toMatch(/root@guest:~#\s*$/);
  // History: ↑ brings the last line back.
  await page.keyboard.press('ArrowUp');
  expect(await screenText(page)).toMatch(/root@guest:~# netperf -t TCP_RR -l 1\s*$/);
});

test('perf stat in the guest counts the loop with the model\'s PMU; a webbench session drives the e1000 NIC', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  await openTerminal(page);
  await typeLine(page, 'ssh guest');
  await typeLine(page, 'perf stat -e instructions,cycles -- ./loop 10000');
  // perf's layout; 12 instructions × 10,000 iterations, as kvmplay shell prints for seed 1.
  await expect.poll(() => screenText(page)).toMatch(/Performance counter stats for '\.\/loop 10000'/);
  expect(await screenText(page)).toMatch(/120,000\s+instructions/);
  expect(await screenText(page)).toMatch(/2,292,548\s+cycles/);
  await typeLine(page, 'clear');
  await typeLine(page, 'exit');
  await typeLine(page, 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -device e1000,netdev=n0 -netdev tap,id=n0');
  await typeLine(page, 'ssh guest');
  await typeLine(page, 'nginx');
  await typeLine(page, 'exit');
  await typeLine(page, 'webbench -c 2 -t 1 http://guest/');
  await expect.poll(() => screenText(page)).toMatch(/Requests: \d+ susceed, 0 failed\./);
  expect(await screenText(page)).toMatch(/Speed=\d+ pages\/min, \d+ bytes\/sec\./);
  expect(await screenText(page)).toMatch(/root@host:~#\s*$/);
});

test('Ctrl-C stops kvm_stat\'s live view; Tab completes', async ({ page }) => {
  await openExplorer(page, '&scenario=tcp-rr');
  await openTerminal(page);
  await page.keyboard.type('kvm_st');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(terminal(page)).toHaveAttribute('data-phase', 'live');
  await expect.poll(() => screenText(page)).toContain('kvm statistics - summary');
  await page.keyboard.press('Control+C');
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle');
  expect(await screenText(page)).toMatch(/\^C\s+root@host:~#\s*$/);
});

test('the touch keys run the common commands', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, '&scenario=tcp-rr');
  await openTerminal(page);
  await terminal(page).getByRole('button', { name: 'kvm_stat -1' }).click();
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle');
  await expect.poll(() => screenText(page)).toContain('kvm_vcpu_wakeup');
  await terminal(page).getByRole('button', { name: 'ssh guest' }).click();
  await expect(terminal(page)).toHaveAttribute('data-where', 'guest');
  await expect(terminal(page).getByRole('button', { name: 'netperf -t TCP_RR -l 2' })).toBeVisible();
  await terminal(page).getByRole('button', { name: 'perf stat -e instructions,cycles -- ./loop' }).click();
  await expect(terminal(page)).toHaveAttribute('data-phase', 'idle');
  // A phone's screen wraps perf's lines: look for the pieces.
  await expect.poll(() => screenText(page)).toMatch(/Performance counter stats for/);
  expect(await screenText(page)).toMatch(/120,000\s+instructions/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('terminal panel: no axe violations, light and dark, English and Chinese, on a phone', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=tcp-rr');
  await openTerminal(page);
  await typeLine(page, 'kvm_stat -1');
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, '&scenario=tcp-rr&lang=zh-CN');
  await expect(page.getByTestId('open-terminal')).toHaveText('打开终端');
  await openTerminal(page);
  await typeLine(page, 'echo 1 > /sys/module/kvm_intel/parameters/ple_gap');
  expect(await screenText(page)).toContain('练习场：ple_gap 是加载时参数');
  expect(await violations(page)).toEqual([]);
});
