// The PMU scenarios' headline tiles: the figures a learner should take away
// from perf stat (exits to enable and disable, start spread, worst counting
// error), perf record (skid as a distance, the precise level the samples
// really had, PMI latency) and vpmu-switch (reuse and mediated against the
// published figures, each with its source's id; the citations are in the
// panel below).
import type { RunResult } from '../../sim/core';
import type { Locale } from '../../lib/lesson-types';
import type { Tile } from '../StatTiles.svelte';
import { strings } from '../../lib/i18n';
import { pmuStrings } from '../../lib/pmu-i18n';
import { fmtInt, fmtNs } from '../../lib/format';
import { MEDIATED_OVERHEAD_PCT, MEDIATED_PMU, REUSE_FIGURES, S4_REUSE } from '../../sim/published';

interface Counter { counter: string; event: string; error_count: number; error_pct: number; start_ns: number }

/** +1,300 / −3 / exact: a signed count error. */
export function fmtError(err: number, exact: string): string {
  return err === 0 ? exact : `${err > 0 ? '+' : '−'}${fmtInt(Math.abs(err))}`;
}

/** +0.172 / −0.001: a signed error percentage as the model rounded it. */
export function fmtErrorPct(pct: number): string {
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)}`;
}

/** The published reuse speed-up of the guest PMI handler, legacy ÷ reuse of S4's two means, cut to 2 decimals as kvm-facts §7.2 quotes it (2.16×). */
export const PUBLISHED_SPEEDUP = Math.floor((100 * REUSE_FIGURES.handlerNsLegacy) / REUSE_FIGURES.handlerNsReuse) / 100;

export function pmuTiles(result: RunResult, locale: Locale): Tile[] {
  const label = strings(locale).tile;
  const p = pmuStrings(locale);
  const m = result.metrics as Record<string, unknown>;
  const out: Tile[] = [];
  const add = (key: keyof typeof label, value: number, text: string, note?: string) => out.push({ key, label: label[key], value, text, note });

  if (result.scenario === 'perf-stat') {
    const counters = (m.counters as Counter[]) ?? [];
    const enable = m.enable_msr_exits as number;
    const counted = counters.filter((c) => c.start_ns >= 0).length;
    const style = counted === 0 ? p.nothingCounted : enable === 0 ? undefined : enable === 1 && counted > 1 ? p.oneWrite : enable === counted && counted > 1 ? p.perCounter : undefined;
    add('enable_msr_exits', enable, fmtInt(enable), style);
    add('disable_msr_exits', m.disable_msr_exits as number, fmtInt(m.disable_msr_exits as number));
    const spread = m.start_spread_ns as number;
    add('start_spread', spread, fmtNs(spread), spread === 0 && counted > 1 ? p.sameStart : undefined);
    const maxAbs = m.error_count_max_abs as number;
    const worst = counters.find((c) => Math.abs(c.error_count) === maxAbs);
    if (worst && maxAbs > 0) {
      add('max_count_error', maxAbs, fmtError(worst.error_count, p.exact), `${p.errorOf(worst.counter, worst.event)} · ${fmtErrorPct(worst.error_pct)} %`);
    } else if (counted > 0) {
      add('max_count_error', 0, p.exact, p.allExact);
    }
  } else if (result.scenario === 'perf-record') {
    const samples = m.samples as number;
    const tvd = m.total_variation_distance as number;
    add('total_variation_distance', tvd, String(tvd), samples === 0 ? p.noSamples : undefined);
    const req = m.precise_requested as number;
    const eff = m.precise_effective as number;
    const virt = result.params.virt !== 'off';
    const note = m.pebs_cross_mapped
      ? p.preciseCross
      : eff < req
        ? p.preciseLacking(req, String(result.params.host), p.preciseWhere(virt, String(result.params.vpmu)))
        : samples > 0
          ? p.preciseAsked(eff)
          : undefined;
    add('precise_effective', eff, `precise=${eff}`, note);
    if (samples > 0) add('pmi_latency', m.pmi_latency_ns_mean as number, fmtNs(m.pmi_latency_ns_mean as number), p.handlerThen(fmtNs(m.pmi_handler_ns_mean as number)));
  } else if (result.scenario === 'vpmu-switch') {
    const cut = (m.reprogram_calls_cut_pct as Record<string, number>).basic;
    add('reprogram_cut', cut, `−${cut} %`, p.publishedBeside(`−${REUSE_FIGURES.reprogramCutPctGp} %`, S4_REUSE.id));
    const speedup = (m.pmi_handler_speedup as Record<string, number>).multiplex;
    add('handler_speedup', speedup, `${speedup}×`, p.publishedBeside(`${PUBLISHED_SPEEDUP}×`, S4_REUSE.id));
    const modes = m.modes as { vpmu: string; sampling: string; overhead_pct: number }[];
    for (const sampling of ['basic', 'multiplex'] as const) {
      const row = modes.find((r) => r.vpmu === 'mediated' && r.sampling === sampling);
      if (row) {
        add(`mediated_overhead_${sampling}`, row.overhead_pct, `${row.overhead_pct} %`, p.publishedBeside(`${MEDIATED_OVERHEAD_PCT[sampling].mediated} %`, MEDIATED_PMU.id));
      }
    }
  }
  return out;
}
