// A UI fuzzer in the manner of PhET's ?fuzz: ?fuzz&seed=N[&actions=K] drives
// K (default 200) random but seeded actions on the page: clicks on buttons,
// radios, checkboxes, links and disclosures inside the app, slider drags and
// arrow keys, random text (valid, invalid, huge, with control characters) in
// the text boxes, and switches of scenario, language, theme and view. It never
// leaves the page: a link the app does not handle itself is not followed.
// Progress and what went wrong are on window.__fuzz for a test to read; the
// same seed on the same build replays the same actions.

export interface FuzzProgress {
  done: boolean;
  /** Actions taken so far. */
  actions: number;
  /** Uncaught errors, unhandled rejections and console errors while fuzzing. */
  errors: string[];
  seed: number;
  total: number;
  /** The last actions taken, newest last (for a report). */
  log: string[];
}

declare global {
  interface Window {
    __fuzz?: FuzzProgress;
  }
}

const DEFAULT_ACTIONS = 200;
const MAX_ACTIONS = 100_000;
const LOG_MAX = 60;

/** mulberry32: small, fast, good enough to pick actions. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[int(0, xs.length - 1)] : undefined);
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

function intParam(q: URLSearchParams, key: string, fallback: number, max: number): number {
  const raw = q.get(key);
  const n = raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isSafeInteger(n) ? Math.min(n, max) : fallback;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function usable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement)) return false;
  if ((el as HTMLInputElement).disabled) return false;
  if (el.closest('[inert], [aria-hidden="true"]')) return false;
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
}

function all(root: ParentNode, selector: string): HTMLElement[] {
  return [...root.querySelectorAll(selector)].filter(usable);
}

function label(el: Element): string {
  const id = el.getAttribute('data-testid');
  if (id) return id;
  const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
  return `${el.tagName.toLowerCase()}${text ? ` "${text}"` : ''}`;
}

/** Text for a box: mostly numbers, sometimes wrong, sometimes huge, sometimes with control characters. */
function randomText(r: Rng): string {
  switch (r.int(0, 11)) {
    case 0:
    case 1:
    case 2:
      return String(r.int(0, 10) ** r.int(0, 9));
    case 3:
      return String(-r.int(0, 1000));
    case 4:
      return `${r.int(0, 99)}.${r.int(0, 99)}`;
    case 5:
      return '9'.repeat(r.int(10, 400));
    case 6:
      return r.pick(['', ' ', 'abc', '1e3', '0x10', 'NaN', 'Infinity', '-0', '+5', '１２', '٣', '__proto__', '<b>x</b>'])!;
    case 7:
      return `${r.int(0, 9)}\n${r.int(0, 9)}\u0000\u001b[31m\t\u0085`;
    case 8:
      return 'x'.repeat(r.int(1000, 20_000));
    case 9:
      return String.fromCodePoint(...Array.from({ length: r.int(1, 12) }, () => r.int(0, 0x2fff)));
    case 10:
      return ` ${r.int(0, 100000)} `;
    default:
      return String(r.int(0, 4294967296 * 2));
  }
}

function setValue(el: HTMLInputElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function key(el: HTMLElement, k: string): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  el.dispatchEvent(new KeyboardEvent('keyup', { key: k, bubbles: true, cancelable: true }));
}

/** Start fuzzing; returns a function that stops it. */
export function startFuzz(query: URLSearchParams): () => void {
  const seed = intParam(query, 'seed', 1, 0xffffffff);
  const total = intParam(query, 'actions', DEFAULT_ACTIONS, MAX_ACTIONS);
  const r = rng(seed || 0x9e3779b9);
  const progress: FuzzProgress = { done: false, actions: 0, errors: [], seed, total, log: [] };
  window.__fuzz = progress;
  let stopped = false;

  const fail = (what: string) => {
    if (progress.errors.length < 100) progress.errors.push(`${what} (after action ${progress.actions}: ${progress.log.at(-1) ?? '-'})`);
  };
  const onError = (e: ErrorEvent) => fail(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => fail(`unhandled rejection: ${String(e.reason)}`);
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    fail(`console.error: ${args.map(String).join(' ').slice(0, 300)}`);
    consoleError.apply(console, args);
  };
  // Never leave the page: a link the app did not take over (another origin, another document) is not followed.
  const onClick = (e: MouseEvent) => {
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!a || e.defaultPrevented) return;
    const to = new URL(a.href, location.href);
    const samePage = to.origin === location.origin && to.pathname === location.pathname && to.search === location.search;
    if (!samePage || a.target) {
      e.preventDefault();
      note(`(not followed: ${to.origin === location.origin ? to.pathname + to.search : to.origin})`);
    }
  };
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  addEventListener('click', onClick);

  function note(s: string) {
    progress.log.push(s);
    if (progress.log.length > LOG_MAX) progress.log.shift();
  }

  const root = () => document.getElementById('app') ?? document.body;

  function click(selector: string, what: string): void {
    const el = r.pick(all(root(), selector));
    if (!el) return note(`${what}: none`);
    note(`${what} ${label(el)}`);
    el.click();
  }

  function slider(): void {
    const el = r.pick(all(root(), 'input[type=range]')) as HTMLInputElement | undefined;
    if (!el) return note('slider: none');
    const min = Number(el.min || 0);
    const max = Number(el.max || 100);
    const kind = r.int(0, 2);
    if (kind === 0) {
      // A drag: several input events on the way to a random end.
      const to = r.int(min, max);
      const from = Number(el.value);
      const steps = r.int(2, 8);
      note(`drag ${label(el)} ${from} → ${to}`);
      for (let i = 1; i <= steps; i++) setValue(el, String(Math.round(from + ((to - from) * i) / steps)));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      // An arrow key: what the browser would do with it, since a synthetic key press moves nothing.
      const up = r.next() < 0.5;
      note(`${up ? 'ArrowRight' : 'ArrowLeft'} on ${label(el)}`);
      el.focus();
      key(el, up ? 'ArrowRight' : 'ArrowLeft');
      const v = Math.min(max, Math.max(min, Number(el.value) + (up ? 1 : -1)));
      if (String(v) !== el.value) {
        setValue(el, String(v));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  }

  function type(): void {
    const el = r.pick(all(root(), 'input[type=text], input[type=number], input:not([type])')) as HTMLInputElement | undefined;
    if (!el) return note('type: none');
    const text = randomText(r);
    note(`type into ${label(el)}: ${JSON.stringify(text.slice(0, 24))}${text.length > 24 ? `… (${text.length} chars)` : ''}`);
    el.focus();
    if (r.next() < 0.3 && text.length < 12) {
      // Key by key: every prefix is an input event.
      for (let i = 1; i <= text.length; i++) setValue(el, text.slice(0, i));
    } else {
      setValue(el, text);
    }
    if (r.next() < 0.3) el.blur();
  }

  function press(): void {
    const el = r.pick(all(root(), 'button, a[href], input, summary, [tabindex="0"]'));
    if (!el) return note('key: none');
    const k = r.pick(['Enter', ' ', 'Escape', 'Tab', 'ArrowUp', 'ArrowDown', 'Home', 'End'])!;
    note(`key ${JSON.stringify(k)} on ${label(el)}`);
    el.focus();
    key(el, k);
  }

  /** Back or forward, but only within this document (Navigation API: a step that would load another page is not taken). */
  function travel(): void {
    const nav = (window as { navigation?: { currentEntry?: { index: number } | null; entries(): { sameDocument: boolean }[] } })
      .navigation;
    const back = r.next() < 0.7;
    const i = nav?.currentEntry?.index;
    const to = nav && i !== undefined ? nav.entries()[back ? i - 1 : i + 1] : undefined;
    if (!to?.sameDocument) return note(`${back ? 'back' : 'forward'}: none`);
    note(back ? 'history back' : 'history forward');
    if (back) history.back();
    else history.forward();
  }

  const ACTIONS: [number, () => void][] = [
    [28, () => click('button, input[type=radio], input[type=checkbox], a[href], summary', 'click')],
    [18, slider],
    [18, type],
    [8, () => click('input[type=radio][data-testid^="scenario-"]', 'scenario')],
    [5, () => click('[data-testid^="locale-"]', 'language')],
    [4, () => click('[data-testid="theme-picker"] input[type=radio]', 'theme')],
    [6, () => click('nav a[href], [data-testid="nav-explorer"]', 'view')],
    [5, () => click('[data-testid="reset"], [data-testid="url-warnings"] button', 'reset/dismiss')],
    [8, press],
    [4, travel],
  ];
  const weight = ACTIONS.reduce((s, [w]) => s + w, 0);

  function act(): void {
    let x = r.next() * weight;
    for (const [w, f] of ACTIONS) {
      x -= w;
      if (x < 0) return f();
    }
    ACTIONS[0][1]();
  }

  /** Let the simulator catch up now and then (bounded), as a reader pausing would. */
  async function settle(ms: number): Promise<void> {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const busy = document.querySelector('[data-state="busy"], [data-state="loading"]');
      if (!busy) return;
      await sleep(50);
    }
  }

  (async () => {
    await settle(5000);
    while (!stopped && progress.actions < total) {
      try {
        act();
      } catch (e) {
        fail(`action threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      progress.actions++;
      await sleep(r.int(0, 3) === 0 ? r.int(20, 120) : 0);
      if (progress.actions % 25 === 0) await settle(1500);
    }
    note('done');
    progress.done = true;
  })().catch((e: unknown) => fail(`fuzzer stopped: ${String(e)}`));

  return () => {
    stopped = true;
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    removeEventListener('click', onClick);
    console.error = consoleError;
  };
}
