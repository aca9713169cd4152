// What the glossary must explain, read from the model's own sources at build
// time, so a reason, MSR or counter added to the model fails the build until
// both glossaries explain it:
//   - every VMX exit reason the core declares (assembly/hw/exit_reason.ts),
//     by its kernel name, and its SVM name where an AMD host prints another;
//   - every MSR whose writes KVM's tally tracks (assembly/kvm/kvm_stats.ts
//     TRACKED_MSRS), keyed as a run names it (msr:0x830);
//   - every kvm_stat and halt-polling counter a run carries (web/sim/core.ts
//     KVM_STAT_NAMES, HALT_STAT_NAMES, and the kvm_stat fields set beside them);
//   - every state a timeline lane can be in (web/sim/timeline-types.ts).
// tests/unit/glossary.test.ts checks these readings against the running core.
// Node only; never shipped (imports carry .ts: vite.config.ts loads this file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HighlightKey } from './highlight.svelte.ts';
import type { RequiredKey } from './glossary-format.ts';
import { SVM_EXIT_NAMES, VMX_EXIT_REASONS } from '../sim/exit_reasons.ts';

export const SOURCES = {
  exitReasons: 'assembly/hw/exit_reason.ts',
  kvmStats: 'assembly/kvm/kvm_stats.ts',
  msrConsts: ['assembly/hw/msr.ts', 'assembly/hw/pmu.ts'],
  core: 'web/sim/core.ts',
  timeline: 'web/sim/timeline-types.ts',
} as const;

function fail(file: string, why: string): never {
  throw new Error(`glossary: cannot read ${why} from ${file}; update web/lib/glossary-required.ts to match it`);
}

/** `export const EXIT_REASON_HLT = 12;` → HLT: 12 (EXIT_REASON_SLOTS is a size, not a reason). */
export function exitReasonCodes(src: string, file = SOURCES.exitReasons): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of src.matchAll(/export const EXIT_REASON_([A-Z0-9_]+)(?::\s*\w+)?\s*=\s*(\d+)\s*;/g)) {
    if (m[1] !== 'SLOTS') out.set(m[1], Number(m[2]));
  }
  if (out.size === 0) fail(file, 'any EXIT_REASON_* constant');
  return out;
}

/** `export const MSR_X2APIC_ICR: u32 = 0x830;` → MSR_X2APIC_ICR: 0x830. */
export function msrConstants(src: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of src.matchAll(/export const (MSR_[A-Z0-9_]+)\s*:\s*u32\s*=\s*(0x[0-9a-fA-F]+|\d+)\s*;/g)) out.set(m[1], Number(m[2]));
  return out;
}

/** The TRACKED_MSRS list: hex literals and named constants (with or without a module prefix). */
export function trackedMsrs(src: string, consts: ReadonlyMap<string, number>, file = SOURCES.kvmStats): number[] {
  const m = /export const TRACKED_MSRS\s*:\s*StaticArray<u32>\s*=\s*\[([\s\S]*?)\];/.exec(src);
  if (!m) fail(file, 'TRACKED_MSRS');
  const body = m[1].replace(/\/\/.*$/gm, '');
  const out: number[] = [];
  for (const tok of body.split(',').map((t) => t.trim()).filter(Boolean)) {
    if (/^(0x[0-9a-fA-F]+|\d+)$/.test(tok)) out.push(Number(tok));
    else {
      const name = tok.replace(/^\w+\./, '');
      const v = consts.get(name);
      if (v === undefined) fail(file, `the value of ${tok} in TRACKED_MSRS`);
      out.push(v);
    }
  }
  if (out.length === 0) fail(file, 'any MSR in TRACKED_MSRS');
  return out;
}

/** The names in `const NAME = [ 'a', 'b' ] as const;`. */
function stringList(src: string, name: string, file: string): string[] {
  const m = new RegExp(`const ${name}\\s*=\\s*\\[([\\s\\S]*?)\\]`).exec(src);
  if (!m) fail(file, name);
  const names = [...m[1].matchAll(/'([a-z0-9_]+)'/g)].map((x) => x[1]);
  if (names.length === 0) fail(file, `any name in ${name}`);
  return names;
}

/** The counters a run carries: KVM_STAT_NAMES, HALT_STAT_NAMES, and kvm_stat fields set on their own (`kvmStat.blocking = …`). */
export function statNames(src: string, file = SOURCES.core): string[] {
  const extra = [...src.matchAll(/\bkvmStat\.([a-z0-9_]+)\s*=/g)].map((x) => x[1]);
  return [...new Set([...stringList(src, 'KVM_STAT_NAMES', file), ...stringList(src, 'HALT_STAT_NAMES', file), ...extra])];
}

/** The string members of `export type PcpuLaneState = 'guest' | …;` and of VcpuLaneState. */
export function laneStates(src: string, file = SOURCES.timeline): string[] {
  const out: string[] = [];
  for (const name of ['PcpuLaneState', 'VcpuLaneState']) {
    const m = new RegExp(`export type ${name}\\s*=([^;]+);`).exec(src);
    if (!m) fail(file, name);
    out.push(...[...m[1].matchAll(/'([a-z_]+)'/g)].map((x) => x[1]));
  }
  return [...new Set(out)];
}

const hex = (n: number) => '0x' + n.toString(16);

/** Every key the glossary must explain, from the sources' texts. */
export function requiredFrom(texts: {
  exitReasons: string;
  kvmStats: string;
  msrConsts: string[];
  core: string;
  timeline: string;
}): RequiredKey[] {
  const out: RequiredKey[] = [];
  const add = (key: HighlightKey, why: string) => {
    if (!out.some((r) => r.key === key)) out.push({ key, why });
  };
  for (const [name, code] of exitReasonCodes(texts.exitReasons)) {
    if (VMX_EXIT_REASONS[code] !== name) fail(SOURCES.exitReasons, `EXIT_REASON_${name} = ${code}: web/sim/exit_reasons.ts calls ${code} '${VMX_EXIT_REASONS[code]}'`);
    add(`exit:${name}`, `VMX exit reason ${code}, which the model can produce (${SOURCES.exitReasons})`);
    const svm = SVM_EXIT_NAMES[code];
    if (svm) add(`exit:${svm}`, `the SVM name of exit reason ${code} on an AMD host (web/sim/exit_reasons.ts)`);
  }
  const consts = new Map<string, number>();
  for (const t of texts.msrConsts) for (const [k, v] of msrConstants(t)) consts.set(k, v);
  for (const msr of trackedMsrs(texts.kvmStats, consts)) add(`msr:${hex(msr)}`, `an MSR the model tracks (${SOURCES.kvmStats} TRACKED_MSRS)`);
  for (const s of statNames(texts.core)) add(`stat:${s}`, `a counter the run results carry (${SOURCES.core})`);
  for (const s of laneStates(texts.timeline)) add(`state:${s}`, `a timeline lane state (${SOURCES.timeline})`);
  return out;
}

/** The required keys, read from the repository at `root`; `files` are the sources read (for the dev server to watch). */
export function readRequired(root: string): { keys: RequiredKey[]; files: string[] } {
  const read = (f: string) => readFileSync(join(root, f), 'utf8');
  const files = [SOURCES.exitReasons, SOURCES.kvmStats, ...SOURCES.msrConsts, SOURCES.core, SOURCES.timeline];
  const keys = requiredFrom({
    exitReasons: read(SOURCES.exitReasons),
    kvmStats: read(SOURCES.kvmStats),
    msrConsts: SOURCES.msrConsts.map(read),
    core: read(SOURCES.core),
    timeline: read(SOURCES.timeline),
  });
  return { keys, files: files.map((f) => join(root, f)) };
}
