// The timeline player's arithmetic on a recorded Timeline (web/sim/timeline-types.ts):
// which span of a lane holds an instant, where the next and previous change
// is, which highlight keys a span or mark answers to, and the playback rates
// on offer. It reads the core's spans and marks; it never derives a state.
import type { PcpuLaneState, Timeline, TimelineMark, TimelineSpan, VcpuLaneState } from '../sim/timeline-types';
import type { HighlightKey } from './highlight.svelte';

export const PCPU_STATES: readonly PcpuLaneState[] = ['guest', 'host', 'poll', 'other', 'idle'];
export const VCPU_STATES: readonly VcpuLaneState[] = ['guest', 'exit', 'poll', 'blocked', 'runnable'];
/** Every lane state once (guest and poll are shared by both kinds of lane). */
export const TIMELINE_STATES: readonly (PcpuLaneState | VcpuLaneState)[] = [...new Set([...VCPU_STATES, ...PCPU_STATES])];
export const MARK_KINDS: readonly TimelineMark['kind'][] = ['exit', 'entry', 'inject', 'kick'];

/**
 * The index of the span of `lane` that holds instant `t`: spans are half-open
 * [start_ns, end_ns), so at a boundary the later span holds it, except at the
 * very end of the lane, which belongs to the last span. -1 when no span does
 * (an empty lane, or t outside the lane or in a gap).
 */
export function spanIndexAt<S extends string>(lane: readonly TimelineSpan<S>[], t: number): number {
  let lo = 0;
  let hi = lane.length - 1;
  let found = -1;
  // The last span that starts at or before t.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lane[mid].start_ns <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const s = lane[found];
  if (t < s.end_ns) return found;
  if (t === s.end_ns && found === lane.length - 1) return found;
  return -1;
}

export function spanAt<S extends string>(lane: readonly TimelineSpan<S>[], t: number): TimelineSpan<S> | null {
  const i = spanIndexAt(lane, t);
  return i < 0 ? null : lane[i];
}

/** Every instant something changes, sorted and unique: the window's ends, span boundaries, marks. */
export function changeTimes(tl: Timeline): number[] {
  const out = new Set<number>([tl.start_ns, tl.end_ns]);
  const inWindow = (t: number) => t >= tl.start_ns && t <= tl.end_ns;
  for (const lane of [...tl.pcpus, ...tl.vcpus]) {
    for (const s of lane) {
      if (inWindow(s.start_ns)) out.add(s.start_ns);
      if (inWindow(s.end_ns)) out.add(s.end_ns);
    }
  }
  for (const m of tl.marks) if (inWindow(m.t_ns)) out.add(m.t_ns);
  return [...out].sort((a, b) => a - b);
}

/** The first change after t (the last one when none is). `times` is changeTimes' sorted list. */
export function nextChange(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length ? times[lo] : times[times.length - 1];
}

/** The last change before t (the first one when none is). */
export function prevChange(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? times[lo - 1] : times[0];
}

/** The marks at exactly instant t, in the order recorded. */
export function marksAt(marks: readonly TimelineMark[], t: number): TimelineMark[] {
  return marks.filter((m) => m.t_ns === t);
}

/** What hovering or focusing a span highlights: its exit reason when it has one, else its state. */
export function spanKey(span: TimelineSpan<string>): HighlightKey {
  return span.reason ? `exit:${span.reason}` : `state:${span.state}`;
}

/** Every key a span answers to: its state, its exit reason, its lane, and on a pCPU the vCPU it runs. */
export function spanKeys(span: TimelineSpan<string>, lane: HighlightKey): HighlightKey[] {
  const keys: HighlightKey[] = [`state:${span.state}`, lane];
  if (span.reason) keys.push(`exit:${span.reason}`);
  if (span.vcpu !== undefined) keys.push(`vcpu:${span.vcpu}`);
  return keys;
}

/** What a mark highlights: an exit or entry its reason; an injection kvm_stat's irq_injections; a kick the vCPU kicked. */
export function markKey(mark: TimelineMark): HighlightKey {
  if ((mark.kind === 'exit' || mark.kind === 'entry') && mark.reason) return `exit:${mark.reason}`;
  if (mark.kind === 'inject') return 'stat:irq_injections';
  return `vcpu:${mark.vcpu}`;
}

export function markKeys(mark: TimelineMark): HighlightKey[] {
  const keys: HighlightKey[] = [markKey(mark), `vcpu:${mark.vcpu}`];
  if (mark.kind === 'exit' || mark.kind === 'entry') keys.push('state:exit');
  return keys;
}

/** The exit reasons named in the window (spans and marks), in order of first appearance. */
export function reasonsIn(tl: Timeline): string[] {
  const seen = new Set<string>();
  const events: { t: number; reason: string }[] = [];
  for (const lane of [...tl.vcpus, ...tl.pcpus]) for (const s of lane) if (s.reason) events.push({ t: s.start_ns, reason: s.reason });
  for (const m of tl.marks) if (m.reason) events.push({ t: m.t_ns, reason: m.reason });
  events.sort((a, b) => a.t - b.t);
  for (const e of events) seen.add(e.reason);
  return [...seen];
}

/** Playback rates at 1×, in simulated µs per real second. */
export const RATES_US_PER_S: readonly number[] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];
/** Slow-motion factors applied to the rate. */
export const SPEEDS: readonly number[] = [1, 0.25, 0.05];

/** The rate that plays a window of `durationNs` in about `seconds` real seconds at 1×. */
export function defaultRate(durationNs: number, seconds = 10): number {
  const want = durationNs / 1000 / seconds;
  for (const r of RATES_US_PER_S) if (r >= want) return r;
  return RATES_US_PER_S[RATES_US_PER_S.length - 1];
}

/** The next playhead position after `realMs` of playback at `rateUsPerS` × `speed`, clamped to the window's end. */
export function advance(t: number, realMs: number, rateUsPerS: number, speed: number, endNs: number): number {
  return Math.min(endNs, t + realMs * rateUsPerS * speed); // µs/s × ms = ns
}
