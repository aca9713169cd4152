// Build-time pieces of embedding and offline use (read by vite.config.ts):
//
// - embedPages: dist/embed/<widget>/index.html for every widget of the
//   catalogue (web/embed/catalogue.ts: the lesson widgets and one per
//   scenario), copies of the built embed page, each with its oEmbed
//   discovery link; dist/oembed/<widget>.json beside them. In dev the same
//   addresses are served from web/embed/index.html.
// - headersByPath: the security headers of `vite dev` and `vite preview`.
//   Everything may be framed by the site itself only (frame-ancestors
//   'self'), except the pages made to be framed by anyone's blog, /embed/…
//   (frame-ancestors *).
import type { Connect, Plugin } from 'vite';
import { allWidgets, type WidgetDef } from './web/embed/catalogue.ts';
import { findScenario } from './web/sim/schema.ts';

/** Where the site is published, for the absolute URLs oEmbed needs (KVMPLAY_SITE_URL at build time). */
export const SITE_URL = (process.env.KVMPLAY_SITE_URL ?? 'http://127.0.0.1:4173/').replace(/\/?$/, '/');

/** The height an oEmbed consumer gives the iframe before it reports its own. */
const OEMBED_WIDTH = 720;
const OEMBED_HEIGHT = 720;

export function widgetTitle(w: WidgetDef): string {
  if (w.kind === 'lesson') return 'IPI → HLT wake-up latency';
  return findScenario(w.scenario)?.title ?? w.name;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function oembedJson(w: WidgetDef): string {
  const src = `${SITE_URL}embed/${w.name}/`;
  const title = `${widgetTitle(w)} · KVM Perf Playground`;
  return `${JSON.stringify(
    {
      version: '1.0',
      type: 'rich',
      provider_name: 'KVM Perf Playground',
      provider_url: SITE_URL,
      title,
      width: OEMBED_WIDTH,
      height: OEMBED_HEIGHT,
      html: `<iframe src="${esc(src)}" title="${esc(title)}" width="${OEMBED_WIDTH}" height="${OEMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`,
    },
    null,
    2,
  )}\n`;
}

function withDiscovery(html: string, w: WidgetDef): string {
  const link = `<link rel="alternate" type="application/json+oembed" href="/oembed/${w.name}.json" title="${esc(widgetTitle(w))}" />`;
  return html.replace('<title>KVM Perf Playground · embed</title>', `<title>${esc(widgetTitle(w))} · KVM Perf Playground</title>\n    ${link}`);
}

export function embedPages(): Plugin {
  return {
    name: 'kvmplay:embed-pages',
    enforce: 'post',
    generateBundle: { order: 'post', handler(_, bundle) {
      const page = bundle['embed/index.html'];
      if (!page || page.type !== 'asset') throw new Error('the embed page (web/embed/index.html) was not built');
      const html = String(page.source);
      for (const w of allWidgets()) {
        this.emitFile({ type: 'asset', fileName: `embed/${w.name}/index.html`, source: withDiscovery(html, w) });
        this.emitFile({ type: 'asset', fileName: `oembed/${w.name}.json`, source: oembedJson(w) });
      }
    } },
    configureServer(server) {
      // Dev: /embed/<widget>[/] is the embed page; /oembed/<widget>.json is made on the fly.
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const oembed = /^\/oembed\/([^/]+)\.json$/.exec(path);
        const w = oembed && allWidgets().find((x) => x.name === oembed[1]);
        if (w) {
          res.setHeader('Content-Type', 'application/json');
          res.end(oembedJson(w));
          return;
        }
        if (/^\/embed\/[^/.]+\/?(index\.html)?$/.test(path)) req.url = '/embed/index.html' + (req.url!.includes('?') ? req.url!.slice(req.url!.indexOf('?')) : '');
        next();
      });
    },
  };
}

/** Pages made to be framed by any site. */
export const FRAMEABLE = /^\/embed\//;

export function headersByPath(headers: Record<string, string>, embedHeaders: Record<string, string>): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    for (const [k, v] of Object.entries(FRAMEABLE.test(path) ? embedHeaders : headers)) res.setHeader(k, v);
    next();
  };
  return {
    name: 'kvmplay:headers',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
