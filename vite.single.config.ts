// The single-file build: dist/offline/kvm-playground.html, the whole
// playground (lessons, explorer, worker and wasm core) in one HTML file a
// teacher can copy to a USB stick and open from disk (file://), with no
// network and no server. vite-plugin-singlefile inlines the scripts and
// styles; vite.inline.ts inlines the worker and the wasm.
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import base from './vite.config.ts';
import { inlineCore } from './vite.inline.ts';

const out = fileURLToPath(new URL('./dist/offline/', import.meta.url));

/** The page is index.html in the build; the file a teacher copies has a name that says what it is. */
function rename(): Plugin {
  return {
    name: 'kvmplay:single-name',
    closeBundle() {
      renameSync(`${out}index.html`, `${out}kvm-playground.html`);
    },
  };
}

export default defineConfig(() => {
  rmSync(out, { recursive: true, force: true });
  const config = mergeConfig(
    { ...base, plugins: (base.plugins ?? []).filter((p) => p && !['kvmplay:embed-pages', 'kvmplay:csp'].includes((p as Plugin).name)) },
    {
      plugins: [inlineCore(), viteSingleFile({ removeViteModuleLoader: true }), rename()],
      // A classic worker: Chromium will not start a module worker from a blob: made by a file:// page.
      worker: { format: 'iife', plugins: () => [inlineCore()] },
      define: { 'import.meta.env.VITE_KVMPLAY_SINGLE': JSON.stringify('1') },
      base: './',
      build: { outDir: out, emptyOutDir: true, copyPublicDir: false, rollupOptions: { input: fileURLToPath(new URL('./web/index.html', import.meta.url)) } },
    },
  );
  return config;
});
