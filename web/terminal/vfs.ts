// The files the playground's machine has: the module parameters under
// /sys/module, KVM's counters under /sys/kernel/debug/kvm, the guest's
// cpuidle state and boot command line. Each file reads from and writes to the
// shell state; a write is checked the way the kernel's parameter setters
// check it (kernel/params.c, lib/kstrtox.c) and fails with the same errno.
import {
  KVM_PARAMS, KVM_INTEL_INT_PARAMS, HALTPOLL_INT_PARAMS, hasIpivParam, hasEnablePmuParam, hasMediatedPmuParam, type ShellState, type Where,
} from './state';
import { guestIdle } from './model';

export type Errno = 'EINVAL' | 'ERANGE' | 'EACCES' | 'ENOENT' | 'EROFS' | 'EISDIR';

/** strerror(3) as bash and coreutils print it. */
export const STRERROR: Record<Errno, string> = {
  EINVAL: 'Invalid argument',
  ERANGE: 'Numerical result out of range',
  EACCES: 'Permission denied',
  ENOENT: 'No such file or directory',
  EROFS: 'Read-only file system',
  EISDIR: 'Is a directory',
};

export interface FileNode {
  kind: 'file';
  mode: number;
  read(): string;
  /** Store what was written (the whole buffer, newline included); an errno on failure. */
  write?(data: string): Errno | null;
}
export interface DirNode {
  kind: 'dir';
  list(): string[];
}
export type Node = FileNode | DirNode;

const UINT_MAX = 0xffffffff;

/** kstrtouint(s, 0, &v): one trailing newline, optional '+', 0x hex or 0 octal, every character used. */
export function kstrtouint(s: string): number | 'EINVAL' | 'ERANGE' {
  let t = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (t.startsWith('+')) t = t.slice(1);
  let base = 10;
  if (/^0[xX]/.test(t)) {
    base = 16;
    t = t.slice(2);
  } else if (t.length > 1 && t.startsWith('0')) {
    base = 8;
    t = t.slice(1);
  }
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(t)) return 'EINVAL';
  // Stop at the first digit past the limit: a 100 KB number is refused as fast as a short one.
  let v = 0;
  for (const ch of t) {
    v = v * base + parseInt(ch, base);
    if (v > UINT_MAX) return 'ERANGE';
  }
  return v;
}

/** kstrtobool: y/Y/1 or n/N/0 by the first character, or on/off (lib/kstrtox.c). */
export function kstrtobool(s: string): boolean | 'EINVAL' {
  const c = s[0];
  if (c === 'y' || c === 'Y' || c === '1') return true;
  if (c === 'n' || c === 'N' || c === '0') return false;
  if (c === 'o' || c === 'O') {
    if (s[1] === 'n' || s[1] === 'N') return true;
    if (s[1] === 'f' || s[1] === 'F') return false;
  }
  return 'EINVAL';
}

function uintParam(get: () => number, set: ((v: number) => void) | null): FileNode {
  return {
    kind: 'file',
    mode: set ? 0o644 : 0o444,
    read: () => `${get()}\n`,
    write: set
      ? (data) => {
          const v = kstrtouint(data);
          if (typeof v !== 'number') return v;
          set(v);
          return null;
        }
      : undefined,
  };
}

function boolParam(get: () => boolean, set: ((v: boolean) => void) | null): FileNode {
  return {
    kind: 'file',
    mode: set ? 0o644 : 0o444,
    read: () => (get() ? 'Y\n' : 'N\n'),
    write: set
      ? (data) => {
          const v = kstrtobool(data);
          if (v === 'EINVAL') return v;
          set(v);
          return null;
        }
      : undefined,
  };
}

const ro = (text: () => string): FileNode => ({ kind: 'file', mode: 0o444, read: () => text() + '\n' });

/** KVM's per-VM statistics as debugfs names them (virt/kvm/kvm_main.c, kvm-facts §1.4): the VM's vCPUs summed. */
export const DEBUGFS_STATS = [
  'blocking', 'exits', 'halt_attempted_poll', 'halt_exits', 'halt_poll_fail_ns', 'halt_poll_invalid', 'halt_poll_success_ns',
  'halt_successful_poll', 'halt_wait_ns', 'halt_wakeup', 'host_state_reload', 'irq_exits', 'irq_injections', 'irq_window_exits',
] as const;

/** The VM's debugfs directory: "<pid>-<fd>", the fd of its KVM_CREATE_VM. */
export function vmDir(state: ShellState): string | null {
  // QEMU's VM file descriptor: a modelling choice, the number a small QEMU typically gets.
  return state.vm ? `${state.vm.pid}-11` : null;
}

function hostTree(state: ShellState): Record<string, Node> {
  const t: Record<string, Node> = {};
  const dir = (path: string, names: () => string[]) => (t[path] = { kind: 'dir', list: () => names().sort() });
  dir('/', () => ['proc', 'root', 'sys']);
  dir('/root', () => (state.perfData ? ['perf.data.guest'] : []));
  dir('/sys', () => ['kernel', 'module']);
  dir('/sys/module', () => [...(state.kvmLoaded ? ['kvm'] : []), ...(state.kvmIntelLoaded ? ['kvm_intel'] : [])]);
  dir('/proc', () => ['cmdline', 'sys']);
  t['/proc/cmdline'] = ro(() => 'BOOT_IMAGE=/boot/vmlinuz root=/dev/sda1 ro');
  dir('/proc/sys', () => ['kernel']);
  dir('/proc/sys/kernel', () => ['nmi_watchdog']);
  t['/proc/sys/kernel/nmi_watchdog'] = watchdogFile(state);
  if (state.kvmLoaded) {
    const pmuParams = [...(hasEnablePmuParam(state) ? ['enable_pmu'] : []), ...(hasMediatedPmuParam(state) ? ['enable_mediated_pmu'] : [])] as ('enable_pmu' | 'enable_mediated_pmu')[];
    dir('/sys/module/kvm', () => ['parameters']);
    dir('/sys/module/kvm/parameters', () => [...KVM_PARAMS, ...pmuParams]);
    for (const p of KVM_PARAMS) t[`/sys/module/kvm/parameters/${p}`] = uintParam(() => state.kvm[p], (v) => (state.kvm[p] = v));
    // Load-time switches (0444): modprobe kvm enable_pmu=0 sets them.
    for (const p of pmuParams) t[`/sys/module/kvm/parameters/${p}`] = boolParam(() => state.kvmPmu[p], null);
    dir('/sys/kernel', () => ['debug']);
    dir('/sys/kernel/debug', () => ['kvm']);
    const vd = vmDir(state);
    dir('/sys/kernel/debug/kvm', () => [...DEBUGFS_STATS, ...(vd ? [vd] : [])]);
    for (const s of DEBUGFS_STATS) t[`/sys/kernel/debug/kvm/${s}`] = ro(() => String(state.vm?.stats[s] ?? 0));
    if (vd) {
      dir(`/sys/kernel/debug/kvm/${vd}`, () => [...DEBUGFS_STATS]);
      for (const s of DEBUGFS_STATS) t[`/sys/kernel/debug/kvm/${vd}/${s}`] = ro(() => String(state.vm?.stats[s] ?? 0));
    }
  } else {
    dir('/sys/kernel', () => []);
  }
  if (state.kvmIntelLoaded) {
    const names = [...KVM_INTEL_INT_PARAMS, 'enable_apicv', ...(hasIpivParam(state) ? ['enable_ipiv'] : [])];
    dir('/sys/module/kvm_intel', () => ['parameters']);
    dir('/sys/module/kvm_intel/parameters', () => names);
    for (const p of KVM_INTEL_INT_PARAMS) t[`/sys/module/kvm_intel/parameters/${p}`] = uintParam(() => state.kvmIntel[p] as number, null);
    t['/sys/module/kvm_intel/parameters/enable_apicv'] = boolParam(() => state.kvmIntel.enable_apicv as boolean, null);
    if (hasIpivParam(state)) t['/sys/module/kvm_intel/parameters/enable_ipiv'] = boolParam(() => state.kvmIntel.enable_ipiv as boolean, null);
  }
  return t;
}

/**
 * /proc/sys/kernel/nmi_watchdog: proc_watchdog takes an int in [0, 1]
 * (proc_dointvec_minmax, kernel/watchdog.c); anything else is EINVAL.
 */
function watchdogFile(state: ShellState): FileNode {
  return {
    kind: 'file',
    mode: 0o644,
    read: () => `${state.nmiWatchdog}\n`,
    write: (data) => {
      const t = data.endsWith('\n') ? data.slice(0, -1) : data;
      const m = /^\s*([+-]?\d+)\s*$/.exec(t);
      if (!m) return 'EINVAL';
      const v = Number(m[1]);
      if (v !== 0 && v !== 1) return 'EINVAL';
      state.nmiWatchdog = v;
      return null;
    },
  };
}

function guestTree(state: ShellState): Record<string, Node> {
  const vm = state.vm!;
  const t: Record<string, Node> = {};
  const dir = (path: string, names: () => string[]) => (t[path] = { kind: 'dir', list: () => names().sort() });
  dir('/', () => ['proc', 'root', 'sys']);
  // The PMU scenarios' program, and perf record's output once there is one (binary: cat prints nothing).
  dir('/root', () => ['loop', ...(state.guestPerfData ? ['perf.data'] : [])]);
  t['/root/loop'] = { kind: 'file', mode: 0o755, read: () => '' };
  if (state.guestPerfData) t['/root/perf.data'] = { kind: 'file', mode: 0o600, read: () => '' };
  dir('/proc', () => ['cmdline']);
  t['/proc/cmdline'] = ro(() => vm.cmdline);
  dir('/sys', () => ['devices', 'module']);
  dir('/sys/module', () => ['haltpoll']);
  dir('/sys/module/haltpoll', () => ['parameters']);
  const hp = [...HALTPOLL_INT_PARAMS, 'guest_halt_poll_allow_shrink'];
  dir('/sys/module/haltpoll/parameters', () => hp);
  for (const p of HALTPOLL_INT_PARAMS) t[`/sys/module/haltpoll/parameters/${p}`] = uintParam(() => vm.haltpoll[p] as number, (v) => (vm.haltpoll[p] = v));
  t['/sys/module/haltpoll/parameters/guest_halt_poll_allow_shrink'] = boolParam(
    () => vm.haltpoll.guest_halt_poll_allow_shrink as boolean,
    (v) => (vm.haltpoll.guest_halt_poll_allow_shrink = v),
  );
  dir('/sys/devices', () => ['system']);
  dir('/sys/devices/system', () => ['cpu']);
  dir('/sys/devices/system/cpu', () => ['cpuidle']);
  dir('/sys/devices/system/cpu/cpuidle', () => ['current_driver', 'current_governor_ro']);
  // Which cpuidle driver the guest booted with: haltpoll, or none (idle= given, or plain HLT through default_idle).
  const idle = () => {
    try {
      return guestIdle(state, 'en');
    } catch {
      return 'other';
    }
  };
  t['/sys/devices/system/cpu/cpuidle/current_driver'] = ro(() => (idle() === 'haltpoll' ? 'haltpoll' : 'none'));
  t['/sys/devices/system/cpu/cpuidle/current_governor_ro'] = ro(() => (idle() === 'haltpoll' ? 'haltpoll' : 'menu'));
  return t;
}

export function tree(state: ShellState, where: Where = state.where): Record<string, Node> {
  return where === 'guest' && state.vm ? guestTree(state) : hostTree(state);
}

/** An absolute, normalised path: relative to the working directory, ~ for /root, . and .. resolved. */
export function resolvePath(state: ShellState, path: string): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = '/root' + p.slice(1);
  else if (!p.startsWith('/')) p = state.cwd[state.where] + '/' + p;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export function lookup(state: ShellState, path: string): Node | undefined {
  const t = tree(state);
  const abs = resolvePath(state, path);
  return Object.hasOwn(t, abs) ? t[abs] : undefined;
}

/** Write to a path as `echo … > path` does: the errno bash reports, or null. */
export function writeFile(state: ShellState, path: string, data: string): Errno | null {
  const node = lookup(state, path);
  if (!node) {
    const abs = resolvePath(state, path);
    const parent = lookup(state, abs.slice(0, abs.lastIndexOf('/')) || '/');
    // sysfs refuses to create files; elsewhere the playground's disk is read-only.
    if (parent && abs.startsWith('/sys/')) return 'EACCES';
    return parent ? 'EROFS' : 'ENOENT';
  }
  if (node.kind === 'dir') return 'EISDIR';
  // kernfs refuses to open a file without write permission for writing, root or not.
  if (!node.write || !(node.mode & 0o200)) return 'EACCES';
  return node.write(data);
}

/** Expand a word with * or ? against the files (sorted, as bash does); no match leaves it as typed. */
export function glob(state: ShellState, word: string): string[] {
  if (!/[*?]/.test(word)) return [word];
  const absolute = word.startsWith('/');
  const t = tree(state);
  const abs = resolvePath(state, word);
  const re = new RegExp('^' + abs.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$');
  const hits = Object.keys(t).filter((p) => re.test(p)).sort();
  if (hits.length === 0) return [word];
  if (absolute) return hits;
  const base = state.cwd[state.where] === '/' ? '/' : state.cwd[state.where] + '/';
  return hits.map((h) => (h.startsWith(base) ? h.slice(base.length) : h));
}
