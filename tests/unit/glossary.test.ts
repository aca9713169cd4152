// The glossary loader: what the build requires (read from the model's
// sources, checked here against the running core), and that a missing or
// malformed entry fails with an error naming the file and the key.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../web/sim/node';
import { PARAMS, SCENARIOS, type EnumParam } from '../../web/sim/schema';
import { checkGlossaryTranslation, joinCjkLines, parseGlossary, sentenceCount, type RequiredKey } from '../../web/lib/glossary-format';
import { readRequired, requiredFrom, SOURCES } from '../../web/lib/glossary-required';
import { glossaryId, glossaryLookup } from '../../web/lib/glossary-types';
import { rawCore, hostConsistent } from './helpers';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');
const EN = 'lessons/glossary/en.yaml';
const ZH = 'lessons/glossary/zh-CN.yaml';
const enRaw = read(EN);
const zhRaw = read(ZH);
const { keys: required } = readRequired(root);
const sources = () => ({
  exitReasons: read(SOURCES.exitReasons),
  kvmStats: read(SOURCES.kvmStats),
  msrConsts: SOURCES.msrConsts.map(read),
  core: read(SOURCES.core),
  timeline: read(SOURCES.timeline),
});

/** The YAML without one top-level entry (its key line and the indented lines under it). */
function without(raw: string, key: string): string {
  const lines = raw.split('\n');
  const i = lines.indexOf(`${key}:`);
  if (i < 0) throw new Error(`no entry ${key}`);
  let j = i + 1;
  while (j < lines.length && /^\s+\S/.test(lines[j])) j++;
  return [...lines.slice(0, i), ...lines.slice(j)].join('\n');
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected an error');
}

describe('the glossaries as committed', () => {
  it('both locales explain every required key and the same keys', () => {
    const en = parseGlossary(EN, enRaw, required);
    const zh = parseGlossary(ZH, zhRaw, required);
    expect(() => checkGlossaryTranslation(ZH, en, zh)).not.toThrow();
    expect(en.entries.map((e) => e.key)).toEqual(zh.entries.map((e) => e.key));
    for (const d of [en, zh]) {
      const g = glossaryLookup(d);
      for (const r of required) expect(g.get(r.key), `${d.locale}: ${r.key}`).toBeDefined();
    }
  });

  it('an alias finds its entry: the SVM name, the rest of a counter family', () => {
    const g = glossaryLookup(parseGlossary(EN, enRaw, required));
    expect(g.get('exit:hlt')?.key).toBe('exit:HLT');
    expect(g.get('exit:msr')?.key).toBe('exit:msr'); // one SVM code for MSR_READ and MSR_WRITE: an entry of its own
    expect(g.get('msr:0x18d')?.key).toBe('msr:0x186');
    expect(g.get('msr:0xc001020b')?.key).toBe('msr:0xc0010201');
    expect(g.get('exit:CPUID')).toBeUndefined();
    expect(glossaryId('exit:HLT')).toBe('glossary-exit-HLT');
    expect(glossaryId('msr:0x830')).toBe('glossary-msr-0x830');
  });

  it('Chinese texts have no spaces left between characters by YAML’s line folding', () => {
    const zh = parseGlossary(ZH, zhRaw, required);
    for (const e of zh.entries) expect(e.text, e.key).not.toMatch(/[\u3400-\u9fff，。；：）]\s+[\u3400-\u9fff]/);
    expect(joinCjkLines('阻塞 在\n内核中， 然后 perf 读取')).toBe('阻塞在内核中，然后 perf 读取');
  });
});

describe('what the build requires matches the running model', () => {
  it('the MSRs are exactly the core’s tracked MSRs', async () => {
    const w = await rawCore();
    const tracked = Array.from({ length: w.trackedMsrCount() }, (_, s) => `msr:0x${(w.trackedMsr(s) >>> 0).toString(16)}`);
    expect(required.filter((r) => r.key.startsWith('msr:')).map((r) => r.key)).toEqual(tracked);
  });

  it('every counter a run carries, and every exit any scenario emits on any host, is required', async () => {
    const core = await loadCore();
    const need = new Set(required.map((r) => r.key));
    const seen = new Set<string>();
    for (const spec of SCENARIOS) {
      const enums = spec.params.filter((p) => PARAMS[p].kind === 'enum' && p !== 'host');
      const variants: Record<string, unknown>[] = [{}, ...enums.flatMap((p) => (PARAMS[p] as EnumParam).options.map((o) => ({ [p]: o })))];
      for (const host of (PARAMS.host as EnumParam).options) {
        for (const v of variants) {
          const params: Record<string, unknown> = hostConsistent({ ...v, host });
          if (spec.params.includes('duration_ns')) params.duration_ns = 5_000_000;
          if (spec.params.includes('iterations')) params.iterations = 30;
          const r = core.run({ scenario: spec.name, params, seed: 1 });
          for (const k of [...Object.keys(r.halt), ...Object.keys(r.kvm_stat)]) expect(need, `stat:${k}`).toContain(`stat:${k}`);
          for (const k of Object.keys(r.exits)) seen.add(`exit:${k}`);
        }
      }
    }
    // The runs reach the AMD names too (hlt, msr, …), and each needs an entry.
    expect(seen).toContain('exit:hlt');
    expect(seen).toContain('exit:MSR_WRITE');
    for (const k of seen) expect(need, k).toContain(k);
  });
});

describe('a glossary missing an entry fails, naming the file and the key', () => {
  it('an exit reason missing from English', () => {
    expect(errorOf(() => parseGlossary(EN, without(enRaw, 'exit:HLT'), required))).toContain(`${EN}: exit:HLT: missing (VMX exit reason 12`);
  });

  it('an MSR missing from Chinese', () => {
    expect(errorOf(() => parseGlossary(ZH, without(zhRaw, 'msr:0x830'), required))).toContain(`${ZH}: msr:0x830: missing`);
  });

  it('a counter and a state missing, both named', () => {
    const msg = errorOf(() => parseGlossary(ZH, without(without(zhRaw, 'stat:halt_wakeup'), 'state:runnable'), required));
    expect(msg).toContain(`${ZH}: stat:halt_wakeup: missing`);
    expect(msg).toContain(`${ZH}: state:runnable: missing`);
  });

  it('an SVM name dropped from its entry’s aliases', () => {
    const raw = enRaw.replace('  aliases: [exit:hlt]\n', '');
    expect(errorOf(() => parseGlossary(EN, raw, required))).toContain(`${EN}: exit:hlt: missing (the SVM name of exit reason 12`);
  });

  it('a reason the model gains is required at once: the glossary fails until it explains it', () => {
    const src = sources();
    src.exitReasons += '\nexport const EXIT_REASON_CPUID = 10;\n';
    const more = requiredFrom(src);
    const msg = errorOf(() => parseGlossary(EN, enRaw, more));
    expect(msg).toContain(`${EN}: exit:CPUID: missing`);
    expect(msg).toContain(`${EN}: exit:cpuid: missing`); // SVM's name for it too
  });

  it('an MSR the core starts tracking is required at once', () => {
    const src = sources();
    src.kvmStats = src.kvmStats.replace('export const TRACKED_MSRS: StaticArray<u32> = [', 'export const TRACKED_MSRS: StaticArray<u32> = [\n  0x600, // IA32_DS_AREA');
    expect(errorOf(() => parseGlossary(ZH, zhRaw, requiredFrom(src)))).toContain(`${ZH}: msr:0x600: missing`);
  });

  it('a source the reader no longer understands fails loudly instead of requiring nothing', () => {
    const src = sources();
    src.kvmStats = src.kvmStats.replace('TRACKED_MSRS', 'WATCHED_MSRS');
    expect(errorOf(() => requiredFrom(src))).toContain(`cannot read TRACKED_MSRS from ${SOURCES.kvmStats}`);
  });

  it('a translation that misses a key English explains, or explains one English does not', () => {
    const none: RequiredKey[] = [];
    const cpuid = (raw: string) => raw.replace(/\n(# ── M)/, '\nexit:CPUID:\n  term: CPUID\n  text: The guest ran CPUID.\n\n$1');
    const en = parseGlossary(EN, enRaw, none);
    const zh = parseGlossary(ZH, zhRaw, none);
    expect(errorOf(() => checkGlossaryTranslation(ZH, parseGlossary(EN, cpuid(enRaw), none), zh))).toContain(`${ZH}: exit:CPUID: missing (the English glossary explains it)`);
    expect(errorOf(() => checkGlossaryTranslation(ZH, en, parseGlossary(ZH, cpuid(zhRaw), none)))).toContain(`${ZH}: exit:CPUID: not in the English glossary`);
    const moved = zhRaw.replace('  aliases: [exit:hlt]\n', '').replace('  aliases: [exit:pause]\n', '  aliases: [exit:pause, exit:hlt]\n');
    expect(errorOf(() => checkGlossaryTranslation(ZH, en, parseGlossary(ZH, moved, none)))).toContain(`${ZH}: exit:hlt: explained by exit:PAUSE_INSTRUCTION here but by exit:HLT in English`);
  });
});

describe('a malformed entry fails, naming the file and the key', () => {
  const one = (entry: string) => `exit:HLT:\n${entry}\n`;
  const none: RequiredKey[] = [];
  it.each([
    ['no text', one('  term: HLT'), "exit:HLT: needs a non-empty 'text'"],
    ['more than three sentences', one('  term: HLT\n  text: One. Two. Three. Four.'), 'exit:HLT: text is 1–3 sentences, this one has 4'],
    ['Chinese sentences counted too', one('  term: HLT\n  text: 一。二。三。四。'), 'exit:HLT: text is 1–3 sentences, this one has 4'],
    ['an unknown field', one('  term: HLT\n  txt: typo\n  text: Halts.'), "exit:HLT: unknown field 'txt'"],
    ['a see-also to nothing', one('  term: HLT\n  text: Halts.\n  see: [stat:nope]'), "exit:HLT: see: no entry for 'stat:nope' in this file"],
    ['HTML in the text', one('  term: HLT\n  text: Halts <b>now</b>.'), 'exit:HLT: text is Markdown without HTML tags'],
    ['a bad MSR key', 'msr:0x83G:\n  term: x\n  text: y.\n', 'msr:0x83G: an MSR key is msr:0x'],
    ['an unknown kind of key', 'param:halt_poll_ns:\n  term: x\n  text: y.\n', 'param:halt_poll_ns: a key is exit:'],
    ['an alias explained twice', 'exit:HLT:\n  term: a\n  text: b.\n  aliases: [exit:hlt]\nexit:PAUSE_INSTRUCTION:\n  term: c\n  text: d.\n  aliases: [exit:hlt]\n', "exit:PAUSE_INSTRUCTION: 'exit:hlt' is already explained by exit:HLT"],
  ])('%s', (_, raw, want) => {
    expect(errorOf(() => parseGlossary(EN, raw, none))).toContain(`${EN}: ${want}`);
  });

  it('YAML that does not parse, or a duplicate key', () => {
    expect(errorOf(() => parseGlossary(ZH, 'exit:HLT: [unclosed', none))).toContain(`${ZH}: not valid YAML`);
    expect(errorOf(() => parseGlossary(ZH, 'exit:HLT:\n  term: a\n  text: b.\nexit:HLT:\n  term: a\n  text: b.\n', none))).toContain('duplicated mapping key');
  });

  it('a file outside lessons/glossary/<locale>.yaml', () => {
    expect(errorOf(() => parseGlossary('lessons/glossary/fr.yaml', 'exit:HLT:\n  term: a\n  text: b.\n', none))).toContain("unknown locale 'fr'");
  });

  it('sentences: stops followed by a space or the end, English and Chinese', () => {
    expect(sentenceCount('kvm_vcpu_block sleeps. 0.5 µs later it wakes.')).toBe(2);
    expect(sentenceCount('没有句号')).toBe(1);
    expect(sentenceCount('一句。两句！')).toBe(2);
  });
});
