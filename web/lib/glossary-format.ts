// The glossary file format: lessons/glossary/<locale>.yaml, one mapping of
// key → entry:
//
//   exit:HLT:
//     term: HLT
//     text: The guest executed `HLT` … (1–3 sentences, inline Markdown)
//     see: [state:poll, stat:halt_exits]       # optional
//     aliases: [exit:hlt]                      # optional: keys this entry also explains
//
// Runs at build time only (vite.config.ts loads each file through it), so a
// missing or malformed entry fails the build with a message naming the file
// and the key, and neither the YAML parser nor the Markdown renderer ships to
// the browser. The keys every file must explain come from the model's own
// sources (lib/glossary-required.ts).
// (Imports carry their .ts extension: vite.config.ts loads this file.)
import yaml from 'js-yaml';
import { Marked } from 'marked';
import type { HighlightKey } from './highlight.svelte.ts';
import { LOCALES, type Locale } from './lesson-types.ts';
import { keyGroup, type GlossaryData, type GlossaryEntry } from './glossary-types.ts';

export class GlossaryError extends Error {
  override name = 'GlossaryError';
}

/** A key every glossary must explain, and why (for the error message). */
export interface RequiredKey {
  key: HighlightKey;
  why: string;
}

const PATH_RE = /(?:^|[\\/])glossary[\\/]([A-Za-z-]+)\.yaml$/;
const FIELDS = new Set(['term', 'text', 'see', 'aliases']);
const KEY_RE = /^(exit|msr|stat|state):(.+)$/;
const MSR_KEY_RE = /^msr:0x[0-9a-f]+$/;

const markdown = new Marked({ gfm: true, async: false });

/** The text without its Markdown: code spans and emphasis markers dropped. */
export function plainText(md: string): string {
  return md
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*]+)\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * YAML folds a text's lines with a space; Chinese puts none between characters
 * or around its full-width punctuation. (A space between a Chinese character
 * and a Latin word stays: Chinese technical writing spaces them.)
 */
export function joinCjkLines(text: string): string {
  return text
    .replace(/([\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '$1')
    .replace(/([\u3000-\u303f\uff01-\uff20])\s+/g, '$1')
    .replace(/\s+(?=[\u3000-\u303f\uff01-\uff20])/g, '');
}

/** Sentences in a plain text, English or Chinese: a stop (. ! ? or 。！？) that ends it or is followed by a space. */
export function sentenceCount(plain: string): number {
  const stops = plain.match(/[.!?](?=\s|$)|[。！？]/g);
  return stops ? stops.length : plain.trim() === '' ? 0 : 1;
}

function isLocale(s: string): s is Locale {
  return (LOCALES as readonly string[]).includes(s);
}

function validKey(key: string): string | null {
  if (!KEY_RE.test(key)) return 'a key is exit:<REASON>, msr:0x<hex>, stat:<counter> or state:<state>';
  if (key.startsWith('msr:') && !MSR_KEY_RE.test(key)) return 'an MSR key is msr:0x followed by lower-case hex, as the run names it (msr:0x830)';
  return null;
}

/**
 * Parse and check one glossary file. `path` is how errors name the file.
 * Every problem is collected, then one error lists them all, one per line,
 * each naming the file and the key.
 */
export function parseGlossary(path: string, raw: string, required: readonly RequiredKey[]): GlossaryData {
  const problems: string[] = [];
  const fail = (key: string | null, why: string) => problems.push(`${path}: ${key ? `${key}: ` : ''}${why}`);
  const done = (): void => {
    if (problems.length) throw new GlossaryError(problems.join('\n'));
  };

  const m = PATH_RE.exec(path);
  if (!m) fail(null, 'a glossary lives at lessons/glossary/<locale>.yaml');
  const locale = m?.[1] ?? '';
  if (m && !isLocale(locale)) fail(null, `unknown locale '${locale}' (known: ${LOCALES.join(', ')})`);
  done();

  let doc: unknown;
  try {
    doc = yaml.safeLoad(raw, { filename: path });
  } catch (e) {
    fail(null, `not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  done();
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    fail(null, 'the file must be a mapping of key → entry');
    done();
  }

  const entries: GlossaryEntry[] = [];
  const owner = new Map<string, string>(); // key or alias → the entry that explains it
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    const bad = validKey(key);
    if (bad) {
      fail(key, bad);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      fail(key, 'an entry is a mapping with term and text');
      continue;
    }
    const v = value as Record<string, unknown>;
    for (const f of Object.keys(v)) if (!FIELDS.has(f)) fail(key, `unknown field '${f}' (known: ${[...FIELDS].join(', ')})`);
    const str = (f: string): string => {
      const s = v[f];
      if (typeof s !== 'string' || s.trim() === '') {
        fail(key, `needs a non-empty '${f}'`);
        return '';
      }
      return s.trim();
    };
    const keys = (f: string): HighlightKey[] => {
      const list = v[f];
      if (list === undefined) return [];
      if (!Array.isArray(list) || list.some((k) => typeof k !== 'string')) {
        fail(key, `'${f}' is a list of keys`);
        return [];
      }
      for (const k of list as string[]) {
        const why = validKey(k);
        if (why) fail(key, `${f}: '${k}': ${why}`);
      }
      return list as HighlightKey[];
    };
    const term = str('term');
    const md = joinCjkLines(str('text'));
    const see = keys('see');
    const aliases = keys('aliases');
    if (md) {
      if (/<[A-Za-z/!]/.test(md)) fail(key, 'text is Markdown without HTML tags');
      const n = sentenceCount(plainText(md));
      if (n > 3) fail(key, `text is 1–3 sentences, this one has ${n}`);
    }
    for (const k of [key, ...aliases]) {
      const prev = owner.get(k);
      if (prev !== undefined) fail(key, prev === k ? `'${k}' is already an entry` : `'${k}' is already explained by ${prev}`);
      else owner.set(k, key);
    }
    entries.push({
      key: key as HighlightKey,
      group: keyGroup(key)!,
      term,
      text: plainText(md),
      html: md ? markdown.parseInline(md, { async: false }) : '',
      see,
      aliases,
    });
  }

  for (const e of entries) {
    for (const s of e.see) {
      if (s === e.key || e.aliases.includes(s)) fail(e.key, `see: '${s}' is this entry`);
      else if (!owner.has(s)) fail(e.key, `see: no entry for '${s}' in this file`);
    }
  }
  for (const r of required) if (!owner.has(r.key)) fail(r.key, `missing (${r.why})`);
  done();
  return { locale: locale as Locale, entries };
}

/** A translation explains the same things as the English glossary: the same entries, the same aliases. */
export function checkGlossaryTranslation(path: string, en: GlossaryData, tr: GlossaryData): void {
  const problems: string[] = [];
  const explained = (d: GlossaryData) => new Map(d.entries.flatMap((e) => [e.key, ...e.aliases].map((k) => [k, e.key] as const)));
  const a = explained(en);
  const b = explained(tr);
  for (const [k, owner] of a) {
    if (!b.has(k)) problems.push(`${path}: ${k}: missing (the English glossary explains it)`);
    else if (b.get(k) !== owner) problems.push(`${path}: ${k}: explained by ${b.get(k)} here but by ${owner} in English`);
  }
  for (const k of b.keys()) if (!a.has(k)) problems.push(`${path}: ${k}: not in the English glossary`);
  if (problems.length) throw new GlossaryError(problems.join('\n'));
}
