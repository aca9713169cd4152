// The embed's conversation with the page around its iframe (PhET-style):
// it posts {type: 'kvmplay:ready', widget, state} once running,
// {type: 'kvmplay:resize', height} whenever its content changes height (so the
// parent can size the iframe without a scrollbar) and {type: 'kvmplay:state',
// state} after each change (state: the packed ?s= value). It obeys
// {type: 'kvmplay:setState', state} only from its parent window and only from
// an allowed origin (its own, or one listed in ?origin=); the state, a packed
// string or {params, seed}, is validated like an address, and what was wrong
// comes back as {type: 'kvmplay:problems', problems: [lines]}.
import { STATE_KEY } from '../lib/state-codec';

export const MSG = {
  ready: 'kvmplay:ready',
  resize: 'kvmplay:resize',
  state: 'kvmplay:state',
  setState: 'kvmplay:setState',
  problems: 'kvmplay:problems',
} as const;

/** Post to the parent (any origin: nothing private is in these messages). */
export function post(message: Record<string, unknown>): void {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

/** A setState message's state as a query, or null if the message is not one. */
export function setStateQuery(data: unknown): URLSearchParams | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { type?: unknown; state?: unknown };
  if (d.type !== MSG.setState) return null;
  if (typeof d.state === 'string') return new URLSearchParams([[STATE_KEY, d.state.slice(0, 10_000)]]);
  if (!d.state || typeof d.state !== 'object') return new URLSearchParams([[STATE_KEY, '']]);
  const s = d.state as { params?: unknown; seed?: unknown };
  const q = new URLSearchParams();
  if (s.params && typeof s.params === 'object') {
    for (const [k, v] of Object.entries(s.params as Record<string, unknown>).slice(0, 200)) q.append(k, String(v).slice(0, 1000));
  }
  if (s.seed !== undefined) q.append('seed', String(s.seed).slice(0, 100));
  return q;
}
