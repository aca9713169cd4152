// <kvm-playground widget="ipi-hlt" state="1.…"> — any widget of the
// catalogue as a custom element, for a static blog: one script (this file,
// built by vite.wc.config.ts into dist/kvm-playground.js with the worker and
// the wasm inside it). Everything it draws lives in a shadow root with its
// own styles, so the page's CSS cannot reach in (and its :host resets what
// would be inherited). Attributes: widget, state (the packed ?s= value),
// controls=all|some|none, readonly, theme=light|dark, lang=en|zh-CN,
// load=click (a static preview until the reader starts the live model).
import { mount, unmount } from 'svelte';
import tokens from '../styles/tokens.css?inline';
import WcRoot from './WcRoot.svelte';

// The site this script came from: share links and snippets point there.
const script = document.currentScript as HTMLScriptElement | null;
if (script?.src && !globalThis.__kvmplaySiteRoot) globalThis.__kvmplaySiteRoot = new URL('.', script.src).href;

/** tokens.css for a shadow root: the tokens on the widget's own root element, not on the page's. */
const SHADOW_CSS =
  `:host { all: initial !important; display: block !important; }\n` +
  tokens
    .replace(/:root\[data-theme='dark'\]/g, ".kvm-root[data-theme='dark']")
    .replace(/:root/g, '.kvm-root')
    .replace(/(^|\n)html\s*\{[^}]*\}/, '')
    .replace(/(^|\n)body\s*\{/, '$1.kvm-root {') +
  `\n.kvm-root { all: initial; display: block; --rem: 16px; font-size: 16px; font-family: var(--font-sans); color: var(--text);` +
  ` line-height: 1.55; text-align: start; }\n`;

const OBSERVED = ['widget', 'state', 'controls', 'readonly', 'theme', 'lang', 'load'] as const;

class KvmPlaygroundElement extends HTMLElement {
  static observedAttributes = OBSERVED;
  #app: ReturnType<typeof mount> | null = null;
  #root: ShadowRoot;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = SHADOW_CSS;
    this.#root.append(style);
  }

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(_: string, old: string | null, now: string | null) {
    if (old !== now && this.isConnected && this.#app) this.#render();
  }

  #stop() {
    if (this.#app) unmount(this.#app);
    this.#app = null;
    for (const el of [...this.#root.children]) if (el.tagName !== 'STYLE' || el.textContent !== SHADOW_CSS) el.remove();
  }

  #render() {
    this.#stop();
    const attrs = Object.fromEntries(OBSERVED.map((a) => [a, this.getAttribute(a)])) as Record<(typeof OBSERVED)[number], string | null>;
    this.#app = mount(WcRoot, { target: this.#root, props: { attrs } });
  }
}

if (!customElements.get('kvm-playground')) customElements.define('kvm-playground', KvmPlaygroundElement);
