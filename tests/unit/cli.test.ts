// The kvmplay CLI: JSON shape, readable output, and bad input -> exit 2 with
// one line naming the value and the accepted range, never a stack trace.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main';

const BIN = fileURLToPath(new URL('../../cli/kvmplay.js', import.meta.url));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
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
    [['run', 'no-such'], /unknown scenario 'no-such' \(known: ipi-hlt/],
    [['run', 'ipi-hlt', 'bogus=1'], /unknown parameter 'bogus'.*known: host, iterations/],
    [['run', 'ipi-hlt', 'halt_poll_ns=-1'], /halt_poll_ns=-1 is out of range: expected 0 – 10000000 ns/],
    [['run', 'ipi-hlt', 'delay_ns=99999999999'], /delay_ns=99999999999 is out of range: expected 1000 – 10000000 ns/],
    [['run', 'ipi-hlt', 'iterations=1.5'], /iterations=1.5 is not an integer: expected 1 – 100000/],
    [['run', 'ipi-hlt', 'virt=maybe'], /virt=maybe is not accepted: expected on \| off/],
    [['run', 'ipi-hlt', 'halt_poll_ns'], /'halt_poll_ns' is not a name=value parameter/],
    [['run', 'ipi-hlt', '--seed', '-3'], /seed=-3 is not accepted: expected an integer 0 – 4294967295/],
    [['run', 'ipi-hlt', '--frobnicate'], /unknown option '--frobnicate'/],
    [['run'], /run needs a scenario name/],
    [['explode'], /unknown command 'explode'/],
  ];
  for (const [argv, msg] of bad) {
    it(`rejects ${argv.join(' ')} with status 2 and a one-line message`, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toMatch(msg);
      expect(r.out).toBe('');
    });
  }

  it('the bin exits 2 without a stack trace', () => {
    const p = spawnSync(process.execPath, [BIN, 'run', 'ipi-hlt', 'halt_poll_ns=abc'], { encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr.trim()).toBe('kvmplay: halt_poll_ns=abc is not an integer: expected 0 – 10000000 ns');
    expect(p.stdout).toBe('');
  });
});
