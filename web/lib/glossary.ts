// The glossary, bundled at build time: vite.config.ts turns
// lessons/glossary/<locale>.yaml imported with ?glossary into checked,
// rendered entries (lib/glossary-format.ts), so only the entries ship.
// Keys are the page's highlight keys (lib/highlight.svelte.ts): any chart can
// look up what it shows — glossaryEntry(locale, 'exit:HLT').
import type { HighlightKey } from './highlight.svelte';
import type { Locale } from './lesson-types';
import { glossaryLookup, type GlossaryData, type GlossaryEntry, type GlossaryLookup } from './glossary-types';

export { glossaryId, GLOSSARY_GROUPS, type GlossaryEntry, type GlossaryGroup } from './glossary-types';

const files = import.meta.glob<GlossaryData>('../../lessons/glossary/*.yaml', { query: '?glossary', import: 'default', eager: true });

const byLocale = new Map<Locale, GlossaryLookup>();
for (const data of Object.values(files)) byLocale.set(data.locale, glossaryLookup(data));
if (!byLocale.has('en')) throw new Error('lessons/glossary/en.yaml is missing');

function lookup(locale: Locale): GlossaryLookup {
  return byLocale.get(locale) ?? byLocale.get('en')!;
}

/** The entry explaining `key` (its own key or an alias: `exit:hlt` finds HLT's), or undefined. */
export function glossaryEntry(locale: Locale, key: HighlightKey | string): GlossaryEntry | undefined {
  return lookup(locale).get(key);
}

/** Every entry of a locale, in the file's order. */
export function glossaryEntries(locale: Locale): readonly GlossaryEntry[] {
  return lookup(locale).entries;
}
