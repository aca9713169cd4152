// The PMU scenarios in the explorer: each opens with its own panel (perf
// stat's counter timeline, perf record's skid over the listing, the vPMU
// designs), reacts to its knobs, has no axe violations in either theme or
// language, and fits a phone.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, explorer, openExplorer, valueOf } from './fixtures';
import { loadCore } from '../../web/sim/node';
import { renderPerfStat } from '../../web/sim/pmu-text';
import type { Page } from '@playwright/test';

async function violations(page: Page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('perf-stat: the counter timeline; without a global control one exit per counter', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=perf-stat&host=zen4-6.x&pmu=amd-v1&counters=5');
  const panel = page.getByTestId('pmu-timeline');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('enable-exits')).toHaveText('5');
  await expect(panel.getByRole('img')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await openExplorer(page, '&scenario=perf-stat&host=zen4-6.x&pmu=amd-v2&counters=5');
  await expect(page.getByTestId('pmu-timeline').getByTestId('enable-exits')).toHaveText('1');
});

test('perf-record: samples over the listing beside the truth; precise=3 on spr-6.x, and cross-mapping shown', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, '&scenario=perf-record&precise=3');
  const panel = page.getByTestId('pmu-skid');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('precise')).toHaveText('precise=3');
  expect(Number(await panel.getByTestId('tvd').textContent())).toBeLessThan(0.05);
  await expect(panel.getByTestId('listing-2')).toContainText('LLC miss');
  expect(await violations(page)).toEqual([]);
  await openExplorer(page, '&scenario=perf-record&precise=3&host_perf=on&lang=zh-CN');
  await expect(page.getByTestId('cross-mapped')).toBeVisible();
  expect(Number(await page.getByTestId('tvd').textContent())).toBeGreaterThan(0.5);
  expect(await violations(page)).toEqual([]);
});

test('vpmu-switch: one row per design and sampling mode, published figures beside them', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openExplorer(page, '&scenario=vpmu-switch&phase_work_ns=10000000');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  const panel = page.getByTestId('pmu-modes');
  await expect(panel).toBeVisible();
  for (const v of ['legacy', 'reuse', 'mediated']) {
    for (const s of ['basic', 'multiplex']) await expect(panel.getByTestId(`mode-${v}-${s}`)).toBeVisible();
  }
  await expect(panel.getByTestId('source-K60')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the PMU panels on a phone: no axe violations, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const q of ['&scenario=perf-stat&pmu=intel-v1&host=spr-6.x', '&scenario=perf-record', '&scenario=vpmu-switch&phase_work_ns=5000000&lang=zh-CN']) {
    await openExplorer(page, q);
    await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
    expect(await violations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});

// The headline tiles, the counters' error labels, perf stat's own text and
// the skid sentence, each against the same run in Node (the JSON the CLI
// prints): what the learner reads is what the model computed.
type Metrics = Record<string, unknown>;
/** The run in Node for the same query (lang is the page's, not a parameter). */
async function nodeRun(scenario: string, query: Record<string, string | number>) {
  const { lang: _lang, ...params } = query;
  return (await loadCore()).run({ scenario, params, seed: 1 });
}
const tileNote = (page: Page, key: string) => page.getByTestId(`metric-${key}`).locator('xpath=..').locator('.note');

interface Ctr { counter: string; count: number; error_count: number; error_pct: number; start_ns: number }
function errorLabel(c: Ctr, zh: boolean): string {
  const [exact, open, close] = zh ? ['精确', '（', '）'] : ['exact', ' (', ')'];
  const err = c.error_count === 0 ? exact : `${c.error_count > 0 ? '+' : '−'}${Math.abs(c.error_count).toLocaleString('en-US')}${open}${c.error_pct > 0 ? '+' : '−'}${Math.abs(c.error_pct)} %${close}`;
  return `${c.count.toLocaleString('en-US')} ${err}`;
}

async function checkPerfStat(page: Page, params: Record<string, string | number>) {
  const node = await nodeRun('perf-stat', params);
  const m = node.metrics as Metrics;
  await openExplorer(page, '&scenario=perf-stat&seed=1&' + Object.entries(params).map(([k, v]) => `${k}=${v}`).join('&'));
  for (const [tile, key] of [['enable_msr_exits', 'enable_msr_exits'], ['disable_msr_exits', 'disable_msr_exits'], ['start_spread', 'start_spread_ns'], ['max_count_error', 'error_count_max_abs']]) {
    expect(await valueOf(page, `metric-${tile}`), tile).toBe(m[key]);
  }
  const counters = m.counters as Ctr[];
  for (const c of counters.filter((c) => c.start_ns >= 0)) {
    await expect(page.getByTestId(`error-label-${c.counter}`)).toHaveText(errorLabel(c, params.lang === 'zh-CN'));
  }
  const printed = await page.getByTestId('perf-stat-text').locator('pre').textContent();
  expect(printed).toBe(renderPerfStat(node).replace(/^\n/, ''));
  return { m, counters };
}

test('perf-stat: tiles, error labels and perf stat\'s text equal the JSON; a global control makes one exit and shrinks every error', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const v1 = await checkPerfStat(page, { pmu: 'amd-v1', counters: 6, host: 'zen4-6.x' });
  expect(v1.m.enable_msr_exits).toBe(6);
  expect(v1.m.disable_msr_exits).toBe(6);
  expect(v1.m.start_spread_ns as number).toBeGreaterThan(0);
  // perf's own enabling code lands in the first counters: instructions over-counted, shown beside its bar
  await expect(page.getByTestId('error-label-gp0')).toHaveText('120,206 +206 (+0.172 %)');
  await expect(page.getByTestId('error-label-gp2')).toHaveText('10,000 exact');
  await expect(page.getByTestId('metric-max_count_error')).toHaveText('+1,300');
  await expect(tileNote(page, 'max_count_error')).toHaveText('gp1 cycles · +0.041 %');
  await expect(tileNote(page, 'enable_msr_exits')).toHaveText('one write per counter');
  await expect(page.getByTestId('perf-stat-text').locator('pre')).toContainText('120,206      instructions');
  await expect(page.getByRole('region', { name: 'perf stat output' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const v2 = await checkPerfStat(page, { pmu: 'amd-v2', counters: 6, host: 'zen4-6.x' });
  expect(v2.m.enable_msr_exits).toBe(1);
  expect(v2.m.start_spread_ns).toBe(0);
  await expect(tileNote(page, 'enable_msr_exits')).toHaveText('one write to the global control');
  await expect(tileNote(page, 'start_spread')).toHaveText('all counters started together');
  for (const [i, c] of v2.counters.entries()) expect(Math.abs(c.error_count)).toBeLessThanOrEqual(Math.abs(v1.counters[i].error_count));
  expect(v2.m.error_count_max_abs as number).toBeLessThan(v1.m.error_count_max_abs as number);
  await expect(page.getByTestId('error-label-gp0')).toHaveText('120,001 +1 (+0.001 %)');

  // Intel without a global control, in Chinese and dark
  await page.emulateMedia({ colorScheme: 'dark' });
  const i1 = await checkPerfStat(page, { pmu: 'intel-v1', counters: 8, host: 'spr-6.x', lang: 'zh-CN' });
  expect(i1.m.enable_msr_exits).toBe(8);
  await expect(page.getByTestId('error-label-gp2')).toHaveText('10,000 精确');
  await expect(page.getByRole('region', { name: 'perf stat 的输出' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('perf-record: tiles equal the JSON; where the samples pile up, in words; precise level and cross-mapping named', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const check = async (params: Record<string, string | number>) => {
    const m = (await nodeRun('perf-record', params)).metrics as Metrics;
    await openExplorer(page, '&scenario=perf-record&seed=1&' + Object.entries(params).map(([k, v]) => `${k}=${v}`).join('&'));
    expect(await valueOf(page, 'metric-total_variation_distance')).toBe(m.total_variation_distance);
    expect(await valueOf(page, 'metric-precise_effective')).toBe(m.precise_effective);
    expect(await valueOf(page, 'metric-pmi_latency')).toBe(m.pmi_latency_ns_mean);
    return m;
  };
  await check({});
  await expect(page.getByTestId('pile-up')).toHaveText('100.0% of the samples landed on add rbx, rdx, the instruction after the LLC-missing load; its share of the true events is 8.3%.');
  await expect(page.getByTestId('pile-up')).toHaveAttribute('data-slot', '3');
  await expect(page.getByTestId('cross-state')).toHaveText('no');
  await expect(tileNote(page, 'precise_effective')).toHaveText('as asked: an interrupt, with skid');
  expect(await violations(page)).toEqual([]);

  // PEBS rewound by the kernel: the samples land on the load itself
  await check({ precise: 2 });
  await expect(page.getByTestId('pile-up')).toContainText('mov rdx, [rdi+rbx*8], the LLC-missing load itself');

  // PDIR++ / PDist: no pile-up left
  const exact = await check({ precise: 3 });
  expect(exact.total_variation_distance as number).toBeLessThan(0.05);
  await expect(page.getByTestId('pile-up')).toContainText('The samples follow the true events');
  await expect(page.getByTestId('metric-precise_effective')).toHaveText('precise=3');

  // the host lacks guest PEBS
  await check({ host: 'zen4-6.x', precise: 2 });
  await expect(page.getByTestId('metric-precise_effective')).toHaveText('precise=0');
  await expect(tileNote(page, 'precise_effective')).toHaveText('asked for 2; zen4-6.x with vpmu=reuse has no more than this');

  // host perf cross-maps the counter: KVM turns guest PEBS off
  await page.emulateMedia({ colorScheme: 'dark' });
  const cross = await check({ precise: 3, host_perf: 'on', lang: 'zh-CN' });
  expect(cross.pebs_cross_mapped).toBe(true);
  await expect(tileNote(page, 'precise_effective')).toHaveText('客户机 PEBS 已关闭：主机 perf 交叉映射了该计数器');
  await expect(page.getByTestId('cross-state')).toHaveText('是，客户机 PEBS 已关闭');
  await expect(page.getByTestId('pile-up')).toContainText('即 LLC 未命中的那条加载之后的一条指令');
  expect(await violations(page)).toEqual([]);
});

test('vpmu-switch: tiles equal the JSON, each beside its published figure and source', async ({ page }) => {
  const m = (await nodeRun('vpmu-switch', { phase_work_ns: 10000000 })).metrics as Metrics;
  const modes = m.modes as { vpmu: string; sampling: string; overhead_pct: number }[];
  const mediated = (s: string) => modes.find((r) => r.vpmu === 'mediated' && r.sampling === s)!.overhead_pct;
  await openExplorer(page, '&scenario=vpmu-switch&seed=1&phase_work_ns=10000000');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  expect(await valueOf(page, 'metric-reprogram_cut')).toBe((m.reprogram_calls_cut_pct as Record<string, number>).basic);
  expect(await valueOf(page, 'metric-handler_speedup')).toBe((m.pmi_handler_speedup as Record<string, number>).multiplex);
  expect(await valueOf(page, 'metric-mediated_overhead_basic')).toBe(mediated('basic'));
  expect(await valueOf(page, 'metric-mediated_overhead_multiplex')).toBe(mediated('multiplex'));
  await expect(tileNote(page, 'reprogram_cut')).toHaveText('published −82.5 % · K60');
  await expect(tileNote(page, 'handler_speedup')).toHaveText('published 2.16× · K60');
  await expect(tileNote(page, 'mediated_overhead_basic')).toHaveText('published 4.24 % · K62');
  await expect(tileNote(page, 'mediated_overhead_multiplex')).toHaveText('published 7.34 % · K62');
  // the ids resolve to citations in the panel below
  await expect(page.getByTestId('source-K60')).toBeVisible();
  await expect(page.getByTestId('source-K62')).toBeVisible();
});

test('perf-stat with vpmu=off: nothing counted, said so; no error tile, perf stat prints <not counted>', async ({ page }) => {
  await openExplorer(page, '&scenario=perf-stat&seed=1&vpmu=off');
  expect(await valueOf(page, 'metric-enable_msr_exits')).toBe(0);
  await expect(tileNote(page, 'enable_msr_exits')).toHaveText('nothing counted: the guest has no PMU');
  await expect(page.getByTestId('metric-max_count_error')).toHaveCount(0);
  await expect(page.getByTestId('perf-stat-text').locator('pre')).toContainText('<not counted>      instructions');
});
