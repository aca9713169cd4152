// Builds that carry everything in one file (the web component, the
// single-file HTML): the simulation worker is inlined (started from a blob:
// URL) and the wasm core travels as base64 inside it. Done by swapping two
// small modules of web/sim for their inline twins and serving the wasm as a
// virtual module.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SWAPS: Record<string, string> = {
  [here('./web/sim/core-bytes.ts')]: here('./web/sim/core-bytes-inline.ts'),
  [here('./web/sim/worker-factory.ts')]: here('./web/sim/worker-factory-inline.ts'),
};
const VIRTUAL = 'virtual:kvmplay-core-wasm';

export function inlineCore(): Plugin {
  return {
    name: 'kvmplay:inline-core',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === VIRTUAL) return `\0${VIRTUAL}`;
      if (!/(core-bytes|worker-factory)(\.ts)?$/.test(source)) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && SWAPS[r.id] ? SWAPS[r.id] : null;
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const wasm = readFileSync(here('./build/core.wasm'));
      return `export default ${JSON.stringify(wasm.toString('base64'))};`;
    },
  };
}
