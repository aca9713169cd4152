// mpstat (sysstat): where each CPU's time goes, in the host's view. The
// model's pCPU time maps onto mpstat's columns: guest mode is %guest, KVM's
// exit handling and halt-polling are the vCPU thread's kernel time (%sys),
// host tasks such as stress are %usr. A pCPU that polls for an idle guest
// shows up busy in %sys: the 100%-busy polling trap.
import type { CommandSpec, LiveView } from '../shell';
import type { PcpuTime } from '../../sim/core';
import { runGuest } from '../model';
import { clockText } from './perf';
import { visible } from '../parse';

const HEAD = '  CPU    %usr   %nice    %sys %iowait    %irq   %soft  %steal  %guest  %gnice   %idle';

function row(label: string, ts: string, p: PcpuTime): string {
  const t = p.guest_ns + p.host_ns + p.poll_ns + p.other_ns + p.idle_ns || 1;
  const pc = (x: number) => ' ' + ((100 * x) / t).toFixed(2).padStart(7);
  const zero = pc(0);
  return `${ts.padEnd(11)}  ${label.padStart(3)}` + pc(p.other_ns) + zero + pc(p.host_ns + p.poll_ns) + zero + zero + zero + zero + pc(p.guest_ns) + zero + pc(p.idle_ns);
}

const sum = (ps: PcpuTime[]): PcpuTime =>
  ps.reduce((a, p) => ({ guest_ns: a.guest_ns + p.guest_ns, host_ns: a.host_ns + p.host_ns, poll_ns: a.poll_ns + p.poll_ns, other_ns: a.other_ns + p.other_ns, idle_ns: a.idle_ns + p.idle_ns }), {
    guest_ns: 0, host_ns: 0, poll_ns: 0, other_ns: 0, idle_ns: 0,
  });

function block(ts: string, pcpu: PcpuTime[], all: boolean): string {
  const lines = [`${ts.padEnd(11)}${HEAD}`, row('all', ts, sum(pcpu))];
  if (all) pcpu.forEach((p, i) => lines.push(row(String(i), ts, p)));
  return lines.join('\n');
}

const idleTime = (n: number, ns: number): PcpuTime[] => Array.from({ length: n }, () => ({ guest_ns: 0, host_ns: 0, poll_ns: 0, other_ns: 0, idle_ns: ns }));

export const mpstat: CommandSpec = {
  name: 'mpstat',
  where: 'host',
  desc: 'mpstat',
  complete: () => ['-P', 'ALL'],
  async run(ctx) {
    const st = ctx.state;
    let all = false;
    const nums: number[] = [];
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === '-P') {
        const v = ctx.args[++i];
        if (v !== 'ALL' && !(v !== undefined && /^\d+$/.test(v) && Number(v) < st.pcpus)) {
          ctx.err(`Not that many processors!`);
          return 1;
        }
        all = true;
      } else if (/^\d+$/.test(a) && nums.length < 2) {
        nums.push(Number(a));
      } else {
        ctx.err(`Usage: mpstat [ options ] [ <interval> [ <count> ] ]`);
        ctx.err(`Options are:`);
        ctx.err(`[ -A ] [ -n ] [ -T ] [ -u ] [ -V ]`);
        ctx.err(`[ -I { SUM | CPU | SCPU | ALL } ] [ -N { <node_list> | ALL } ]`);
        ctx.err(`[ --dec={ 0 | 1 | 2 } ] [ -o JSON ] [ -P { <cpu_list> | ALL } ]`);
        void visible;
        return 1;
      }
    }
    const [interval, count] = nums;
    if (interval === 0) {
      ctx.err('Usage: mpstat [ options ] [ <interval> [ <count> ] ]');
      return 1;
    }
    const release = st.host === 'snb-3.11' ? '3.11.0' : '6.12.0';
    ctx.out(`Linux ${release} (host) \t11/22/2026 \t_x86_64_\t(${st.pcpus} CPU)`);
    const measure = async (secs: number) => {
      if (!st.vm) {
        st.clockNs += secs * 1e9;
        return idleTime(st.pcpus, secs * 1e9);
      }
      return (await runGuest(st, ctx.runner, ctx.locale, secs * 1e9)).pcpu;
    };
    if (interval === undefined) {
      // One report: the last second (the playground keeps no history from before the session).
      const p = await measure(1);
      ctx.out('');
      ctx.out(block(clockText(st.clockNs, false), p, all));
      return 0;
    }
    if (interval > 10) {
      ctx.note(ctx.msg.durationRange(10));
      return 1;
    }
    const seen: PcpuTime[][] = [];
    const view: LiveView = {
      mode: 'append',
      intervalMs: interval * 1000,
      frames: count,
      async next() {
        const p = await measure(interval);
        seen.push(p);
        return '\n' + block(clockText(st.clockNs, false), p, all);
      },
      async finish() {
        if (seen.length === 0) return '';
        const avg = seen[0].map((_, i) => sum(seen.map((s) => s[i])));
        return '\n' + block('Average:', avg, all);
      },
    };
    return view;
  },
};
