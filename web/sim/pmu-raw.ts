// The PMU scenarios' raw result arrays (assembly/sim/pmu_stats.ts), read
// from the core's memory after a run. Copies, so a later run cannot change them.
import type { instantiate } from '../../build/core.js';

type CoreExports = Awaited<ReturnType<typeof instantiate>>;

export interface PmuRaw {
  /** vpmuStat by index (assembly/sim/pmu_stats.ts VS_*). */
  stat: number[];
  ctrRead: number[];
  ctrTruth: number[];
  ctrKind: number[];
  ctrStartNs: number[];
  ctrStopNs: number[];
  marks: { t_ns: number; reason: number }[];
  sampleHist: number[];
  truthHist: number[];
  /** vpmu-switch rows, PHASE_COLS columns each. */
  phases: number[][];
}

export function readPmuRaw(w: CoreExports): PmuRaw {
  const mem = w.memory.buffer;
  const stat = Array.from(new BigInt64Array(mem, w.vpmuStatPtr(), w.vpmuStatCount()), Number);
  const n = w.ctrSlots();
  const f = (ptr: number, len: number) => Array.from(new Float64Array(mem, ptr, len));
  const marksNs = f(w.markNsPtr(), w.markCount());
  const marksReason = Array.from(new Int32Array(mem, w.markReasonPtr(), w.markCount()));
  const cols = w.phaseCols();
  const rows = f(w.phaseRowsPtr(), w.phaseCount() * cols);
  const phases: number[][] = [];
  for (let i = 0; i < w.phaseCount(); i++) phases.push(rows.slice(i * cols, (i + 1) * cols));
  return {
    stat,
    ctrRead: f(w.ctrReadPtr(), n),
    ctrTruth: f(w.ctrTruthPtr(), n),
    ctrKind: Array.from(new Int32Array(mem, w.ctrKindPtr(), n)),
    ctrStartNs: f(w.ctrStartPtr(), n),
    ctrStopNs: f(w.ctrStopPtr(), n),
    marks: marksNs.map((t, i) => ({ t_ns: t, reason: marksReason[i] })),
    sampleHist: f(w.sampleHistPtr(), w.listingSlots()),
    truthHist: f(w.truthHistPtr(), w.listingSlots()),
    phases,
  };
}
