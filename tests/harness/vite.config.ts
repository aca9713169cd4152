// The harness's dev server: the site's config (plugins: Svelte, the lesson
// and glossary loaders) with tests/harness as its root. Started by
// tests/e2e/timeline-glossary.spec.ts and scripts that take screenshots.
import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';
import base from '../../vite.config.ts';

export default mergeConfig(base as UserConfig, {
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: { port: Number(process.env.HARNESS_PORT ?? 4334), strictPort: true },
});
