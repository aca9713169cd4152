// Offline: after one visit the service worker has the whole build, and the
// site (a lesson, the explorer, an embed) reloads and runs with no network.
// The single-file build runs from file:// with nothing else.
import { fileURLToPath } from 'node:url';
import { test, expect, waitLab, explorer } from './fixtures';

test.use({ serviceWorkers: 'allow' });

test('the site reloads and runs offline after the first visit', async ({ page, context }) => {
  await page.goto('/?lesson=04-ipi-hlt');
  await waitLab(page);
  // The worker has installed (every file precached) and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await waitLab(page);
  await expect(page.getByTestId('p50-model')).not.toBeEmpty();
  await page.goto('/?view=explore&scenario=idle');
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await page.goto('/embed/explore-spinlock/?controls=none');
  await expect(page.getByTestId('scenario-widget')).toHaveAttribute('data-state', 'idle');
  await context.setOffline(false);
});

test('the single-file build runs from disk with no server', async ({ page, context }) => {
  await context.setOffline(true);
  await page.goto(`file://${fileURLToPath(new URL('../../dist/offline/kvm-playground.html', import.meta.url))}`);
  await waitLab(page);
  await expect(page.getByTestId('lab-headline')).not.toBeEmpty();
  await page.getByTestId('nav-explorer').click();
  await expect(explorer(page)).toHaveAttribute('data-state', 'idle');
  await context.setOffline(false);
});
