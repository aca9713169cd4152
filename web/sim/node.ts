// Node entry: load the compiled core from build/ and run in-process (CLI,
// tests, benchmarks).
import { readFile } from 'node:fs/promises';
import { createCore, type Core } from './core';

let cached: Promise<Core> | undefined;

/** The compiled core.wasm, ready to instantiate. */
export async function loadCoreModule(): Promise<WebAssembly.Module> {
  const url = new URL('../../build/core.wasm', import.meta.url);
  let bytes: Buffer;
  try {
    bytes = await readFile(url);
  } catch {
    throw new Error(`cannot read ${url.pathname}: build the core first (npm run build:wasm)`);
  }
  return WebAssembly.compile(new Uint8Array(bytes));
}

export function loadCore(): Promise<Core> {
  cached ??= loadCoreModule().then(createCore);
  return cached;
}
