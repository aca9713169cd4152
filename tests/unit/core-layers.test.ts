// The core is layered like the kernel it models: an import in assembly/
// only ever points down the stack (architecture: "Inside the core").
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../assembly');
const LAYERS = ['sim', 'hw', 'host', 'kvm', 'guest', 'workloads'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Layer rank of a file: its folder's place in LAYERS; files at the root (model, index) sit on top. */
function rank(file: string): number {
  const top = relative(ROOT, file).split('/')[0];
  const i = LAYERS.indexOf(top);
  return i >= 0 ? i : LAYERS.length;
}

describe('core layers', () => {
  const all = files(ROOT);

  it('has a folder per layer and no stray files outside them but the entry points', () => {
    for (const l of LAYERS) expect(all.some((f) => relative(ROOT, f).startsWith(l + '/'))).toBe(true);
    const loose = all.filter((f) => rank(f) === LAYERS.length).map((f) => relative(ROOT, f)).sort();
    expect(loose).toEqual(['index.ts', 'model.ts']);
  });

  it('imports only point down (or within a layer)', () => {
    const upward: string[] = [];
    for (const f of all) {
      for (const m of readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = resolve(dirname(f), m[1]) + '.ts';
        if (rank(target) > rank(f)) upward.push(`${relative(ROOT, f)} → ${relative(ROOT, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
