// Determinism across environments: the Web Worker in Chromium and Node (the
// CLI's and the tests' path) give the same run for the same scenario,
// parameters and seed.
import { test, expect, explorer, openExplorer, valueOf } from './fixtures';
import { loadCore } from '../../web/sim/node';

const cases = [
  { query: 'scenario=tcp-rr&seed=7&vcpus=2', scenario: 'tcp-rr', params: { vcpus: 2 }, seed: 7, metric: 'transactions' },
  { query: 'scenario=spinlock&seed=11&host_tasks=4', scenario: 'spinlock', params: { host_tasks: 4 }, seed: 11, metric: 'acquisitions_per_sec' },
];

for (const c of cases) {
  test(`${c.scenario}, seed ${c.seed}: the browser's worker and Node agree exactly`, async ({ page }) => {
    const node = (await loadCore()).run({ scenario: c.scenario, params: c.params, seed: c.seed });
    await openExplorer(page, '&' + c.query);
    await expect(explorer(page)).toHaveAttribute('data-scenario', c.scenario);
    await expect.poll(() => valueOf(page, `metric-${c.metric}`)).toBe((node.metrics as Record<string, number>)[c.metric]);
    await expect(page.getByTestId('run-summary')).toContainText(node.events.toLocaleString('en-US'));
  });
}
