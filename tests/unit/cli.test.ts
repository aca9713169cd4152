// The kvmplay CLI: JSON shape, readable output, and bad input -> exit 2 with
// one line naming the value and the accepted range, never a stack trace.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main';

const BIN = fileURLToPath(new URL('../../cli/kvmplay.js', import.meta.url));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n'), errCalls: err.length };
}

/** The bin, as a user runs it: status, the whole stdout and the whole stderr. */
function bin(...argv: string[]) {
  const p = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: p.status, out: p.stdout, err: p.stderr };
}

/** The whole stderr is exactly one line, `kvmplay: ...`, with nothing raw in it (no CR, LF in the middle, ESC or other control character). */
function oneLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  const line = stderr.slice(0, -1);
  expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  expect(line.startsWith('kvmplay: ')).toBe(true);
  expect(line.length).toBeLessThan(400);
  return line;
}

/** In-process: one err() call holding one line. */
function oneErr(r: { errCalls: number; err: string }): string {
  expect(r.errCalls).toBe(1);
  return oneLine(r.err + '\n');
}

/** Spawn the bin and close its stdout early, as `| head -1` does; `when` is 'first-chunk' or 'at-once'. */
function closedPipe(when: 'first-chunk' | 'at-once', ...argv: string[]): Promise<{ code: number | null; signal: string | null; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (d: string) => (err += d));
    if (when === 'at-once') p.stdout.destroy();
    else p.stdout.once('data', () => p.stdout.destroy());
    p.on('error', reject);
    p.on('close', (code, signal) => resolve({ code, signal, err }));
  });
}

describe('kvmplay', () => {
  it('run --json prints exactly one JSON object with every effective parameter', async () => {
    const r = await cli('run', 'ipi-hlt', 'halt_poll_ns=0', '--seed', '7', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.scenario).toBe('ipi-hlt');
    expect(j.seed).toBe(7);
    expect(j.params).toEqual({
      host: 'snb-3.11', iterations: 2000, warmup: 10, delay_ns: 100000, virt: 'on', halt_poll_ns: 0,
      halt_poll_ns_grow: 2, halt_poll_ns_grow_start: 10000, halt_poll_ns_shrink: 0, halt_poll_policy: 'adaptive',
      host_cstates: 'off', ipiv: 'off',
    });
    for (const k of ['min', 'mean', 'p50', 'p90', 'p99', 'max']) {
      expect(typeof j.metrics.wake_latency_cycles[k]).toBe('number');
      expect(typeof j.metrics.wake_latency_ns[k]).toBe('number');
    }
    expect(Object.keys(j.metrics.segments_cycles)).toHaveLength(5);
    expect(j.samples).toBeUndefined();
  });

  it('the installed bin prints the same JSON as an in-process run', async () => {
    const p = spawnSync(process.execPath, [BIN, 'run', 'ipi-hlt', 'iterations=300', '--json'], { encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(p.stdout.trim().split('\n')).toHaveLength(1);
    const inProcess = await cli('run', 'ipi-hlt', 'iterations=300', '--json');
    expect(p.stdout.trim()).toBe(inProcess.out);
  });

  it('without --json prints a readable table', async () => {
    const r = await cli('run', 'ipi-hlt', 'virt=off', 'iterations=200');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wake_latency_cycles\s+[\d,]+/);
    expect(r.out).toContain('irq_dispatch');
  });

  it('scenarios lists every scenario with its parameters', async () => {
    const r = await cli('scenarios', '--json');
    const list = JSON.parse(r.out);
    expect(list.map((s: { name: string }) => s.name)).toContain('ipi-hlt');
    expect(list[0].params.find((p: { name: string }) => p.name === 'halt_poll_ns')).toMatchObject({ default: 200000, min: 0, unit: 'ns' });
    expect((await cli('scenarios')).out).toContain('halt_poll_ns');
  });

  const bad: [string[], RegExp][] = [
    [['run', 'no-such'], /^kvmplay: unknown scenario 'no-such' \(known: ipi-hlt, tcp-rr, idle, cpu-bound, spinlock, perf-stat, perf-record, vpmu-switch, nic, disk\)$/],
    [['run', 'ipi-hlt', 'bogus=1'], /^kvmplay: unknown parameter 'bogus'.*known: host, iterations.*\)$/],
    [['run', 'ipi-hlt', 'halt_poll_ns=-1'], /^kvmplay: halt_poll_ns=-1 is out of range: expected 0 – 10000000 ns$/],
    [['run', 'ipi-hlt', 'delay_ns=99999999999'], /^kvmplay: delay_ns=99999999999 is out of range: expected 1000 – 10000000 ns$/],
    [['run', 'ipi-hlt', 'iterations=1.5'], /^kvmplay: iterations=1.5 is not an integer: expected 1 – 100000$/],
    [['run', 'ipi-hlt', 'virt=maybe'], /^kvmplay: virt=maybe is not accepted: expected on \| off$/],
    [['run', 'ipi-hlt', 'halt_poll_ns'], /^kvmplay: 'halt_poll_ns' is not a name=value parameter$/],
    [['run', 'ipi-hlt', '--seed', '-3'], /^kvmplay: seed=-3 is not accepted: expected an integer 0 – 4294967295$/],
    [['run', 'ipi-hlt', '--frobnicate'], /^kvmplay: unknown option '--frobnicate' \(accepted: --json, --samples, --seed N, --timeline \[start_ns:duration_ns\]\)$/],
    [['run'], /^kvmplay: run needs a scenario name \(known: ipi-hlt, tcp-rr, idle, cpu-bound, spinlock, perf-stat, perf-record, vpmu-switch, nic, disk\)$/],
    [['explode'], /^kvmplay: unknown command 'explode' \(known: scenarios, run, shell, help\)$/],
  ];
  for (const [argv, msg] of bad) {
    it(`rejects ${argv.join(' ')} with status 2 and a one-line message`, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(oneErr(r)).toMatch(msg);
      expect(r.out).toBe('');
    });
  }

  it('the bin exits 2 without a stack trace', () => {
    const p = spawnSync(process.execPath, [BIN, 'run', 'ipi-hlt', 'halt_poll_ns=abc'], { encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr.trim()).toBe('kvmplay: halt_poll_ns=abc is not an integer: expected 0 – 10000000 ns');
    expect(p.stdout).toBe('');
  });

  describe('a closed stdout (EPIPE) ends the process quietly with status 0', () => {
    for (const when of ['first-chunk', 'at-once'] as const) {
      it(`kvmplay scenarios, reader gone (${when})`, async () => {
        const r = await closedPipe(when, 'scenarios');
        expect(r.err).toBe('');
        expect(r.signal).toBe(null);
        expect(r.code).toBe(0);
      });
    }
    it('kvmplay run --json, reader gone after the first chunk', async () => {
      const r = await closedPipe('first-chunk', 'run', 'ipi-hlt', 'iterations=50', '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    });
  });

  const KNOWN_IPI = 'host, iterations, warmup, delay_ns, virt, halt_poll_ns, halt_poll_ns_grow, halt_poll_ns_grow_start, halt_poll_ns_shrink, halt_poll_policy, host_cstates, ipiv';
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`${name}=1 is an unknown parameter, not run nor "given twice"`, async () => {
      const r = await cli('run', 'ipi-hlt', `${name}=1`, 'iterations=5');
      expect(r.code).toBe(2);
      expect(oneErr(r)).toBe(`kvmplay: unknown parameter '${name}' for scenario 'ipi-hlt' (known: ${KNOWN_IPI})`);
      expect(r.out).toBe('');
    });
  }

  it('__proto__ given twice is still an unknown parameter', async () => {
    const r = await cli('run', 'ipi-hlt', '__proto__=1', '__proto__=2');
    expect(oneErr(r)).toBe(`kvmplay: unknown parameter '__proto__' for scenario 'ipi-hlt' (known: ${KNOWN_IPI})`);
  });

  const flagCases: [string[], string][] = [
    [['run', 'ipi-hlt', '--seed', '1', '--seed', '2'], "option '--seed' given more than once"],
    [['run', 'ipi-hlt', '--seed=1', '--seed=1'], "option '--seed' given more than once"],
    [['run', 'ipi-hlt', '--json', '--json'], "option '--json' given more than once"],
    [['run', 'ipi-hlt', '--json=no'], "option '--json' takes no value (given '--json=no')"],
    [['run', 'ipi-hlt', '--json='], "option '--json' takes no value (given '--json=')"],
    [['run', 'ipi-hlt', '--samples=yes'], "option '--samples' takes no value (given '--samples=yes')"],
    [['scenarios', '--json=false'], "option '--json' takes no value (given '--json=false')"],
    [['run', 'ipi-hlt', '--seed'], "option '--seed' needs a value: an integer 0 – 4294967295"],
    [['scenarios', '--seed', '1'], "unknown option '--seed' (accepted: --json)"],
    [['run', 'ipi-hlt', '--verbose=1'], "unknown option '--verbose' (accepted: --json, --samples, --seed N, --timeline [start_ns:duration_ns])"],
  ];
  for (const [argv, msg] of flagCases) {
    it(`options are validated like parameters: ${argv.join(' ')}`, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(oneErr(r)).toBe(`kvmplay: ${msg}`);
      expect(r.out).toBe('');
    });
  }

  const ESC = '\x1b';
  const BIG = 'x'.repeat(100_000);
  const hostile: [string, string[], string][] = [
    ['a newline in a value', ['run', 'ipi-hlt', 'iterations=1\n2'], 'iterations=1\\n2 is not an integer: expected 1 – 100000'],
    ['a newline in a name', ['run', 'ipi-hlt', 'a\nb=1'], `unknown parameter 'a\\nb' for scenario 'ipi-hlt' (known: ${KNOWN_IPI})`],
    ['a newline in a scenario', ['run', 'x\ny'], "unknown scenario 'x\\ny' (known: ipi-hlt, tcp-rr, idle, cpu-bound, spinlock, perf-stat, perf-record, vpmu-switch, nic, disk)"],
    ['a newline in an option', ['run', 'ipi-hlt', '--fo\no'], "unknown option '--fo\\no' (accepted: --json, --samples, --seed N, --timeline [start_ns:duration_ns])"],
    ['a newline in an option value', ['run', 'ipi-hlt', '--json=a\nb'], "option '--json' takes no value (given '--json=a\\nb')"],
    ['a newline in an unexpected argument', ['scenarios', 'a\nb'], "unexpected argument 'a\\nb'"],
    ['a newline in a command', ['ex\nplode'], "unknown command 'ex\\nplode' (known: scenarios, run, shell, help)"],
    ['a CR in a seed', ['run', 'ipi-hlt', '--seed', '1\r2'], 'seed=1\\r2 is not accepted: expected an integer 0 – 4294967295'],
    ['an ANSI escape in a value', ['run', 'ipi-hlt', `virt=${ESC}[31mon`], 'virt=\\x1b[31mon is not accepted: expected on | off'],
    ['an ANSI escape in a command', [`${ESC}[2J`], "unknown command '\\x1b[2J' (known: scenarios, run, shell, help)"],
    ['an ANSI escape in an option', ['run', 'ipi-hlt', `--${ESC}[31m`], "unknown option '--\\x1b[31m' (accepted: --json, --samples, --seed N, --timeline [start_ns:duration_ns])"],
    ['an ANSI escape in an unexpected argument', ['scenarios', `${ESC}]0;pwned${ESC}\\`], "unexpected argument '\\x1b]0;pwned\\x1b\\'"],
    ['a 100 KB value', ['run', 'ipi-hlt', `iterations=${BIG}`], `iterations=${'x'.repeat(40)}… is not an integer: expected 1 – 100000`],
    ['a 100 KB option', ['run', 'ipi-hlt', `--${BIG}`], `unknown option '--${'x'.repeat(38)}…' (accepted: --json, --samples, --seed N, --timeline [start_ns:duration_ns])`],
    ['a 100 KB command', [BIG], `unknown command '${'x'.repeat(40)}…' (known: scenarios, run, shell, help)`],
    ['a 100 KB unexpected argument', ['scenarios', BIG], `unexpected argument '${'x'.repeat(40)}…'`],
    ['a 100 KB option value', ['run', 'ipi-hlt', `--json=${BIG}`], `option '--json' takes no value (given '--json=${'x'.repeat(40)}…')`],
    ['a huge number, as typed', ['run', 'ipi-hlt', 'iterations=99999999999999999999999'], 'iterations=99999999999999999999999 is out of range: expected 1 – 100000'],
    ['a huge seed, as typed', ['run', 'ipi-hlt', '--seed', '99999999999999999999999'], 'seed=99999999999999999999999 is not accepted: expected an integer 0 – 4294967295'],
  ];
  for (const [what, argv, msg] of hostile) {
    it(`${what}: one escaped, capped line`, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(oneErr(r)).toBe(`kvmplay: ${msg}`);
      expect(r.out).toBe('');
    });
  }

  it('the bin: hostile input gives exactly one line on stderr', () => {
    for (const argv of [['run', 'ipi-hlt', '--fo\no'], ['scenarios', `${ESC}[31m\nx`], ['ex\nplode'], ['run', 'ipi-hlt', 'iterations=99999999999999999999999']]) {
      const r = bin(...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const line = oneLine(r.err);
      expect(line).not.toContain('1e+23');
    }
  });

  it('an unknown command is one line naming the commands (the bin, whole stderr)', () => {
    const r = bin('explode');
    expect(r.code).toBe(2);
    expect(r.err).toBe("kvmplay: unknown command 'explode' (known: scenarios, run, shell, help)\n");
    expect(r.out).toBe('');
  });

  it('virt=off echoes what ran: pcpus = vcpus and no host tasks on bare metal', async () => {
    for (const scenario of ['tcp-rr', 'idle', 'cpu-bound', 'spinlock']) {
      const r = await cli('run', scenario, 'virt=off', 'vcpus=3', 'pcpus=1', 'host_tasks=2', 'duration_ns=1000000', '--json');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out);
      expect(j.params).toMatchObject({ virt: 'off', vcpus: 3, pcpus: 3, host_tasks: 0 });
      // What the core ran: one pCPU per task.
      expect(j.pcpu).toHaveLength(3);
      // virt=on keeps what was given.
      const on = JSON.parse((await cli('run', scenario, 'vcpus=3', 'pcpus=1', 'host_tasks=2', 'duration_ns=1000000', '--json')).out);
      expect(on.params).toMatchObject({ virt: 'on', vcpus: 3, pcpus: 1, host_tasks: 2 });
      expect(on.pcpu).toHaveLength(1);
    }
  });
});
