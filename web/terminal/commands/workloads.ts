// What runs in the guest (and beside it): stress, netperf -t TCP_RR and
// netserver. A foreground netperf runs the tcp-rr scenario for -l seconds
// and prints netperf's report; `… &` starts a job that the host's tools
// then see (kvm_stat, perf kvm stat, mpstat run the guest's jobs).
import type { CommandSpec, Ctx, LiveView } from '../shell';
import { runModel, runGuest } from '../model';
import { visible } from '../parse';
import { MAX_RUN_S, parseDuration } from './basic';
import { PARAMS, type IntParam } from '../../sim/schema';
import type { Job } from '../state';

/** netperf's defaults on Linux: -l 10, 1-byte request and response; socket sizes as Linux reports them (16384 send, 131072 receive). */
const DEFAULT_LENGTH_S = 10;
const SEND_SIZE = 16384;
const RECV_SIZE = 131072;

export function startJob(ctx: Ctx, kind: Job['kind'], cpus: number, seconds: number | null, params?: Job['params']): number {
  const st = ctx.state;
  const job: Job = { id: st.nextJob++, pid: st.nextPid++, text: ctx.text, where: st.where, kind, cpus, endNs: seconds === null ? null : st.clockNs + seconds * 1e9, params };
  st.jobs.push(job);
  ctx.out(`[${job.id}] ${job.pid}`);
  return job.pid;
}

const STRESS_USAGE = `\`stress' imposes certain types of compute stress on your system

Usage: stress [OPTION [ARG]] ...
 -?, --help         show this help statement
 -t, --timeout N    timeout after N seconds
 -c, --cpu N        spawn N workers spinning on sqrt()`;

export const stress: CommandSpec = {
  name: 'stress',
  where: 'both',
  desc: 'stress',
  complete: () => ['--cpu', '--timeout'],
  async run(ctx) {
    const st = ctx.state;
    let cpus = 0;
    let timeout: number | null = null;
    const a = ctx.args;
    for (let i = 0; i < a.length; i++) {
      const f = a[i];
      const v = a[i + 1];
      if (f === '-c' || f === '--cpu') {
        if (v === undefined || !/^\d+$/.test(v)) {
          ctx.err(`stress: FAIL: [${st.nextPid}] invalid number in --cpu: ${visible(v ?? '')}`);
          return 1;
        }
        cpus = Number(v);
        i++;
      } else if (f === '-t' || f === '--timeout') {
        const s = v === undefined ? null : parseDuration(v);
        if (s === null) {
          ctx.err(`stress: FAIL: [${st.nextPid}] invalid time specifier: ${visible(v ?? '')}`);
          return 1;
        }
        timeout = s;
        i++;
      } else if (f === '-?' || f === '--help') {
        ctx.out(STRESS_USAGE);
        return 0;
      } else {
        ctx.err(`stress: unrecognized option '${visible(f)}'`);
        ctx.err(STRESS_USAGE);
        return 1;
      }
    }
    if (cpus === 0) {
      ctx.out(STRESS_USAGE);
      return 1;
    }
    if (st.where === 'guest') {
      const n = st.vm!.vcpus;
      if (cpus < n) {
        ctx.note(ctx.msg.stressTooFew(cpus, n));
        return 1;
      }
      if (cpus > n) ctx.note(ctx.msg.stressSpread(cpus, n));
    } else {
      const have = st.jobs.filter((j) => j.where === 'host' && j.kind === 'stress').reduce((s, j) => s + j.cpus, 0);
      const max = (PARAMS.host_tasks as IntParam).max;
      if (have + cpus > max) {
        ctx.note(ctx.msg.modelRange(`${have + cpus} host CPU hogs (the model runs 0 – ${max})`));
        return 1;
      }
    }
    const pid = ctx.background ? startJob(ctx, 'stress', cpus, timeout) : st.nextPid;
    ctx.out(`stress: info: [${pid}] dispatching hogs: ${cpus} cpu, 0 io, 0 vm, 0 hdd`);
    if (ctx.background) return 0;
    // In the foreground: a job for the host's view while it runs, then gone.
    const job = { id: 0, pid, text: ctx.text, where: st.where, kind: 'stress' as const, cpus, endNs: null };
    st.nextPid++;
    st.jobs.push(job);
    let elapsed = 0;
    const end = () => (st.jobs = st.jobs.filter((j) => j !== job));
    if (timeout !== null) {
      if (timeout > MAX_RUN_S) {
        end();
        ctx.note(ctx.msg.durationRange(MAX_RUN_S));
        return 1;
      }
      if (st.vm) await runGuest(st, ctx.runner, ctx.locale, Math.max(1e6, timeout * 1e9));
      end();
      ctx.out(`stress: info: [${pid}] successful run completed in ${Math.round(timeout)}s`);
      return 0;
    }
    const view: LiveView = {
      mode: 'append',
      intervalMs: 1000,
      async next() {
        if (st.vm) await runGuest(st, ctx.runner, ctx.locale, 1e9);
        elapsed++;
        return '';
      },
      async finish() {
        end();
        void elapsed;
        return '';
      },
    };
    return view;
  },
};

export const netserver: CommandSpec = {
  name: 'netserver',
  where: 'guest',
  desc: 'netserver',
  run(ctx) {
    // netserver daemonizes after this line; the guest image also starts one at boot, which netperf uses.
    ctx.out("Starting netserver with host 'IN(6)ADDR_ANY' port '12865' and family AF_UNSPEC");
    return 0;
  },
};

const NETPERF_USAGE = `
Usage: netperf [global options] -- [test options]

Global options:
    -H name|ip,fam *  Specify the target machine and/or local ip and family
    -l testlen        Specify test duration (>0 secs) (<0 bytes|trans)
    -t testname       Specify test to perform
`;

export const netperf: CommandSpec = {
  name: 'netperf',
  where: 'guest',
  desc: 'netperf',
  complete: () => ['-t', 'TCP_RR', '-H', 'localhost', '-l'],
  async run(ctx) {
    const st = ctx.state;
    let test = 'TCP_STREAM';
    let host = 'localhost';
    let length = DEFAULT_LENGTH_S;
    const a = ctx.args;
    const dd = a.indexOf('--');
    const global = dd >= 0 ? a.slice(0, dd) : a;
    const testOpts = dd >= 0 ? a.slice(dd + 1) : [];
    for (let i = 0; i < global.length; i++) {
      const f = global[i];
      const v = global[i + 1];
      if ((f === '-t' || f === '-H' || f === '-l') && v === undefined) {
        ctx.err(`netperf: option requires an argument -- '${f.slice(1)}'`);
        ctx.err(NETPERF_USAGE);
        return 1;
      }
      if (f === '-t') test = v.toUpperCase();
      else if (f === '-H') host = v.split(',')[0];
      else if (f === '-l') {
        if (!/^\d+$/.test(v) || Number(v) === 0) {
          ctx.note(ctx.msg.durationRange(MAX_RUN_S));
          return 1;
        }
        length = Number(v);
      } else {
        ctx.err(`netperf: invalid option -- '${visible(f.replace(/^-+/, ''))}'`);
        ctx.err(NETPERF_USAGE);
        return 1;
      }
      i++;
    }
    const rr = testOpts.indexOf('-r');
    if (rr >= 0 && testOpts[rr + 1] !== '1,1' && testOpts[rr + 1] !== '1') {
      ctx.note(ctx.msg.modelRange(`-r ${visible(testOpts[rr + 1] ?? '')} (the model's messages are 1 byte each way)`));
      return 1;
    }
    if (test !== 'TCP_RR') {
      ctx.note(ctx.msg.netperfTest(visible(test)));
      return 1;
    }
    if (!['localhost', '127.0.0.1', '::1', 'guest'].includes(host)) {
      ctx.err(`establish control: are you sure there is a netserver listening on ${visible(host)} at port 12865?`);
      ctx.note(ctx.msg.netperfLoopback);
      return 1;
    }
    if (length > MAX_RUN_S) {
      ctx.note(ctx.msg.durationRange(MAX_RUN_S));
      return 1;
    }
    const banner = `MIGRATED TCP REQUEST/RESPONSE TEST from 0.0.0.0 (0.0.0.0) port 0 AF_INET to ${host === 'localhost' || host === 'guest' ? host : host} () port 0 AF_INET : first burst 0`;
    if (ctx.background) {
      startJob(ctx, 'netperf', 0, length);
      return 0;
    }
    const r = await runModel(st, ctx.runner, ctx.locale, { scenario: 'tcp-rr', durationNs: length * 1e9 });
    const secs = r.sim_time_ns / 1e9;
    const rate = Number(r.metrics.transactions) / secs;
    ctx.out(banner);
    ctx.out('Local /Remote');
    ctx.out('Socket Size   Request  Resp.   Elapsed  Trans.');
    ctx.out('Send   Recv   Size     Size    Time     Rate         ');
    ctx.out('bytes  Bytes  bytes    bytes   secs.    per sec   ');
    ctx.out('');
    // nettest_bsd.c's tput_fmt_1_line_1 and _2: "%-6d %-6d %-6d   %-6d  %-6.2f   %7.2f   " and "%-6d %-6d".
    ctx.out(`${String(SEND_SIZE).padEnd(6)} ${String(RECV_SIZE).padEnd(6)} ${'1'.padEnd(6)}   ${'1'.padEnd(6)}  ${secs.toFixed(2).padEnd(6)}   ${rate.toFixed(2).padStart(7)}   `);
    ctx.out(`${String(SEND_SIZE).padEnd(6)} ${String(RECV_SIZE).padEnd(6)}`);
    return 0;
  },
};
