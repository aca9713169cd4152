// The lab fixture's own Vite dev server on a free port (the site under test
// is served by playwright.config.ts from dist/, which this page never joins).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface LabServer {
  url: string;
  close: () => Promise<void>;
}

export async function startLabServer(): Promise<LabServer> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [svelte({ configFile: join(repoRoot, 'svelte.config.js') })],
    // Outside node_modules: that is the main checkout's, shared by every worktree.
    cacheDir: join(tmpdir(), `kvmplay-lab-vite-${process.pid}`),
    logLevel: 'error',
    // No dependency pre-bundling: it would reload the page mid-test when it finds a new one; the deps are ESM already.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [repoRoot] }, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the lab fixture server did not report its address');
  return { url, close: () => server.close() };
}
