// Vite config for the playground's browser front end. The app's root is web/;
// the simulation worker imports ../../build/core.wasm and the lesson loader
// reads ../lessons, both outside that root, so the dev server may serve files
// from anywhere in the repository.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { parseLesson } from './web/lib/lesson-format.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * `lessons/NN-slug/<locale>.md?lesson` → `export default <parsed Lesson>`.
 * Front matter is checked and Markdown rendered here, at build time: a
 * malformed lesson fails the build (and shows as an error in dev).
 */
function lessons(): Plugin {
  return {
    name: 'kvmplay:lessons',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?', 2);
      if (query !== 'lesson' || !file.endsWith('.md')) return null;
      this.addWatchFile(file);
      const lesson = parseLesson(file, readFileSync(file, 'utf8'));
      return { code: `export default ${JSON.stringify(lesson)};`, map: null };
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }), lessons()],
  worker: { format: 'es' }, // the worker uses top-level await
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: [repoRoot] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
