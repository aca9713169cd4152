// The compiled core carried inside the script as base64 (the web component
// and the single-file build): decoded here rather than fetched, so a page's
// connect-src never has to allow data: URLs.
import wasmBase64 from 'virtual:kvmplay-core-wasm';

export async function coreBytes(): Promise<ArrayBuffer> {
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}
