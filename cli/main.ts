// The kvmplay command line: list scenarios, run one with name=value
// parameters. Errors are one line on stderr and exit status 2; never a stack.
import { SCENARIOS, PARAMS, describeRange, scenarioDefault } from '../web/sim/schema';
import { ParamError, requireScenario, parseAssignment, checkSeed, SEED_MAX } from '../web/sim/validate';
import { describeProblem, showValue } from '../web/sim/problem';
import { loadCore } from '../web/sim/node';
import { DEFAULT_SEED } from '../web/sim/core';
import { formatRun } from './table';
import type { TimelineRequest } from '../web/sim/timeline-types';
import { TIMELINE_NS_MAX } from '../web/sim/timeline';
import { shell, SHELL_USAGE } from './shell';

const USAGE = `usage:
  kvmplay scenarios [--json]
  kvmplay run <scenario> [name=value ...] [--seed N] [--json] [--samples] [--timeline [start_ns:duration_ns]]
  kvmplay help
${SHELL_USAGE}`;

const COMMANDS = ['scenarios', 'run', 'shell', 'help'];

interface Out {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Out = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
};

/** Longest echo of an unexpected error's text (it may quote input). */
const ERROR_MAX = 300;

export async function main(argv: string[], io: Out = stdio): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    // Every message is one line: a problem with input is worded by
    // describeProblem (the echoed input escaped and capped); anything else
    // is escaped the same way.
    if (e instanceof ParamError) {
      io.err(`kvmplay: ${describeProblem(e.problem)}`);
      return 2;
    }
    io.err(`kvmplay: ${showValue(e instanceof Error ? e.message : String(e), ERROR_MAX)}`);
    return 1;
  }
}

async function dispatch(argv: string[], io: Out): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    case 'scenarios':
      return scenarios(rest, io);
    case 'run':
      return run(rest, io);
    case 'shell':
      return shell(rest, io, readStdin);
    default:
      throw new ParamError({ code: 'unknown_command', value: command, known: COMMANDS });
  }
}

function scenarios(args: string[], io: Out): number {
  const flags = parseFlags(args, ['--json']);
  if (flags.positional.length) throw new ParamError({ code: 'unexpected_argument', value: flags.positional[0] });
  if (flags.json) {
    io.out(JSON.stringify(SCENARIOS.map((s) => ({ name: s.name, title: s.title, summary: s.summary, params: s.params.map((p) => ({ ...PARAMS[p], default: scenarioDefault(s, p) })) })), null, 2));
    return 0;
  }
  for (const s of SCENARIOS) {
    io.out(`${s.name} — ${s.title}`);
    io.out(`  ${s.summary}`);
    for (const name of s.params) {
      const p = PARAMS[name];
      io.out(`  ${name.padEnd(28)} default ${String(scenarioDefault(s, name)).padEnd(12)} range ${describeRange(p).padEnd(22)} ${p.description}`);
    }
  }
  return 0;
}

async function run(args: string[], io: Out): Promise<number> {
  const flags = parseFlags(args, ['--json', '--samples', '--seed', '--timeline']);
  const [name, ...assignments] = flags.positional;
  if (!name) throw new ParamError({ code: 'missing_scenario', known: SCENARIOS.map((s) => s.name) });
  const spec = requireScenario(name);
  // No prototype: '__proto__', 'constructor' or 'toString' is a name like any
  // other, so it is refused as an unknown parameter, never swallowed.
  const params: Record<string, string> = Object.create(null);
  for (const a of assignments) {
    const [k, v] = parseAssignment(a);
    // An unknown name is reported as unknown even when repeated.
    if (!spec.params.includes(k)) throw new ParamError({ code: 'unknown_param', param: k, scenario: spec.name, known: spec.params });
    if (Object.hasOwn(params, k)) throw new ParamError({ code: 'duplicate', param: k });
    params[k] = v;
  }
  const seed = flags.seed === undefined ? DEFAULT_SEED : checkSeed(flags.seed);
  const core = await loadCore();
  const timeline = flags.timeline === undefined ? undefined : parseTimeline(flags.timeline);
  const result = core.run({ scenario: spec.name, params, seed, samples: flags.samples, timeline });
  if (flags.json) io.out(JSON.stringify(result));
  else io.out(formatRun(result));
  if (result.status !== 'ok') {
    io.err(`kvmplay: ${showValue(result.message ?? result.status, ERROR_MAX)}`);
    return 3;
  }
  return 0;
}

/** Standard input's text when it is not a terminal; null on a terminal. */
async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

/**
 * --timeline's value: `start_ns:duration_ns`, either side left empty for the
 * scenario's default (web/sim/timeline.ts); no value at all: both defaults.
 */
const TIMELINE_VALUE = /^(\d*):(\d*)$/;

function parseTimeline(value: string): TimelineRequest {
  const m = TIMELINE_VALUE.exec(value);
  if (!m) throw new ParamError({ code: 'bad_timeline', value });
  const req: TimelineRequest = {};
  const num = (param: 'start_ns' | 'duration_ns', typed: string, min: number): number => {
    const v = Number(typed);
    // Echoed as typed: a number too large to be exact is not rounded in the message.
    if (!Number.isSafeInteger(v) || v < min) throw new ParamError({ code: 'bad_timeline', param, value: typed, min, max: TIMELINE_NS_MAX, unit: 'ns' });
    return v;
  };
  if (m[1] !== '') req.start_ns = num('start_ns', m[1], 0);
  if (m[2] !== '') req.duration_ns = num('duration_ns', m[2], 1);
  return req;
}

/** The options, like parameters: a fixed set, each at most once, a value only where one is taken (or may be). */
const OPTIONS: Record<string, { value: false } | { value: true; min: number; max: number } | { value: 'optional'; shown: string; looksLike: RegExp }> = {
  '--json': { value: false },
  '--samples': { value: false },
  '--seed': { value: true, min: 0, max: SEED_MAX },
  '--timeline': { value: 'optional', shown: '[start_ns:duration_ns]', looksLike: /^\d*:\d*$/ },
};

function shownOption(f: string): string {
  const o = OPTIONS[f];
  if (o?.value === 'optional') return `${f} ${o.shown}`;
  return o?.value ? `${f} N` : f;
}

function parseFlags(args: string[], allowed: string[]) {
  const out = {
    json: false, samples: false, seed: undefined as string | undefined, timeline: undefined as string | undefined, positional: [] as string[],
  };
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const [flag, inline] = eq >= 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const spec = allowed.includes(flag) && Object.hasOwn(OPTIONS, flag) ? OPTIONS[flag] : undefined;
    if (!spec) throw new ParamError({ code: 'unknown_option', value: flag, known: allowed.map(shownOption) });
    if (seen.has(flag)) throw new ParamError({ code: 'duplicate_option', param: flag });
    seen.add(flag);
    if (!spec.value) {
      if (inline !== undefined) throw new ParamError({ code: 'option_takes_no_value', param: flag, value: inline });
      if (flag === '--json') out.json = true;
      else if (flag === '--samples') out.samples = true;
      continue;
    }
    if (spec.value === 'optional') {
      // The next argument is its value only if it looks like one (a name=value parameter never does).
      const next = args[i + 1];
      const v = inline ?? (next !== undefined && spec.looksLike.test(next) ? args[++i] : ':');
      if (flag === '--timeline') out.timeline = v;
      continue;
    }
    const v = inline ?? args[++i];
    if (v === undefined) throw new ParamError({ code: 'option_needs_value', param: flag, min: spec.min, max: spec.max });
    if (flag === '--seed') out.seed = v;
  }
  return out;
}
