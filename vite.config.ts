// Vite config for the playground's browser front end. The app's root is web/;
// the simulation worker imports ../../build/core.wasm and the lesson loader
// reads ../lessons, both outside that root, so the dev server may serve files
// from anywhere in the repository.
//
// The Content-Security-Policy is served as a header by `vite dev` and `vite
// preview` and put in the built index.html as a <meta> for static hosts
// (without frame-ancestors, which a <meta> cannot carry). The inline
// scripts, the theme set before the first paint, are allowed by their
// hashes, computed here from the pages; the build fails if a page's inline
// scripts no longer match them. The /embed/ pages are sent with
// frame-ancestors * instead of 'self' (vite.embed.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { tsImport } from 'tsx/esm/api';
import { checkTranslation, parseLesson, type LessonRules } from './web/lib/lesson-format.ts';
import { checkGlossaryTranslation, parseGlossary } from './web/lib/glossary-format.ts';
import { readRequired } from './web/lib/glossary-required.ts';
import { LOCALES } from './web/lib/lesson-types.ts';
import { embedPages, headersByPath } from './vite.embed.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * `lessons/NN-slug/<locale>.md?lesson` → `export default <parsed Lesson>`.
 * Front matter is checked and Markdown rendered here, at build time: a
 * malformed lesson fails the build (and shows as an error in dev), and so
 * does a translation that asks for anything but the English lesson's states,
 * goal, predictions and steps.
 */
function lessons(): Plugin {
  // Lessons are checked against the parameter schema, the terminal's command
  // table and lessons/sources.yaml; those modules import without extensions,
  // so tsx loads them (as it loads the CLI), once.
  let rules: Promise<LessonRules> | null = null;
  const lessonRules = () =>
    (rules ??= tsImport('./web/lib/lesson-rules.ts', import.meta.url).then(
      (m: { lessonRules: () => LessonRules }) => m.lessonRules(),
    ));
  return {
    name: 'kvmplay:lessons',
    enforce: 'pre',
    async load(id) {
      const [file, query] = id.split('?', 2);
      if ((query !== 'lesson' && query !== 'lesson-meta') || !file.endsWith('.md')) return null;
      this.addWatchFile(file);
      const r = await lessonRules();
      this.addWatchFile(fileURLToPath(new URL('./lessons/sources.yaml', import.meta.url)));
      const lesson = parseLesson(file, readFileSync(file, 'utf8'), r);
      // A translation asks for the same things as the English lesson.
      const en = file.replace(/[^\\/]+\.md$/, 'en.md');
      if (en !== file && existsSync(en)) {
        this.addWatchFile(en);
        checkTranslation(file, parseLesson(en, readFileSync(en, 'utf8'), r), lesson);
      }
      const out = query === 'lesson' ? lesson : { slug: lesson.slug, locale: lesson.locale, title: lesson.title, summary: lesson.summary, start: lesson.start };
      return { code: `export default ${JSON.stringify(out)};`, map: null };
    },
  };
}

/**
 * `lessons/glossary/<locale>.yaml?glossary` → `export default <GlossaryData>`.
 * Checked here, at build time: every exit reason, MSR, counter and timeline
 * state the model has (read from its sources) must have an entry, a
 * translation must explain the same keys as English, and a problem fails the
 * build naming the file and the key. The YAML parser stays out of the bundle.
 */
function glossary(): Plugin {
  const dir = fileURLToPath(new URL('./lessons/glossary/', import.meta.url));
  const rel = (f: string) => relative(repoRoot, f);
  /** Each locale's file, parsed and checked; a translation against English. Returns the files read. */
  const check = () => {
    const required = readRequired(repoRoot);
    const byLocale = new Map(
      LOCALES.map((locale) => {
        const f = `${dir}${locale}.yaml`;
        if (!existsSync(f)) throw new Error(`${rel(f)}: missing (every locale has a glossary)`);
        return [locale, parseGlossary(rel(f), readFileSync(f, 'utf8'), required.keys)] as const;
      }),
    );
    for (const [locale, data] of byLocale) if (locale !== 'en') checkGlossaryTranslation(rel(`${dir}${locale}.yaml`), byLocale.get('en')!, data);
    return { byLocale, files: [...required.files, ...LOCALES.map((l) => `${dir}${l}.yaml`)] };
  };
  return {
    name: 'kvmplay:glossary',
    enforce: 'pre',
    // Every build checks the glossaries, whether or not a page imports them yet.
    buildStart() {
      for (const f of check().files) this.addWatchFile(f);
    },
    load(id) {
      const [file, query] = id.split('?', 2);
      if (query !== 'glossary' || !file.endsWith('.yaml')) return null;
      const { byLocale, files } = check();
      for (const f of files) this.addWatchFile(f);
      const data = [...byLocale.values()].find((d) => `${dir}${d.locale}.yaml` === file);
      if (!data) throw new Error(`${rel(file)}: not a glossary (lessons/glossary/<locale>.yaml)`);
      return { code: `export default ${JSON.stringify(data)};`, map: null };
    },
  };
}

/** Every inline (attribute-less) <script> in an HTML page. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The pages built: the site, the embed page (one copy per widget, vite.embed.ts). */
const PAGES = ['./web/index.html', './web/embed/index.html'];
const scriptHashes = [...new Set(PAGES.flatMap((p) => inlineScripts(readFileSync(new URL(p, import.meta.url), 'utf8')).map(sha256)))];

/** The policy's directives; frame-ancestors only in the header. */
const CSP: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', ["'self'", "'wasm-unsafe-eval'", ...scriptHashes].join(' ')],
  ['worker-src', "'self' blob:"],
  ['style-src', "'self' 'unsafe-inline'"], // Svelte sets style attributes (bar widths, colours)
  ['img-src', "'self' data:"], // the favicon is data:,
  ['connect-src', "'self'"], // the wasm fetch, and the dev server's HMR socket
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'self'"],
];
const policy = (directives: [string, string][]) => directives.map(([k, v]) => `${k} ${v}`).join('; ');

/** Headers of every response from `vite dev` and `vite preview`. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': policy(CSP),
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The /embed/ pages exist to be framed by other sites:
 * the same policy with frame-ancestors * (any http(s) page may frame them).
 * They hold nothing private; what a framing page may do to them is limited
 * to the setState messages they check (web/embed/messages.ts).
 */
export const EMBED_HEADERS: Record<string, string> = {
  'Content-Security-Policy': policy(CSP.map(([k, v]) => [k, k === 'frame-ancestors' ? '*' : v])),
  'X-Content-Type-Options': 'nosniff',
};

/** The built page carries the policy as a <meta>, and its inline scripts must match the hashes. */
function csp(): Plugin {
  return {
    name: 'kvmplay:csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const stray = inlineScripts(html).map(sha256).filter((h) => !scriptHashes.includes(h));
        if (stray.length > 0) throw new Error(`index.html has an inline script the CSP does not allow (${stray.join(', ')})`);
        if (ctx.server) return html; // dev: the header alone
        const meta = policy(CSP.filter(([k]) => k !== 'frame-ancestors'));
        const tag = `<meta http-equiv="Content-Security-Policy" content="${meta}" />`;
        if (!html.includes('<meta charset="utf-8" />')) throw new Error('index.html: no <meta charset> to put the CSP after');
        return html.replace('<meta charset="utf-8" />', (m) => `${m}\n    ${tag}`);
      },
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [
    svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }),
    lessons(),
    glossary(),
    csp(),
    embedPages(),
    headersByPath(SECURITY_HEADERS, EMBED_HEADERS),
  ],
  worker: { format: 'es' }, // the worker uses top-level await
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p.split('/').at(-2) === 'web' ? 'index' : 'embed', fileURLToPath(new URL(p, import.meta.url))])) },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: [repoRoot] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
