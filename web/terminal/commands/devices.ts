// What drives the VM's devices, as S2 drove them (S2 §4): nginx in the
// guest answering a load generator on the host (webbench -c N -t S), and
// iozone in the guest reading with O_DIRECT (-I -r 8k -i 1 / -i 2). A
// foreground run is the nic or disk scenario for that long and prints the
// tool's own report; `… &` starts a job that kvm_stat, perf kvm stat and
// mpstat on the host then see (model.ts guestWorkload).
import type { CommandSpec } from '../shell';
import type { RunResult } from '../../sim/core';
import { PARAMS, findScenario, type IntParam, type ParamValue } from '../../sim/schema';
import { runModel } from '../model';
import { visible } from '../parse';
import { MAX_RUN_S } from './basic';
import { startJob } from './workloads';

// ---------------------------------------------------------------- nginx

/** The version the guest image's nginx reports (Ubuntu 22.04's package); only printed by nginx -v. */
const NGINX_VERSION = 'nginx/1.18.0';

export const nginx: CommandSpec = {
  name: 'nginx',
  where: 'guest',
  desc: 'nginx',
  complete: () => ['-s', 'stop', 'quit', '-t', '-v'],
  run(ctx) {
    const st = ctx.state;
    const a = ctx.args;
    const running = st.jobs.find((j) => j.where === 'guest' && j.kind === 'nginx');
    if (a[0] === '-v' || a[0] === '-V') {
      ctx.err(`nginx version: ${NGINX_VERSION}`);
      return 0;
    }
    if (a[0] === '-t') {
      ctx.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok');
      ctx.err('nginx: configuration file /etc/nginx/nginx.conf test is successful');
      return 0;
    }
    if (a[0] === '-s') {
      const sig = a[1];
      if (!['stop', 'quit', 'reload', 'reopen'].includes(sig ?? '')) {
        ctx.err(`nginx: invalid option: "-s ${visible(sig ?? '')}"`);
        return 1;
      }
      if (!running) {
        // nginx reads the master's pid file to signal it.
        ctx.err('nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)');
        return 1;
      }
      if (sig === 'stop' || sig === 'quit') st.jobs = st.jobs.filter((j) => j !== running);
      return 0;
    }
    if (a.length > 0) {
      ctx.err(`nginx: invalid option: "${visible(a[0].replace(/^-/, ''))}"`);
      return 1;
    }
    if (running) {
      // The master retries bind() five times, half a second apart (ngx_open_listening_sockets).
      for (let i = 0; i < 5; i++) ctx.err('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)');
      ctx.err('nginx: [emerg] still could not bind()');
      return 1;
    }
    // The master daemonizes silently: no job number, as for any daemon.
    st.jobs.push({ id: 0, pid: st.nextPid++, text: 'nginx', where: 'guest', kind: 'nginx', cpus: 0, endNs: null });
    return 0;
  },
};

// ---------------------------------------------------------------- webbench

/**
 * Bytes webbench reads per request: nginx's default index.html (612 bytes
 * in nginx 1.18) and its HTTP/1.0 response header (Server, Date,
 * Content-Type, Content-Length, Last-Modified, Connection, ETag,
 * Accept-Ranges: about 238 bytes). A modelling assumption: the nic scenario
 * models one small response frame per request and no byte count.
 */
const RESPONSE_BYTES = 612 + 238;
/** webbench's default benchtime (-t) and clients (-c). */
const WEBBENCH_DEFAULT_S = 30;
const WEBBENCH_VERSION = '1.5';

const WEBBENCH_USAGE = `webbench [option]... URL
  -f|--force               Don't wait for reply from server.
  -r|--reload              Send reload request - Pragma: no-cache.
  -t|--time <sec>          Run benchmark for <sec> seconds. Default 30.
  -c|--clients <n>         Run <n> HTTP clients at once. Default one.
  -1|--http10              Use HTTP/1.0 protocol.
  --get                    Use GET request method.
  -?|-h|--help             This information.
  -V|--version             Display program version.`;

/** The guest as the host reaches it: its name, or the address libvirt's default network gives it. */
const GUEST_HOSTS = ['guest', '192.168.122.2'];

export const webbench: CommandSpec = {
  name: 'webbench',
  where: 'host',
  desc: 'webbench',
  complete: () => ['-c', '-t', 'http://guest/'],
  async run(ctx) {
    const st = ctx.state;
    const a = ctx.args;
    let clients = 1;
    let seconds = WEBBENCH_DEFAULT_S;
    let url: string | undefined;
    const usage = () => {
      ctx.err(WEBBENCH_USAGE);
      return 2;
    };
    for (let i = 0; i < a.length; i++) {
      const f = a[i];
      if (f === '-c' || f === '--clients' || f === '-t' || f === '--time') {
        const v = a[++i];
        // atoi(): a word that is no number counts as 0.
        const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
        if (v === undefined) {
          ctx.err(`webbench: option requires an argument -- '${f.replace(/^-+/, '')[0]}'`);
          return usage();
        }
        if (f === '-c' || f === '--clients') clients = n;
        else seconds = n;
      } else if (f === '-1' || f === '--http10' || f === '--get') {
        continue;
      } else if (f === '-?' || f === '-h' || f === '--help') {
        ctx.out(WEBBENCH_USAGE);
        return 0;
      } else if (f === '-V' || f === '--version') {
        ctx.out(WEBBENCH_VERSION);
        return 0;
      } else if (f.startsWith('-')) {
        ctx.err(`webbench: invalid option -- '${visible(f.replace(/^-+/, ''))}'`);
        return usage();
      } else url = f;
    }
    if (url === undefined) {
      ctx.err('webbench: Missing URL!');
      return usage();
    }
    const m = /^http:\/\/([^/:]+)(?::\d+)?\//.exec(url);
    if (!/^http:\/\//i.test(url)) {
      ctx.err(`\n${visible(url, 80)}: is not a valid URL.`);
      return 2;
    }
    if (!m) {
      ctx.err("\nInvalid URL syntax - hostname don't ends with '/'.");
      return 2;
    }
    const clientsMax = (PARAMS.clients as IntParam).max;
    if (clients < 1 || clients > clientsMax) {
      ctx.note(ctx.msg.modelRange(`-c ${clients} (the model runs 1 – ${clientsMax} clients)`));
      return 1;
    }
    if (seconds < 1 || seconds > MAX_RUN_S) {
      ctx.note(ctx.msg.durationRange(MAX_RUN_S) + ' ' + ctx.msg.webbenchTime);
      return 1;
    }
    // In the background bash prints the job first; webbench's own lines follow.
    const job = ctx.background ? startJob(ctx, 'webbench', 0, seconds, { clients }) : null;
    ctx.out(`Webbench - Simple Web Benchmark ${WEBBENCH_VERSION}`);
    ctx.out('Copyright (c) Radim Kolar 1997-2004, GPL Open Source Software.');
    ctx.out('');
    ctx.out(`Benchmarking: GET ${url}`);
    ctx.out(`${clients === 1 ? '1 client' : `${clients} clients`}, running ${seconds} sec.`);
    // webbench opens one connection first and gives up if it fails.
    const vm = st.vm;
    const serving = vm && st.jobs.some((j) => j.where === 'guest' && j.kind === 'nginx');
    if (!GUEST_HOSTS.includes(m[1]) || !vm || vm.deviceParams.nic === undefined || !serving) {
      ctx.out('');
      ctx.out('Connect to server failed. Aborting benchmark.');
      if (job !== null) st.jobs = st.jobs.filter((j) => j.pid !== job);
      if (!vm) ctx.note(ctx.msg.noVm);
      else if (!GUEST_HOSTS.includes(m[1])) ctx.note(ctx.msg.webbenchHost);
      else if (vm.deviceParams.nic === undefined) ctx.note(ctx.msg.noNic);
      else ctx.note(ctx.msg.noNginx);
      return 3;
    }
    if (job !== null) return 0;
    const r = await runModel(st, ctx.runner, ctx.locale, { scenario: 'nic', durationNs: seconds * 1e9, extra: { clients } });
    const requests = Number((r.metrics as { requests: number }).requests);
    // webbench: pages/min = (speed + failed) / (benchtime / 60), bytes/sec = bytes / benchtime, both truncated.
    ctx.out('');
    ctx.out(`Speed=${Math.trunc(requests / (seconds / 60))} pages/min, ${Math.trunc((requests * RESPONSE_BYTES) / seconds)} bytes/sec.`);
    ctx.out(`Requests: ${requests} susceed, 0 failed.`);
    return 0;
  },
};

// ---------------------------------------------------------------- iozone

/** iozone's defaults: a 512 kB file in 4 kB records (iozone.c KILOBYTES, RECLEN). */
const IOZONE_FILE_KB = 512;
const IOZONE_RECORD_KB = 4;
/** Simulated time each modelled test runs: the disk scenario's default run; its rate is what iozone reports for the file. */
const IOZONE_TEST_NS = Number(findScenario('disk')?.defaults?.duration_ns ?? PARAMS.duration_ns.default);
/** The session's calendar day for "Run began" (the clock starts at 10:00:00; a fixed day, so sessions replay). */
const RUN_DAY = 'Mon Jun  1';

/** A size as iozone takes it: a number of kB, or with k, m or g. */
function sizeKb(v: string | undefined): number | null {
  const m = /^(\d+)([kKmMgG]?)$/.exec(v ?? '');
  if (!m) return null;
  const mult = { '': 1, k: 1, m: 1024, g: 1024 * 1024 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * mult;
}

const IOZONE_USAGE = `Usage: iozone [-s filesize_kB] [-r record_size_kB] [-f [path]filename] [-i test] [-I] [-e] [-w]

           -i #  Test to run (0=write/rewrite, 1=read/re-read, 2=random-read/write
                 3=Read-backwards, 4=Re-write-record, 5=stride-read, 6=fwrite/re-fwrite
                 7=fread/Re-fread, 8=random_mix, 9=pwrite/Re-pwrite, 10=pread/Re-pread
                 11=pwritev/Re-pwritev, 12=preadv/Re-preadv)
           -I  Use VxFS VX_DIRECT, O_DIRECT,or O_SYNC for all file operations
           -r #  record size in Kb
              or -r #k .. size in kB
              or -r #m .. size in MB
           -s #  file size in Kb
              or -s #k .. size in kB
              or -s #m .. size in MB
              or -s #g .. size in GB`;

export const iozone: CommandSpec = {
  name: 'iozone',
  where: 'guest',
  desc: 'iozone',
  complete: () => ['-I', '-r', '8k', '-s', '-i', '0', '1', '2', '-f', '-e', '-w'],
  async run(ctx) {
    const st = ctx.state;
    const a = ctx.args;
    let direct = false;
    let recordKb = IOZONE_RECORD_KB;
    let fileKb = IOZONE_FILE_KB;
    const tests = new Set<number>();
    const banner: string[] = [];
    for (let i = 0; i < a.length; i++) {
      const f = a[i];
      if (f === '-I') {
        direct = true;
        banner.push('O_DIRECT feature enabled');
      } else if (f === '-r' || f === '-s') {
        const kb = sizeKb(a[i + 1]);
        if (kb === null || kb === 0) {
          ctx.err(IOZONE_USAGE);
          return 1;
        }
        i++;
        if (f === '-r') {
          recordKb = kb;
          banner.push(`Record Size ${kb} kB`);
        } else {
          fileKb = kb;
          banner.push(`File size set to ${kb} kB`);
        }
      } else if (f === '-i') {
        const v = a[++i];
        if (v === undefined || !/^\d+$/.test(v) || Number(v) > 12) {
          ctx.err(IOZONE_USAGE);
          return 1;
        }
        tests.add(Number(v));
      } else if (f === '-f') {
        if (a[++i] === undefined) {
          ctx.err(IOZONE_USAGE);
          return 1;
        }
      } else if (f === '-e') {
        banner.push('Include fsync in write timing');
      } else if (f === '-w') {
        banner.push('Setting no_unlink');
      } else if (f === '-h') {
        ctx.out(IOZONE_USAGE);
        return 0;
      } else {
        ctx.err(`iozone: invalid option -- '${visible(f.replace(/^-+/, ''))}'`);
        ctx.err(IOZONE_USAGE);
        return 1;
      }
    }
    const disk = st.vm!.deviceParams.disk;
    if (disk === undefined) {
      ctx.note(ctx.msg.noDisk);
      return 1;
    }
    if (!direct) {
      ctx.note(ctx.msg.iozoneDirect);
      return 1;
    }
    const unmodelled = [...tests].filter((t) => t > 2);
    if (tests.size === 0 || unmodelled.length > 0) {
      ctx.note(ctx.msg.iozoneTests(unmodelled.join(', ')));
      return 1;
    }
    const recMax = (PARAMS.record_kb as IntParam).max;
    if (recordKb > recMax) {
      ctx.note(ctx.msg.modelRange(`-r ${recordKb}k (the model reads records of 1 – ${recMax} kB)`));
      return 1;
    }
    if (recordKb > fileKb) {
      ctx.err(`Error: record length ${recordKb} is greater than filesize ${fileKb}`);
      return 1;
    }
    // Reads the model runs: read and re-read (sequential) for -i 1, random read for -i 2.
    const runs: { col: number; access: 'seq' | 'rand' }[] = [];
    if (tests.has(1)) runs.push({ col: 2, access: 'seq' }, { col: 3, access: 'seq' });
    if (tests.has(2)) runs.push({ col: 4, access: 'rand' });
    if (runs.length === 0) {
      ctx.note(ctx.msg.iozoneWritesOnly);
      return 1;
    }
    if (ctx.background) {
      const access = tests.has(1) ? 'seq' : 'rand';
      startJob(ctx, 'iozone', 0, (runs.length * IOZONE_TEST_NS) / 1e9, { record_kb: recordKb, access });
      return 0;
    }
    const out = ctx.out;
    out('\tIozone: Performance Test of File I/O');
    out('\t        Version $Revision: 3.489 $');
    out('\t\tCompiled for 64 bit mode.');
    out('\t\tBuild: linux-AMD64 ');
    out('');
    out(`\tRun began: ${RUN_DAY} ${clockOf(st.clockNs)} 2026`);
    out('');
    for (const b of banner) out(`\t${b}`);
    out(`\tCommand line used: ${['iozone', ...a].map((x) => visible(x, 40)).join(' ')}`);
    out('\tOutput is in kBytes/sec');
    out('\tTime Resolution = 0.000001 seconds.');
    out('\tProcessor cache size set to 1024 kBytes.');
    out('\tProcessor cache line size set to 32 bytes.');
    out('\tFile stride size set to 17 * record size.');
    out('                                                              random    random     bkwd    record    stride');
    out('              kB  reclen    write  rewrite    read    reread    read     write     read   rewrite      read   fwrite frewrite    fread  freread');
    // Columns in iozone's order: write, rewrite, read, reread, random read, random write, each '%9d'; a test not run is blank.
    const cols: (number | null)[] = [null, null, null, null, null, null];
    for (const run of runs) {
      const extra: Record<string, ParamValue> = { record_kb: recordKb, access: run.access };
      const r: RunResult = await runModel(st, ctx.runner, ctx.locale, { scenario: 'disk', durationNs: IOZONE_TEST_NS, extra });
      const records = Number((r.metrics as { records: number }).records);
      cols[run.col] = Math.trunc((records * recordKb) / (r.sim_time_ns / 1e9));
    }
    const last = cols.reduce<number>((k, v, i) => (v !== null ? i : k), -1);
    const row = String(fileKb).padStart(16) + String(recordKb).padStart(8) + cols.slice(0, last + 1).map((v) => (v === null ? '' : String(v)).padStart(9)).join('');
    out(row);
    out('');
    out('iozone test complete.');
    if (tests.has(0) || tests.has(2)) ctx.note(ctx.msg.iozoneWritesBlank);
    return 0;
  },
};

function clockOf(ns: number): string {
  const t = 10 * 3600 + Math.floor(ns / 1e9);
  return [Math.floor(t / 3600) % 24, Math.floor(t / 60) % 60, t % 60].map((x) => String(x).padStart(2, '0')).join(':');
}
