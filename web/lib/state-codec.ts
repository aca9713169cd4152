// A view's whole state in one query value, versioned and compressed:
// ?s=1.<lz-string> holds {"sc": scenario, "p": {changed parameters}, "seed": n}
// as JSON. The seed is always there, so a link reproduces the run exactly.
// Unpacking only turns the text back into name=value pairs; every value is
// then checked by the same validation as a hand-written query (validate.ts),
// so a bad one is reported and replaced, never trusted. A version this build
// does not know, or text that is not a packed state, is reported too.
import LZString from 'lz-string';
import type { PageProblem } from './problem-text';

/** The query key of the packed state. */
export const STATE_KEY = 's';
/** The format written now; bump when the packed JSON changes meaning. */
export const STATE_VERSION = 1;
/** Versions this build reads. */
export const STATE_VERSIONS: readonly number[] = [1];
/** Longest packed value read (a real state is well under 1 KB); longer is refused before decompressing. */
const PACKED_MAX = 8192;

export interface PackedState {
  scenario: string;
  /** Values as given (checked by the reader, not here). */
  params: Record<string, string | number>;
  seed: number;
}

export function packState(s: PackedState): string {
  const json = JSON.stringify({ sc: s.scenario, p: s.params, seed: s.seed });
  return `${STATE_VERSION}.${LZString.compressToEncodedURIComponent(json)}`;
}

/**
 * The name=value pairs a packed state holds (scenario first, seed last), or
 * the problem with it. Values are strings, as if typed into the address.
 */
export function unpackState(raw: string): { entries: [string, string][] } | { problem: PageProblem } {
  const bad = (): { problem: PageProblem } => ({ problem: { code: 'bad_state', value: raw, known: [], used: 'defaults' } });
  const m = /^(\d{1,6})\.(.*)$/s.exec(raw);
  if (!m) return bad();
  const version = Number(m[1]);
  if (!STATE_VERSIONS.includes(version)) {
    return { problem: { code: 'state_version', value: m[1], known: STATE_VERSIONS.map(String), used: 'defaults' } };
  }
  if (m[2].length > PACKED_MAX) return bad();
  // A '+' pasted unescaped into a query reads back as a space.
  let json: string | null = null;
  try {
    json = LZString.decompressFromEncodedURIComponent(m[2].replace(/ /g, '+'));
  } catch {
    return bad();
  }
  if (!json) return bad();
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return bad();
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return bad();
  const d = data as Record<string, unknown>;
  const entries: [string, string][] = [];
  const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (d.sc !== undefined) {
    if (!scalar(d.sc)) return bad();
    entries.push(['scenario', String(d.sc)]);
  }
  if (d.p !== undefined) {
    if (!d.p || typeof d.p !== 'object' || Array.isArray(d.p)) return bad();
    for (const [k, v] of Object.entries(d.p as Record<string, unknown>)) {
      if (!scalar(v)) return bad();
      entries.push([k, String(v)]);
    }
  }
  if (d.seed !== undefined) {
    if (!scalar(d.seed)) return bad();
    entries.push(['seed', String(d.seed)]);
  }
  return { entries };
}
