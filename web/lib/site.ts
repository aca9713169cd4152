// Where the playground is served from, and the addresses a share or embed
// snippet points at. The web component sets the root from its own script's
// URL (a blog's page is elsewhere); the site and its /embed/ pages use the
// build's base under the page's origin.
import type { Locale } from './lesson-types';
import type { ExploreState } from './explore-url';
import { widgetEntries } from './widget-state';
import type { WidgetDef } from '../embed/catalogue';

declare global {
  var __kvmplaySiteRoot: string | undefined;
}

/** The site's root URL, ending in '/'. */
export function siteRoot(): string {
  if (globalThis.__kvmplaySiteRoot) return globalThis.__kvmplaySiteRoot;
  return new URL(import.meta.env.BASE_URL, location.href).href;
}

function query(entries: [string, string][], locale: Locale, extra: [string, string][] = []): string {
  const q = new URLSearchParams([...entries, ...extra]);
  if (locale !== 'en') q.set('lang', locale);
  return q.toString();
}

/** The widget's page on the site: its lesson, or the explorer on its scenario. */
export function pageLink(def: WidgetDef, state: ExploreState, locale: Locale): string {
  const entries = widgetEntries(def, state);
  const head: [string, string][] = def.kind === 'lesson' ? [['lesson', def.lesson ?? '']] : [['view', 'explore']];
  return `${siteRoot()}?${query([...head, ...entries], locale)}`;
}

/** The widget's iframe page. */
export function embedLink(def: WidgetDef, state: ExploreState, locale: Locale, options: [string, string][] = []): string {
  return `${siteRoot()}embed/${def.name}/?${query(widgetEntries(def, state), locale, options)}`;
}

/** The height an iframe snippet starts at before the page reports its own (a lesson widget fits; an explorer scrolls until resized). */
export const IFRAME_HEIGHT = 720;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function iframeSnippet(def: WidgetDef, state: ExploreState, locale: Locale, title: string): string {
  return (
    `<iframe src="${attr(embedLink(def, state, locale))}" title="${attr(title)}" width="100%" height="${IFRAME_HEIGHT}" ` +
    `style="border:0;max-width:100%" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`
  );
}

export const WC_FILE = 'kvm-playground.js';

export function componentSnippet(def: WidgetDef, state: ExploreState, locale: Locale): string {
  const [[, packed]] = widgetEntries(def, state);
  const lang = locale !== 'en' ? ` lang="${locale}"` : '';
  return (
    `<script src="${attr(siteRoot() + WC_FILE)}" defer></script>\n` +
    `<kvm-playground widget="${def.name}" state="${attr(packed)}"${lang} load="click"></kvm-playground>`
  );
}
