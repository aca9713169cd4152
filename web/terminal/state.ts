// What the terminal's machine remembers between commands: the host's kernel
// modules and their parameters, the one VM (QEMU's flags, its vCPU threads'
// affinity, the counters KVM keeps for it), the guest's boot command line and
// its haltpoll parameters, background jobs and the simulated clock. Every
// model run reads its parameters from here (model.ts), so a command that
// changes a knob changes the next run.
import { PARAMS, HOST_PRESETS, type ParamValue } from '../sim/schema';
import type { Counts, RunResult } from '../sim/core';

export type Where = 'host' | 'guest';

/** kvm.ko's halt-polling parameters (all 0644, kvm-facts §1.3). */
export const KVM_PARAMS = ['halt_poll_ns', 'halt_poll_ns_grow', 'halt_poll_ns_grow_start', 'halt_poll_ns_shrink'] as const;
/** kvm_intel.ko's load-time parameters the model takes (0444, kvm-facts §5, §4.2). */
export const KVM_INTEL_INT_PARAMS = ['ple_gap', 'ple_window', 'ple_window_grow', 'ple_window_shrink', 'ple_window_max'] as const;
export const KVM_INTEL_BOOL_PARAMS = ['enable_apicv', 'enable_ipiv'] as const;
/** The guest's haltpoll governor parameters (0644, kvm-facts §2.1). */
export const HALTPOLL_INT_PARAMS = ['guest_halt_poll_ns', 'guest_halt_poll_shrink', 'guest_halt_poll_grow', 'guest_halt_poll_grow_start'] as const;

export interface Job {
  /** bash's job number. */
  id: number;
  pid: number;
  text: string;
  where: Where;
  kind: 'stress' | 'netperf' | 'nginx' | 'webbench' | 'iozone';
  /** stress: CPU hogs. */
  cpus: number;
  /** Model parameters the job's own options set (webbench -c: clients; iozone -r, -i: record_kb, access). */
  params?: Record<string, ParamValue>;
  /** When it ends on the simulated clock; null: runs until killed. */
  endNs: number | null;
}

export interface Vm {
  pid: number;
  /** The QEMU command line it was started with. */
  argv: string[];
  vcpus: number;
  /** -cpu host,+kvm_pv_eoi */
  pvEoi: boolean;
  /** -cpu host,kvm-hint-dedicated=on: KVM_HINTS_REALTIME, which lets cpuidle-haltpoll load (kvm-facts §2.1). */
  hintDedicated: boolean;
  /** -overcommit cpu-pm=on: HLT, MWAIT and PAUSE exits disabled (KVM_CAP_X86_DISABLE_EXITS, kvm-facts §2.2). */
  cpuPm: boolean;
  /** -device / -drive models as given (DEVICE_MODELS keys in commands/qemu.ts). */
  devices: string[];
  /** What those devices set in the model: nic, disk (the device scenarios' parameters). */
  deviceParams: Record<string, ParamValue>;
  /** -cpu host,pmu=off: the guest's CPUID shows no PMU. */
  pmuOff: boolean;
  /** Each vCPU thread's allowed pCPUs; null: all of them. */
  affinity: (number[] | null)[];
  /** KVM's counters for this VM since it started (debugfs), summed over its vCPUs. */
  stats: Counts;
  /** The guest kernel's command line it booted with, and the one the next boot uses. */
  cmdline: string;
  nextCmdline: string;
  haltpoll: Record<string, number | boolean>;
}

export interface ShellState {
  where: Where;
  cwd: Record<Where, string>;
  /** The host preset: hardware and kernel (web/sim/schema.ts HOST_PRESETS). */
  host: string;
  /** Physical CPUs that run the vCPU threads. */
  pcpus: number;
  seed: number;
  /** Model runs so far: run k uses seed + k, so a session replays exactly. */
  runs: number;
  /** Simulated time since the session started. */
  clockNs: number;
  kvmLoaded: boolean;
  kvm: Record<string, number>;
  kvmIntelLoaded: boolean;
  kvmIntel: Record<string, number | boolean>;
  vm: Vm | null;
  jobs: Job[];
  nextJob: number;
  nextPid: number;
  /** perf kvm stat record's output file (perf.data.guest). */
  perfData: { result: RunResult; vcpus: number } | null;
  /** The guest's perf.data from perf record (perf report and perf annotate read it). */
  guestPerfData: { result: RunResult; event: string } | null;
  /** kvm.ko's vPMU parameters (Linux 5.17+ enable_pmu, 6.20+ enable_mediated_pmu; both 0444). */
  kvmPmu: { enable_pmu: boolean; enable_mediated_pmu: boolean };
  /** /proc/sys/kernel/nmi_watchdog on the host (kernel/watchdog.c, 0 or 1). */
  nmiWatchdog: number;
  /** Model parameters given at start (`kvmplay shell … name=value`) that no command sets: kept for every run. */
  extra: Record<string, ParamValue>;
  /** Last command's exit status ($?). */
  status: number;
}

export const GUEST_CMDLINE = 'BOOT_IMAGE=/boot/vmlinuz root=/dev/vda1 ro console=ttyS0';

/** A parameter's default on a host: the preset's, else the schema's. */
export function hostDefault(host: string, name: string): ParamValue {
  return HOST_PRESETS[host]?.defaults[name] ?? PARAMS[name].default;
}

export function kvmDefaults(host: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of KVM_PARAMS) out[p] = Number(hostDefault(host, p));
  return out;
}

export function kvmIntelDefaults(host: string): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const p of KVM_INTEL_INT_PARAMS) out[p] = Number(hostDefault(host, p));
  out.enable_apicv = hostDefault(host, 'apicv') === 'on';
  out.enable_ipiv = hostDefault(host, 'ipiv') === 'on';
  return out;
}

export function haltpollDefaults(): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const p of HALTPOLL_INT_PARAMS) out[p] = Number(PARAMS[p].default);
  out.guest_halt_poll_allow_shrink = PARAMS.guest_halt_poll_allow_shrink.default === 'on';
  return out;
}

/** enable_ipiv exists from Linux 5.19 (the IPI virtualization series); the 3.11 host has no such parameter. */
export function hasIpivParam(state: ShellState): boolean {
  return !(HOST_PRESETS[state.host]?.lacks?.ipiv ?? []).includes('on');
}

/** kvm.ko's vPMU switches: enable_pmu defaults to Y, enable_mediated_pmu to N (arch/x86/kvm/x86.c). */
export function kvmPmuDefaults(): { enable_pmu: boolean; enable_mediated_pmu: boolean } {
  return { enable_pmu: true, enable_mediated_pmu: false };
}

/** enable_pmu exists from Linux 5.17; the 3.11 and 5.15 hosts have no such parameter. */
export function hasEnablePmuParam(state: ShellState): boolean {
  return /-6\.x$/.test(state.host);
}

/** enable_mediated_pmu exists where the host's kernel has the mediated vPMU (the schema's vpmu options). */
export function hasMediatedPmuParam(state: ShellState): boolean {
  return hasEnablePmuParam(state) && !(HOST_PRESETS[state.host]?.lacks?.vpmu ?? []).includes('mediated');
}

/** The vPMU the machine's state gives a new VM: the host kernel's design, or what kvm.ko's switches choose. */
export function vpmuOf(state: ShellState): ParamValue {
  if (state.vm?.pmuOff) return 'off';
  // `kvmplay shell vpmu=…` chooses the host kernel's design for the session.
  if (state.extra.vpmu !== undefined) return state.extra.vpmu;
  if (!hasEnablePmuParam(state)) return hostDefault(state.host, 'vpmu');
  if (!state.kvmPmu.enable_pmu) return 'off';
  return hasMediatedPmuParam(state) && state.kvmPmu.enable_mediated_pmu ? 'mediated' : hostDefault(state.host, 'vpmu');
}

export const QEMU_BIN = 'qemu-system-x86_64';

export function newVm(state: ShellState, argv: string[], vcpus: number, pinned: boolean): Vm {
  const pid = state.nextPid;
  // The QEMU process, then one thread per vCPU.
  state.nextPid += 1 + vcpus + 2;
  return {
    pid,
    argv,
    vcpus,
    pvEoi: false,
    hintDedicated: false,
    cpuPm: false,
    devices: [],
    deviceParams: {},
    pmuOff: false,
    affinity: Array.from({ length: vcpus }, (_, i) => (pinned ? [i % state.pcpus] : null)),
    stats: {},
    cmdline: GUEST_CMDLINE,
    nextCmdline: GUEST_CMDLINE,
    haltpoll: haltpollDefaults(),
  };
}

export interface InitialConfig {
  host?: string;
  pcpus?: number;
  vcpus?: number;
  seed?: number;
  extra?: Record<string, ParamValue>;
}

/**
 * The machine a session starts on: kvm and kvm_intel loaded with their
 * defaults, and one guest running, started as below with vCPU i pinned to
 * pCPU i (what the model's pin=on runs).
 */
export function initialState(c: InitialConfig = {}): ShellState {
  const host = c.host ?? String(PARAMS.host.default);
  const state: ShellState = {
    where: 'host',
    cwd: { host: '/root', guest: '/root' },
    host,
    pcpus: c.pcpus ?? Number(PARAMS.pcpus.default),
    seed: c.seed ?? 1,
    runs: 0,
    clockNs: 0,
    kvmLoaded: true,
    kvm: kvmDefaults(host),
    kvmIntelLoaded: true,
    kvmIntel: kvmIntelDefaults(host),
    vm: null,
    jobs: [],
    nextJob: 1,
    nextPid: 2345,
    perfData: null,
    guestPerfData: null,
    kvmPmu: kvmPmuDefaults(),
    nmiWatchdog: (c.extra?.nmi_watchdog ?? hostDefault(host, 'nmi_watchdog')) === 'on' ? 1 : 0,
    extra: c.extra ?? {},
    status: 0,
  };
  const vcpus = c.vcpus ?? Number(PARAMS.vcpus.default);
  // `kvmplay shell nic=… disk=…`: the first guest has that NIC and disk, as QEMU would be told.
  const nic = c.extra?.nic;
  const disk = c.extra?.disk;
  const devArgs = [
    ...(nic === 'e1000' ? ['-device', 'e1000,netdev=n0', '-netdev', 'tap,id=n0'] : []),
    ...(nic === 'virtio' || nic === 'vhost' ? ['-device', 'virtio-net-pci,netdev=n0', '-netdev', `tap,id=n0${nic === 'vhost' ? ',vhost=on' : ''}`] : []),
    ...(disk === 'ide' || disk === 'virtio-blk' ? ['-drive', `file=disk.img,if=${disk === 'ide' ? 'ide' : 'virtio'}`] : []),
  ];
  state.vm = newVm(state, [QEMU_BIN, '-enable-kvm', '-name', 'guest', '-m', '2G', '-smp', String(vcpus), '-cpu', 'host', ...devArgs, '-nographic'], vcpus, true);
  if (nic !== undefined) state.vm.deviceParams.nic = nic;
  if (disk !== undefined) state.vm.deviceParams.disk = disk;
  return state;
}
