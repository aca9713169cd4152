// The shell's own commands and the coreutils a learner reaches for: help,
// clear, history, echo, cat, ls, cd, pwd, sleep, jobs, kill, ps, nproc,
// uname, ssh and exit. Errors read as bash's and coreutils' own.
import type { CommandSpec } from '../shell';
import { visible } from '../parse';
import { lookup, resolvePath, STRERROR } from '../vfs';
import { runGuest } from '../model';
import { QEMU_BIN } from '../state';

const show = (s: string) => visible(s);

export const help: CommandSpec = {
  name: 'help',
  where: 'both',
  desc: 'help',
  run(ctx) {
    const m = ctx.msg;
    ctx.out(m.helpIntro);
    const table = ctx.commands;
    for (const [where, title] of [['host', m.helpHost], ['guest', m.helpGuest], ['both', m.helpBoth]] as const) {
      const mine = table.filter((c) => c.where === where);
      if (mine.length === 0) continue;
      ctx.out('');
      ctx.out(`${title}:`);
      for (const c of mine) ctx.out(`  ${c.name.padEnd(20)} ${m.desc[c.desc]}`);
    }
    ctx.out('');
    ctx.out(m.helpFoot);
    return 0;
  },
};

export const clear: CommandSpec = {
  name: 'clear',
  where: 'both',
  desc: 'clear',
  run(ctx) {
    ctx.clear();
    return 0;
  },
};

export const history: CommandSpec = {
  name: 'history',
  where: 'both',
  desc: 'history',
  run(ctx) {
    ctx.history.forEach((h, i) => ctx.out(`${String(i + 1).padStart(5)}  ${show(h)}`));
    return 0;
  },
};

export const echo: CommandSpec = {
  name: 'echo',
  where: 'both',
  desc: 'echo',
  run(ctx) {
    let args = ctx.args;
    let newline = true;
    while (args[0] === '-n' || args[0] === '-e' || args[0] === '-E') {
      if (args[0] === '-n') newline = false;
      args = args.slice(1);
    }
    const text = args.join(' ');
    // A redirected echo writes exactly what it prints; the shell sends stdout to the file.
    // Control characters shown, never sent raw; the length kept whole (echo's output may go to a file).
    const shown = visible(text, Infinity);
    if (newline || shown) ctx.out(shown);
    return 0;
  },
};

export const cat: CommandSpec = {
  name: 'cat',
  where: 'both',
  desc: 'cat',
  run(ctx) {
    let status = 0;
    const files = ctx.args.filter((a) => a !== '--');
    if (files.some((a) => a.startsWith('-') && a !== '-')) {
      const bad = files.find((a) => a.startsWith('-'))!;
      ctx.err(`cat: invalid option -- '${show(bad.replace(/^-+/, '').slice(0, 1))}'`);
      ctx.err("Try 'cat --help' for more information.");
      return 1;
    }
    for (const f of files) {
      const node = lookup(ctx.state, f);
      if (!node) {
        ctx.err(`cat: ${show(f)}: ${STRERROR.ENOENT}`);
        status = 1;
      } else if (node.kind === 'dir') {
        ctx.err(`cat: ${show(f)}: Is a directory`);
        status = 1;
      } else {
        ctx.out(node.read().replace(/\n$/, ''));
      }
    }
    return status;
  },
};

/** grep PATTERN FILE…: `grep . /sys/module/kvm/parameters/*` prints every knob as file:value. */
export const grep: CommandSpec = {
  name: 'grep',
  where: 'both',
  desc: 'grep',
  run(ctx) {
    const flags = ctx.args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
    const rest = ctx.args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
    const bad = flags.replace(/-/g, '').split('').find((f) => !'ihvrHsq'.includes(f));
    if (bad || rest.length === 0) {
      if (bad) ctx.err(`grep: invalid option -- '${show(bad)}'`);
      ctx.err('Usage: grep [OPTION]... PATTERNS [FILE]...');
      ctx.err("Try 'grep --help' for more information.");
      return 2;
    }
    const [pattern, ...files] = rest;
    let re: RegExp;
    try {
      re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
    } catch {
      ctx.err('grep: Unmatched ( or \\(');
      return 2;
    }
    if (files.length === 0) {
      // No standard input in this shell: nothing to read.
      return 1;
    }
    const expand = (f: string): string[] => {
      const node = lookup(ctx.state, f);
      if (node?.kind === 'dir' && flags.includes('r')) return node.list().map((n) => `${f.replace(/\/$/, '')}/${n}`).flatMap(expand);
      return [f];
    };
    const all = files.flatMap(expand);
    const named = (all.length > 1 || flags.includes('r') || flags.includes('H')) && !flags.includes('h');
    let found = false;
    let status = 0;
    for (const f of all) {
      const node = lookup(ctx.state, f);
      if (!node) {
        if (!flags.includes('s')) ctx.err(`grep: ${show(f)}: ${STRERROR.ENOENT}`);
        status = 2;
        continue;
      }
      if (node.kind === 'dir') {
        ctx.err(`grep: ${show(f)}: Is a directory`);
        continue;
      }
      for (const line of node.read().replace(/\n$/, '').split('\n')) {
        if (re.test(line) === flags.includes('v')) continue;
        found = true;
        if (!flags.includes('q')) ctx.out(named ? `${show(f)}:${line}` : line);
      }
    }
    return status === 2 && !found ? 2 : found ? 0 : 1;
  },
};

export const ls: CommandSpec = {
  name: 'ls',
  where: 'both',
  desc: 'ls',
  run(ctx) {
    const opts = ctx.args.filter((a) => a.startsWith('-'));
    const long = opts.some((o) => o.includes('l'));
    const paths = ctx.args.filter((a) => !a.startsWith('-'));
    let status = 0;
    const targets = paths.length ? paths : ['.'];
    targets.forEach((p, i) => {
      const node = lookup(ctx.state, p);
      if (!node) {
        ctx.err(`ls: cannot access '${show(p)}': ${STRERROR.ENOENT}`);
        status = 2;
        return;
      }
      if (targets.length > 1 && node.kind === 'dir') ctx.out(`${i > 0 ? '\n' : ''}${show(p)}:`);
      const names = node.kind === 'dir' ? node.list() : [p];
      if (!long) {
        if (names.length) ctx.out(names.join('  '));
        return;
      }
      const base = resolvePath(ctx.state, p);
      for (const n of names) {
        const child = node.kind === 'dir' ? lookup(ctx.state, (base === '/' ? '' : base) + '/' + n) : node;
        const mode = child?.kind === 'dir' ? 'drwxr-xr-x' : child && child.mode & 0o200 ? '-rw-r--r--' : '-r--r--r--';
        ctx.out(`${mode} 1 root root 4096 ${n}`);
      }
    });
    return status;
  },
  complete: () => ['-l'],
};

export const cd: CommandSpec = {
  name: 'cd',
  where: 'both',
  desc: 'cd',
  run(ctx) {
    const target = ctx.args[0] ?? '~';
    if (ctx.args.length > 1) {
      ctx.err('bash: cd: too many arguments');
      return 1;
    }
    const node = lookup(ctx.state, target);
    if (!node) {
      ctx.err(`bash: cd: ${show(target)}: ${STRERROR.ENOENT}`);
      return 1;
    }
    if (node.kind !== 'dir') {
      ctx.err(`bash: cd: ${show(target)}: Not a directory`);
      return 1;
    }
    ctx.state.cwd[ctx.state.where] = resolvePath(ctx.state, target);
    return 0;
  },
};

export const pwd: CommandSpec = {
  name: 'pwd',
  where: 'both',
  desc: 'pwd',
  run(ctx) {
    ctx.out(ctx.state.cwd[ctx.state.where]);
    return 0;
  },
};

/** GNU sleep's NUMBER[SUFFIX]: s, m, h, d. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return null;
  const f = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * f;
}

/** The model runs at most this long in one go (schema: duration_ns ≤ 10 s). */
export const MAX_RUN_S = 10;

export const sleep: CommandSpec = {
  name: 'sleep',
  where: 'both',
  desc: 'sleep',
  async run(ctx) {
    if (ctx.args.length === 0) {
      ctx.err('sleep: missing operand');
      ctx.err("Try 'sleep --help' for more information.");
      return 1;
    }
    let total = 0;
    for (const a of ctx.args) {
      const s = parseDuration(a);
      if (s === null) {
        ctx.err(`sleep: invalid time interval '${show(a)}'`);
        ctx.err("Try 'sleep --help' for more information.");
        return 1;
      }
      total += s;
    }
    if (total > MAX_RUN_S) {
      ctx.note(ctx.msg.durationRange(MAX_RUN_S));
      return 1;
    }
    // Time passes for the VM too: the model runs what the guest is doing.
    if (ctx.state.vm && total > 0) await runGuest(ctx.state, ctx.runner, ctx.locale, Math.max(1_000_000, Math.round(total * 1e9)));
    else ctx.state.clockNs += Math.round(total * 1e9);
    return 0;
  },
};

export const jobs: CommandSpec = {
  name: 'jobs',
  where: 'both',
  desc: 'jobs',
  run(ctx) {
    // Daemons (nginx) and foreground commands carry id 0: they are not the shell's jobs.
    const mine = ctx.state.jobs.filter((j) => j.where === ctx.state.where && j.id > 0);
    mine.forEach((j, i) => ctx.out(`[${j.id}]${i === mine.length - 1 ? '+' : '-'}  ${'Running'.padEnd(24)}${show(j.text)} &`));
    return 0;
  },
};

export const kill: CommandSpec = {
  name: 'kill',
  where: 'both',
  desc: 'kill',
  run(ctx) {
    const targets = ctx.args.filter((a) => !/^-(\d+|[A-Z]+|SIG[A-Z]+)$/.test(a));
    if (targets.length === 0) {
      ctx.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
      return 2;
    }
    let status = 0;
    for (const t of targets) {
      const st = ctx.state;
      const job = t.startsWith('%')
        ? st.jobs.find((j) => j.where === st.where && `%${j.id}` === t)
        : st.jobs.find((j) => j.where === st.where && String(j.pid) === t);
      if (job) {
        st.jobs = st.jobs.filter((j) => j !== job);
        if (job.id > 0) ctx.out(`[${job.id}]+  ${'Terminated'.padEnd(24)}${show(job.text)}`);
        continue;
      }
      if (st.where === 'host' && st.vm && String(st.vm.pid) === t) {
        st.vm = null;
        st.jobs = st.jobs.filter((j) => j.where !== 'guest');
        continue;
      }
      if (t.startsWith('%')) ctx.err(`bash: kill: ${show(t)}: no such job`);
      else if (/^\d+$/.test(t)) ctx.err(`bash: kill: (${t}) - No such process`);
      else ctx.err(`bash: kill: ${show(t)}: arguments must be process or job IDs`);
      status = 1;
    }
    return status;
  },
};

export const ps: CommandSpec = {
  name: 'ps',
  where: 'both',
  desc: 'ps',
  run(ctx) {
    const st = ctx.state;
    if (ctx.args.some((a) => /^-\w*T/.test(a))) {
      // -T: threads too; QEMU's vCPU threads are named "CPU n/KVM" (kvm_vcpu_thread_fn sets it).
      ctx.out('    PID    SPID TTY          TIME CMD');
      ctx.out('   1000    1000 pts/0    00:00:00 bash');
      if (st.where === 'host' && st.vm) {
        ctx.out(`${String(st.vm.pid).padStart(7)} ${String(st.vm.pid).padStart(7)} ?        00:00:00 ${QEMU_BIN}`);
        for (let i = 0; i < st.vm.vcpus; i++) ctx.out(`${String(st.vm.pid).padStart(7)} ${String(st.vm.pid + 1 + i).padStart(7)} ?        00:00:00 CPU ${i}/KVM`);
      }
      return 0;
    }
    ctx.out('    PID TTY          TIME CMD');
    ctx.out('   1000 pts/0    00:00:00 bash');
    if (st.where === 'host' && st.vm) ctx.out(`${String(st.vm.pid).padStart(7)} ?        00:00:00 ${QEMU_BIN}`);
    for (const j of st.jobs.filter((x) => x.where === st.where)) ctx.out(`${String(j.pid).padStart(7)} pts/0    00:00:00 ${j.kind}`);
    return 0;
  },
};

export const nproc: CommandSpec = {
  name: 'nproc',
  where: 'both',
  desc: 'nproc',
  run(ctx) {
    ctx.out(String(ctx.state.where === 'guest' ? ctx.state.vm!.vcpus : ctx.state.pcpus));
    return 0;
  },
};

export const uname: CommandSpec = {
  name: 'uname',
  where: 'both',
  desc: 'uname',
  run(ctx) {
    // The host's kernel follows its preset; the guest runs a recent kernel with cpuidle-haltpoll.
    const release = ctx.state.where === 'guest' ? '6.8.0' : ctx.state.host === 'snb-3.11' ? '3.11.0' : '6.12.0';
    const all = ctx.args.includes('-a');
    const r = ctx.args.includes('-r');
    ctx.out(all ? `Linux ${ctx.state.where} ${release} #1 SMP x86_64 GNU/Linux` : r ? release : 'Linux');
    return 0;
  },
};

export const ssh: CommandSpec = {
  name: 'ssh',
  where: 'host',
  desc: 'ssh',
  run(ctx) {
    const target = ctx.args.filter((a) => !a.startsWith('-'))[0];
    if (!target) {
      ctx.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address] destination [command [argument ...]]');
      return 255;
    }
    const host = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
    if (host !== 'guest') {
      ctx.err(`ssh: Could not resolve hostname ${show(host)}: Name or service not known`);
      return 255;
    }
    if (!ctx.state.vm) {
      ctx.err('ssh: connect to host guest port 22: No route to host');
      ctx.note(ctx.msg.noVm);
      return 255;
    }
    ctx.state.where = 'guest';
    return 0;
  },
  complete: () => ['guest', 'root@guest'],
};

export const exit: CommandSpec = {
  name: 'exit',
  where: 'both',
  desc: 'exit',
  run(ctx) {
    if (ctx.state.where === 'guest') {
      ctx.out('logout');
      ctx.out('Connection to guest closed.');
      ctx.state.where = 'host';
      return 0;
    }
    // The host shell stays: there is nowhere to log out to.
    ctx.out('logout');
    ctx.note(ctx.msg.terminalHint);
    return 0;
  },
};

