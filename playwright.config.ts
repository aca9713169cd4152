// End-to-end tests against the built site (run `npm run build` first), served
// by `vite preview`, in the system's Chromium (no browser downloads).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// PW_PORT lets two checkouts (git worktrees) run their browser tests at once.
const PORT = Number(process.env.PW_PORT ?? 4317);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';

if (!existsSync(chrome)) {
  throw new Error(
    `No Chromium at ${chrome}. Install one with \`apt-get install -y chromium\` (Debian), ` +
      'or set CHROME_PATH to a Chromium/Chrome executable. (Do not run `npx playwright install`.)',
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
    trace: 'retain-on-failure',
    // The site registers a service worker; tests that route requests need them unintercepted. offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chrome,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
