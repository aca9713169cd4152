// The kvmplay command line: list scenarios, run one with name=value
// parameters. Errors are one line on stderr and exit status 2; never a stack.
import { SCENARIOS, PARAMS, describeRange, scenarioDefault } from '../web/sim/schema';
import { ParamError, requireScenario, parseAssignment, checkSeed } from '../web/sim/validate';
import { loadCore } from '../web/sim/node';
import { DEFAULT_SEED } from '../web/sim/core';
import { formatRun } from './table';

const USAGE = `usage:
  kvmplay scenarios [--json]
  kvmplay run <scenario> [name=value ...] [--seed N] [--json] [--samples]
  kvmplay help`;

class UsageError extends Error {}

interface Out {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Out = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
};

export async function main(argv: string[], io: Out = stdio): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof ParamError || e instanceof UsageError) {
      io.err(`kvmplay: ${e.message}`);
      return 2;
    }
    io.err(`kvmplay: ${e instanceof Error ? e.message : String(e)}`);
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
    default:
      throw new UsageError(`unknown command '${command}'\n${USAGE}`);
  }
}

function scenarios(args: string[], io: Out): number {
  const flags = parseFlags(args, ['--json']);
  if (flags.positional.length) throw new UsageError(`unexpected argument '${flags.positional[0]}'`);
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
  const flags = parseFlags(args, ['--json', '--samples', '--seed']);
  const [name, ...assignments] = flags.positional;
  if (!name) throw new UsageError(`run needs a scenario name (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  const spec = requireScenario(name);
  const params: Record<string, string> = {};
  for (const a of assignments) {
    const [k, v] = parseAssignment(a);
    if (Object.hasOwn(params, k)) throw new ParamError({ code: 'duplicate', param: k });
    params[k] = v;
  }
  const seed = flags.seed === undefined ? DEFAULT_SEED : checkSeed(flags.seed);
  const core = await loadCore();
  const result = core.run({ scenario: spec.name, params, seed, samples: flags.samples });
  if (flags.json) io.out(JSON.stringify(result));
  else io.out(formatRun(result));
  if (result.status !== 'ok') {
    io.err(`kvmplay: ${result.message}`);
    return 3;
  }
  return 0;
}

function parseFlags(args: string[], allowed: string[]) {
  const out = { json: false, samples: false, seed: undefined as string | undefined, positional: [] as string[] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!allowed.includes(flag)) throw new UsageError(`unknown option '${flag}' (accepted: ${allowed.join(', ')})`);
    if (flag === '--json') out.json = true;
    else if (flag === '--samples') out.samples = true;
    else if (flag === '--seed') {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError('--seed needs a value: an integer 0 – 4294967295');
      out.seed = v;
    }
  }
  return out;
}
