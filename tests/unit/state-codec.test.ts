// The packed URL state (web/lib/state-codec.ts, widget-state.ts): any state
// packs and unpacks to the same scenario, parameters and seed; the seed is
// always written; a cut-short, foreign-version or malformed value is a
// problem, never an exception; values inside are validated like typed ones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { packState, unpackState, STATE_VERSION } from '../../web/lib/state-codec';
import { packExploreState, parseWidgetQuery } from '../../web/lib/widget-state';
import { parseExploreQuery, defaultExploreState } from '../../web/lib/explore-url';
import { allWidgets, findWidget, LESSON_WIDGETS } from '../../web/embed/catalogue';
import { SCENARIOS, PARAMS } from '../../web/sim/schema';
import { EMBED_KEYS, checkOrigin, parseEmbedOptions } from '../../web/embed/options';

const arbState = fc.constantFrom(...SCENARIOS).chain((spec) =>
  fc.record({
    scenario: fc.constant(spec.name),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    params: fc.record(
      Object.fromEntries(
        spec.params.map((name) => {
          const p = PARAMS[name];
          return [name, p.kind === 'int' ? fc.integer({ min: p.min, max: Math.min(p.max, Number.MAX_SAFE_INTEGER) }) : fc.constantFrom(...p.options)];
        }),
      ),
    ),
  }),
);

describe('packed state', () => {
  it('round-trips every scenario, parameter set and seed through the explorer query', () => {
    fc.assert(
      fc.property(arbState, (s) => {
        const q = new URLSearchParams([['s', packExploreState(s)]]);
        const { state, problems } = parseExploreQuery(q);
        // Values the host cannot have are corrected with a problem; otherwise exact.
        if (problems.length === 0) {
          expect(state.scenario).toBe(s.scenario);
          expect(state.seed).toBe(s.seed);
          expect(state.params).toEqual(s.params);
        } else {
          expect(problems.every((p) => p.code === 'unavailable_on_host')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('always carries the seed and the version, and only changed parameters', () => {
    const packed = packExploreState(defaultExploreState('tcp-rr'));
    expect(packed.startsWith(`${STATE_VERSION}.`)).toBe(true);
    const json = JSON.parse(LZString.decompressFromEncodedURIComponent(packed.slice(2))!);
    expect(json).toEqual({ sc: 'tcp-rr', p: {}, seed: 1 });
  });

  it('reports a cut-short, unknown-version or malformed value and never throws', () => {
    const good = packState({ scenario: 'idle', params: { vcpus: 2 }, seed: 3 });
    expect(unpackState(good)).toEqual({ entries: [['scenario', 'idle'], ['vcpus', '2'], ['seed', '3']] });
    expect(unpackState(good.slice(0, 8))).toHaveProperty('problem.code', 'bad_state');
    expect(unpackState(`7.${good.slice(2)}`)).toHaveProperty('problem.code', 'state_version');
    for (const raw of ['', 'x', '1.', '1.!!!', `1.${LZString.compressToEncodedURIComponent('[1,2]')}`, `1.${LZString.compressToEncodedURIComponent('{"p":{"a":{}}}')}`]) {
      expect(unpackState(raw)).toHaveProperty('problem.code', 'bad_state');
    }
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (raw) => void unpackState(raw)));
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (raw) => void unpackState(`1.${raw}`)));
  });

  it('validates what it carries: an out-of-range value is a problem and its default stands in', () => {
    const q = new URLSearchParams([['s', packState({ scenario: 'tcp-rr', params: { vcpus: 99, bogus: 1 }, seed: 2 })]]);
    const { state, problems } = parseExploreQuery(q);
    expect(state.params.vcpus).toBe(2);
    expect(state.seed).toBe(2);
    expect(problems.map((p) => p.code).sort()).toEqual(['out_of_range', 'unknown_param']);
  });

  it('a plain key wins over its packed value', () => {
    const q = new URLSearchParams([['s', packState({ scenario: 'tcp-rr', params: { vcpus: 4 }, seed: 2 })], ['vcpus', '1']]);
    expect(parseExploreQuery(q).state.params.vcpus).toBe(1);
  });
});

describe('widgets', () => {
  it('every scenario of the schema and every lesson widget is an embeddable widget', () => {
    const names = allWidgets().map((w) => w.name);
    for (const s of SCENARIOS) expect(names).toContain(`explore-${s.name}`);
    for (const w of LESSON_WIDGETS) expect(names).toContain(w.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the lesson widget reads its own parameters and names the others', () => {
    const def = findWidget('ipi-hlt')!;
    const q = new URLSearchParams([['s', packState({ scenario: 'ipi-hlt', params: { halt_poll_ns: 0, iterations: 5 }, seed: 9 })], ['theme', 'dark']]);
    const { state, problems } = parseWidgetQuery(def, q, EMBED_KEYS);
    expect(state.params.halt_poll_ns).toBe(0);
    expect(state.seed).toBe(9);
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown_param', param: 'iterations' })]);
    const other = parseWidgetQuery(def, new URLSearchParams([['s', packState({ scenario: 'idle', params: {}, seed: 1 })]]), EMBED_KEYS);
    expect(other.problems).toEqual([expect.objectContaining({ code: 'wrong_scenario', value: 'idle' })]);
  });

  it('embed options: allowed origins are bare http(s) origins; bad options are named', () => {
    expect(checkOrigin('https://blog.example.org')).toBe('https://blog.example.org');
    expect(checkOrigin('http://localhost:8080/')).toBe('http://localhost:8080');
    for (const bad of ['javascript:alert(1)', 'https://a.example/path', 'https://u:p@a.example', 'ftp://a.example', '*', 'null']) expect(checkOrigin(bad)).toBeNull();
    const { options, problems } = parseEmbedOptions(new URLSearchParams('controls=few&readonly&theme=dark&origin=https://a.example,nope'));
    expect(options).toEqual({ controls: 'all', readonly: true, theme: 'dark', locale: null, origins: ['https://a.example'] });
    expect(problems.map((p) => p.value)).toEqual(['few', 'nope']);
  });
});
