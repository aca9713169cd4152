// Where the worker gets the compiled core: fetched from the site beside it.
// (The web component and the single-file build swap this module for
// core-bytes-inline.ts, which carries the wasm in the script itself.)
import wasmUrl from '../../build/core.wasm?url';

export async function coreBytes(): Promise<ArrayBuffer> {
  const res = await fetch(wasmUrl);
  if (!res.ok) throw new Error(`fetching ${wasmUrl} failed: HTTP ${res.status}`);
  return res.arrayBuffer();
}
