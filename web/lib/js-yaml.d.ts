// js-yaml 3 (installed as front-matter's dependency) ships no types; the
// glossary loader (lib/glossary-format.ts, build time only) uses safeLoad.
declare module 'js-yaml' {
  export function safeLoad(text: string, options?: { filename?: string }): unknown;
  const yaml: { safeLoad: typeof safeLoad };
  export default yaml;
}
