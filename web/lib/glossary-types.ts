// What a loaded glossary looks like in the browser, and the lookup by
// highlight key. (Parsing and checking happen at build time:
// lib/glossary-format.ts.)
import type { HighlightKey } from './highlight.svelte.ts';
import type { Locale } from './lesson-types.ts';

/** The kinds of thing the glossary explains, in the order the panel lists them. */
export const GLOSSARY_GROUPS = ['exit', 'msr', 'stat', 'state'] as const;
export type GlossaryGroup = (typeof GLOSSARY_GROUPS)[number];

export interface GlossaryEntry {
  /** The entry's own key: `exit:HLT`, `msr:0x830`, `stat:halt_wakeup`, `state:poll`. */
  key: HighlightKey;
  group: GlossaryGroup;
  term: string;
  /** The explanation as plain text (tooltips, aria labels, search). */
  text: string;
  /** The explanation as inline HTML (code spans, emphasis), rendered at build time from the file's Markdown. */
  html: string;
  /** Entries worth reading next, by key. */
  see: HighlightKey[];
  /** Other keys this entry explains too: the SVM name of an exit, the rest of a counter family. */
  aliases: HighlightKey[];
}

export interface GlossaryData {
  locale: Locale;
  entries: GlossaryEntry[];
}

export interface GlossaryLookup {
  entries: readonly GlossaryEntry[];
  /** The entry for a key or any of its aliases. */
  get(key: string): GlossaryEntry | undefined;
}

export function glossaryLookup(data: GlossaryData): GlossaryLookup {
  const byKey = new Map<string, GlossaryEntry>();
  for (const e of data.entries) {
    byKey.set(e.key, e);
    for (const a of e.aliases) byKey.set(a, e);
  }
  return { entries: data.entries, get: (key) => byKey.get(key) };
}

/** The DOM id of an entry's anchor: `glossary-exit-HLT`, `glossary-msr-0x830`. */
export function glossaryId(key: string): string {
  return 'glossary-' + key.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The group a key belongs to, from its prefix. */
export function keyGroup(key: string): GlossaryGroup | null {
  const prefix = key.slice(0, key.indexOf(':'));
  return (GLOSSARY_GROUPS as readonly string[]).includes(prefix) ? (prefix as GlossaryGroup) : null;
}
