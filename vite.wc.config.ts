// The web component as a library build: dist/kvm-playground.js, one classic
// script (IIFE) with the Svelte components, their CSS (injected into each
// element's shadow root), the simulation worker and the wasm core inlined.
// CSS lengths in rem would follow the host page's root font size; here they
// are rewritten to a --rem the component sets itself (16px).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { inlineCore } from './vite.inline.ts';
import { WC_FILE } from './web/lib/site.ts';

function remToHost(): Plugin {
  return {
    name: 'kvmplay:rem-to-host',
    enforce: 'post',
    transform(code, id) {
      if (!/\.(svelte|css)(\?|$)/.test(id) && !id.includes('type=style') && !id.endsWith('.css?inline')) return null;
      const out = code.replace(/(?<![\w.])(-?\d*\.?\d+)rem\b/g, 'calc($1 * var(--rem, 16px))');
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [
    inlineCore(),
    svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)), emitCss: false, compilerOptions: { css: 'injected' } }),
    remToHost(),
  ],
  // A classic worker from a blob: starts on every page, file:// included (a module one does not there).
  worker: { format: 'iife', plugins: () => [inlineCore()] },
  define: { 'import.meta.env.BASE_URL': JSON.stringify('/') },
  build: {
    outDir: '../dist',
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: { entry: fileURLToPath(new URL('./web/wc/kvm-playground.ts', import.meta.url)), formats: ['iife'], name: 'KvmPlayground', fileName: () => WC_FILE },
  },
});
