// A lesson's terminal steps (front matter `terminal:`): each field is checked
// at build time and a wrong one fails with the file and the field named (an
// unknown command, a parameter outside the schema's range, a command run in
// the wrong place, a translation that asks for other steps); and lesson 04's
// own steps tick, in order, when the Node shell runs what their text says.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTranslation, LessonError, parseLesson as parseWith } from '../../web/lib/lesson-format';
import { lessonRules } from '../../web/lib/lesson-rules';
import { watchSteps } from '../../web/terminal/steps';
import { nodeShell } from '../../web/terminal/node';
import { transcript } from './shell-helpers';

const PATH = 'lessons/99-test/en.md';
const RULES = lessonRules();
/** The least front matter a lesson needs besides its steps (lessons/FORMAT.md). */
const MIN =
  'title: T\nsummary: S\nsources: [S1]\nstart: { scenario: ipi-hlt }\ncontrols: [halt_poll_ns]\nwidgets: [headline]\n' +
  'goal: { text: G, all: [{ metric: metrics.wake_latency_ns.p50, below: 2000 }] }\nsolution: { params: { halt_poll_ns: 0 } }\nrecap: [a, b]\n';
const BODY = '\nBody.\n\n<!-- lab -->\n';
const parseLesson = (path: string, raw: string) => parseWith(path, raw, RULES);
const lesson04 = (locale: string) => {
  const path = fileURLToPath(new URL(`../../lessons/04-ipi-hlt/${locale}.md`, import.meta.url));
  return parseLesson(path, readFileSync(path, 'utf8'));
};

/** A lesson whose front matter ends with the given `terminal:` YAML. */
function withSteps(yaml: string, path = PATH) {
  return parseLesson(path, `---\n${MIN}${yaml}\n---\n${BODY}`);
}

function failure(yaml: string): string {
  try {
    withSteps(yaml);
  } catch (e) {
    expect(e).toBeInstanceOf(LessonError);
    return (e as Error).message;
  }
  throw new Error('the lesson was accepted');
}

const step = (fields: string) => `terminal:\n  - { id: a, text: "Do it.", ${fields} }`;

describe('terminal steps in the front matter', () => {
  it('parses a step: ids, command, args, where, typed params and the text as inline HTML', () => {
    const l = withSteps(
      'terminal:\n' +
        '  - { id: off, command: netperf, where: guest, params: { halt_poll_ns: "0", idle: halt }, text: "Run `netperf` **again**." }\n' +
        '  - { id: stat, command: perf, args: [kvm, stat], text: "perf kvm stat" }',
    );
    expect(l.terminal).toEqual([
      { id: 'off', command: 'netperf', where: 'guest', params: { halt_poll_ns: 0, idle: 'halt' }, text: 'Run <code>netperf</code> <strong>again</strong>.' },
      { id: 'stat', command: 'perf', args: ['kvm', 'stat'], text: 'perf kvm stat' },
    ]);
    // The value from YAML's string "0" is the number the machine's params hold.
    expect(typeof l.terminal[0].params!.halt_poll_ns).toBe('number');
  });

  it('a lesson without the field has no steps', () => {
    expect(parseLesson(PATH, `---\n${MIN}---\n${BODY}`).terminal).toEqual([]);
  });

  it('an unknown command is refused with the file, the field and the known commands', () => {
    const m = failure(step('command: netpref'));
    expect(m).toMatch(/^lessons\/99-test\/en\.md: terminal\[0\]\.command: unknown command 'netpref' \(known: .*\bnetperf\b.*\)$/);
    expect(m).toContain('kvm_stat');
  });

  it('a parameter out of the schema\'s range names the accepted range (the CLI\'s wording)', () => {
    expect(failure(step('command: netperf, params: { halt_poll_ns: -5 }'))).toBe(
      'lessons/99-test/en.md: terminal[0].params: halt_poll_ns=-5 is out of range: expected 0 – 10000000 ns',
    );
    expect(failure(step('command: netperf, params: { halt_poll_ns: 1.5 }'))).toBe(
      'lessons/99-test/en.md: terminal[0].params: halt_poll_ns=1.5 is not an integer: expected 0 – 10000000 ns',
    );
    expect(failure(step('command: netperf, params: { idle: spin }'))).toMatch(
      /terminal\[0\]\.params: idle=spin is not accepted: expected halt \| poll \| haltpoll/,
    );
  });

  it('a parameter the terminal\'s machine never sets is unknown (the step could never tick)', () => {
    const m = failure(step('command: netperf, params: { delay_ns: 1000 }'));
    expect(m).toMatch(/terminal\[0\]\.params: unknown parameter 'delay_ns' \(known: .*\bhalt_poll_ns\b/);
    expect(failure(step('command: netperf, params: { nosuch: 1 }'))).toContain("unknown parameter 'nosuch'");
    expect(failure(step('command: netperf, params: { halt_poll_ns: [0] }'))).toContain('terminal[0].params.halt_poll_ns must be a number or a word');
  });

  it('where: only host or guest, and where the command runs', () => {
    expect(failure(step('command: netperf, where: vm'))).toContain("terminal[0].where: 'vm' is not accepted: expected host | guest");
    expect(failure(step('command: netperf, where: host'))).toContain("terminal[0].where: 'netperf' runs only on the guest, not on the host");
    expect(failure(step('command: kvm_stat, where: guest'))).toContain("'kvm_stat' runs only on the host");
    expect(withSteps(step('command: cat, where: guest')).terminal[0].where).toBe('guest');
  });

  it('every other wrong field is named', () => {
    expect(failure('terminal: netperf')).toContain("'terminal' must be a non-empty list of steps");
    expect(failure('terminal: []')).toContain("'terminal' must be a non-empty list of steps");
    expect(failure('terminal: [netperf]')).toContain('terminal[0] must be a mapping');
    expect(failure(step('command: netperf, colour: red'))).toContain("terminal[0]: unknown field 'colour' (known: id, command, args, where, params, text)");
    expect(failure('terminal:\n  - { id: a, command: netperf }')).toContain('terminal[0].text must be a non-empty string');
    expect(failure('terminal:\n  - { id: "A b", command: netperf, text: x }')).toContain("terminal[0].id 'A b' must be lower-case");
    expect(failure('terminal:\n  - { id: a, command: netperf, text: x }\n  - { id: a, command: cat, text: y }')).toContain(
      "terminal[1].id 'a' is used twice",
    );
    expect(failure(step('command: perf, args: kvm'))).toContain('terminal[0].args must be a non-empty list');
    expect(failure(step('command: perf, args: [kvm, 3]'))).toContain('terminal[0].args must be a non-empty list');
    expect(failure(step('command: netperf, params: {}'))).toContain('terminal[0].params must be a mapping');
  });

  it('a translation must ask for the same steps as the English lesson', () => {
    const en = withSteps(step('command: netperf, where: guest'));
    const same = withSteps('terminal:\n  - { id: a, command: netperf, where: guest, text: "运行。" }', 'lessons/99-test/zh-CN.md');
    expect(() => checkTranslation('lessons/99-test/zh-CN.md', en, same)).not.toThrow();
    const other = withSteps(step('command: netperf, where: guest, params: { halt_poll_ns: 0 }'), 'lessons/99-test/zh-CN.md');
    expect(() => checkTranslation('lessons/99-test/zh-CN.md', en, other)).toThrow(
      /^lessons\/99-test\/zh-CN\.md: 'terminal' must list the same steps as the English lesson/,
    );
    const none = parseLesson('lessons/99-test/zh-CN.md', `---\n${MIN}---\n${BODY}`);
    expect(() => checkTranslation('lessons/99-test/zh-CN.md', en, none)).toThrow(/here: none/);
  });
});

describe('lesson 01\'s steps', () => {
  it('both languages carry the same steps', () => {
    const en = lesson04('en');
    expect(en.terminal.map((s) => s.id)).toEqual(['netperf-polling', 'poll-counters', 'netperf-no-poll']);
    expect(() => checkTranslation('zh-CN.md', en, lesson04('zh-CN'))).not.toThrow();
  });

  it('tick in order as the commands their text gives are typed, and not before', async () => {
    const steps = lesson04('en').terminal;
    const sh = nodeShell({});
    const ticked: string[] = [];
    watchSteps(sh, steps, (id) => ticked.push(id));
    const run = (lines: string[]) => transcript(sh, lines);
    // netperf on the host, or a cat of another file, is not a step.
    await run(['netperf -t TCP_RR -l 1', 'cat /sys/kernel/debug/kvm/halt_attempted_poll']);
    expect(ticked).toEqual([]);
    await run(['ssh guest', 'netperf -t TCP_RR -l 1']);
    expect(ticked).toEqual(['netperf-polling']);
    await run(['exit', 'cat /sys/kernel/debug/kvm/halt_successful_poll']);
    expect(ticked).toEqual(['netperf-polling', 'poll-counters']);
    // Setting the knob is not enough: netperf must run with it.
    await run(['echo 0 > /sys/module/kvm/parameters/halt_poll_ns']);
    expect(ticked).toHaveLength(2);
    const text = await run(['ssh guest', 'netperf -t TCP_RR -l 1']);
    expect(ticked).toEqual(['netperf-polling', 'poll-counters', 'netperf-no-poll']);
    // What the step's text promises: the rate falls without polling (46607 → 33767 for seed 1).
    expect(text).toMatch(/1\.00\s+33767\.00/);
  });
});
