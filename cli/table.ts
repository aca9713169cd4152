// The readable (non-JSON) form of a run: parameters, the scenario's metrics,
// exits, halt and kvm_stat counters, a perf kvm stat report, where each
// pCPU's time went and, when asked for, the timeline's window in brief.
import { format } from 'd3-format';
import type { RunResult } from '../web/sim/core';
import type { Timeline, TimelineSpan } from '../web/sim/timeline-types';
import { pmuText } from '../web/sim/pmu-text';

const int = format(',.0f');
const num = (v: number) => (Number.isInteger(v) ? int(v) : format(',.1f')(v));
const pct = format('.1%');
const SUMMARY_KEYS = ['min', 'mean', 'p50', 'p90', 'p99', 'max'];

function isSummary(v: unknown): v is Record<string, number> {
  return typeof v === 'object' && v !== null && SUMMARY_KEYS.every((k) => k in v);
}

export function formatRun(r: RunResult): string {
  const lines: string[] = [];
  lines.push(`${r.scenario}  seed ${r.seed}  simulated ${num(r.sim_time_ns / 1e6)} ms in ${int(r.events)} events`);
  lines.push('params  ' + Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' '));
  lines.push('');
  const summaries = Object.entries(r.metrics).filter(([, v]) => isSummary(v));
  if (summaries.length) {
    lines.push(''.padEnd(22) + SUMMARY_KEYS.map((k) => k.padStart(11)).join(''));
    for (const [k, v] of summaries) {
      const s = v as Record<string, number>;
      lines.push(k.padEnd(22) + SUMMARY_KEYS.map((q) => num(s[q]).padStart(11)).join(''));
    }
    lines.push('');
  }
  for (const [k, v] of Object.entries(r.metrics)) {
    if (isSummary(v) || Array.isArray(v)) continue; // lists (counters, listing, designs) are shown as their own text below
    if (typeof v === 'object' && v !== null) {
      lines.push(`${k}:`);
      for (const [kk, vv] of Object.entries(v)) lines.push(`  ${kk.padEnd(24)}${num(vv as number).padStart(12)}`);
    } else {
      lines.push(`${k.padEnd(26)}${(typeof v === 'boolean' ? String(v) : num(v as number)).padStart(12)}`);
    }
  }
  const pmu = pmuText(r);
  if (pmu) lines.push(pmu);
  lines.push('');
  lines.push('exits   ' + (Object.entries(r.exits).map(([k, v]) => `${k} ${int(v)}`).join('   ') || 'none'));
  lines.push('msr     ' + (Object.entries(r.msr_writes).map(([k, v]) => `${k} ${int(v)}`).join('   ') || 'none'));
  lines.push('halt    ' + Object.entries(r.halt).map(([k, v]) => `${k} ${int(v)}`).join('   '));
  lines.push('kvm     ' + Object.entries(r.kvm_stat).map(([k, v]) => `${k} ${int(v)}`).join('   '));
  if (r.samples_info.method === 'reservoir') {
    lines.push(`samples quantiles from a uniform reservoir of ${int(r.samples_info.kept)} of ${int(r.samples_info.seen)}; min, mean and max over all`);
  }
  lines.push('');
  if (r.exit_time.rows.length) lines.push(...perfKvmStat(r), '');
  lines.push('pCPU     guest     host     poll    other     idle');
  r.pcpu.forEach((p, i) => {
    const t = p.guest_ns + p.host_ns + p.poll_ns + p.other_ns + p.idle_ns || 1;
    const cells = [p.guest_ns, p.host_ns, p.poll_ns, p.other_ns, p.idle_ns].map((x) => pct(x / t).padStart(9));
    lines.push(`${String(i).padEnd(4)}${cells.join('')}`);
  });
  if (r.timeline) lines.push('', ...timelineText(r.timeline));
  return lines.join('\n');
}

/** The timeline in brief: each lane's share of the window by state, its spans, and the marks by kind (--json has every span). */
function timelineText(t: Timeline): string[] {
  const width = t.end_ns - t.start_ns;
  const out = [`timeline ${int(t.start_ns)} – ${int(t.end_ns)} ns${t.truncated ? '  (truncated: the trace buffer filled)' : ''}`];
  const lane = (head: string, states: readonly string[], lanes: TimelineSpan<string>[][]) => {
    out.push(head.padEnd(4) + states.map((s) => s.padStart(9)).join('') + 'spans'.padStart(9));
    lanes.forEach((spans, i) => {
      const ns = (s: string) => spans.reduce((a, x) => a + (x.state === s ? x.end_ns - x.start_ns : 0), 0);
      out.push(String(i).padEnd(4) + states.map((s) => pct(width > 0 ? ns(s) / width : 0).padStart(9)).join('') + int(spans.length).padStart(9));
    });
  };
  lane('pCPU', ['guest', 'host', 'poll', 'other', 'idle'], t.pcpus);
  lane('vCPU', ['guest', 'exit', 'poll', 'blocked', 'runnable'], t.vcpus);
  const kinds = ['exit', 'entry', 'inject', 'kick'] as const;
  out.push('marks   ' + kinds.map((k) => `${k} ${int(t.marks.filter((m) => m.kind === k).length)}`).join('   '));
  return out;
}

/** perf kvm stat report's layout (tools/perf/builtin-kvm.c), times in µs. */
function perfKvmStat(r: RunResult): string[] {
  const us = (ns: number) => (ns / 1000).toFixed(2) + 'us';
  const out = ['             VM-EXIT    Samples  Samples%     Time%    Min Time    Max Time         Avg time', ''];
  for (const x of r.exit_time.rows) {
    out.push(
      x.reason.padStart(20) + String(x.samples).padStart(11) + (x.samples_pct.toFixed(2) + '%').padStart(10) +
        (x.time_pct.toFixed(2) + '%').padStart(10) + us(x.min_ns).padStart(12) + us(x.max_ns).padStart(12) +
        us(x.mean_ns).padStart(12) + ` ( +-${x.stddev_pct.toFixed(2).padStart(7)}% )`,
    );
  }
  out.push('', `Total Samples:${r.exit_time.total_samples}, Total events handled time:${(r.exit_time.total_time_ns / 1000).toFixed(2)}us.`);
  return out;
}
