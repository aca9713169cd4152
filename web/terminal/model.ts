// From the machine's state to a model run: which scenario the guest is
// running (what its jobs do), the parameters every knob gives, and the run
// itself through web/sim (in-process in Node, the worker in the browser).
// Each run advances the simulated clock and adds to the VM's KVM counters.
import { PARAMS, findScenario, type Params, type ParamValue } from '../sim/schema';
import { ParamError } from '../sim/validate';
import type { RunRequest, RunResult, Counts } from '../sim/core';
import { problemText } from '../lib/problem-text';
import type { Locale } from '../lib/lesson-types';
import { messages } from './messages';
import { hasIpivParam, vpmuOf, type ShellState } from './state';

/** Runs the core: `loadCore().run` in Node, the simulation worker in the browser. */
export interface ModelRunner {
  run(req: RunRequest): Promise<RunResult>;
}

export class ModelRefusal extends Error {
  override name = 'ModelRefusal';
}

export type GuestScenario = 'idle' | 'tcp-rr' | 'cpu-bound' | 'nic' | 'disk';

/**
 * What the guest is doing now: its running jobs decide, else it idles on
 * timer wake-ups. A load generator against the guest's nginx runs the nic
 * scenario (with its -c clients), iozone the disk scenario, each only when
 * the VM has such a device.
 */
export function guestScenario(state: ShellState): GuestScenario {
  return guestWorkload(state).scenario;
}

/** The scenario and the parameters the running jobs set (webbench's clients, iozone's record size and pattern). */
export function guestWorkload(state: ShellState): { scenario: GuestScenario; params: Record<string, ParamValue> } {
  const dev = state.vm?.deviceParams ?? {};
  const load = state.jobs.find((j) => j.kind === 'webbench');
  if (load && dev.nic !== undefined && state.jobs.some((j) => j.where === 'guest' && j.kind === 'nginx')) return { scenario: 'nic', params: load.params ?? {} };
  const io = state.jobs.find((j) => j.where === 'guest' && j.kind === 'iozone');
  if (io && dev.disk !== undefined) return { scenario: 'disk', params: io.params ?? {} };
  const guestJobs = state.jobs.filter((j) => j.where === 'guest');
  if (guestJobs.some((j) => j.kind === 'netperf')) return { scenario: 'tcp-rr', params: {} };
  if (guestJobs.some((j) => j.kind === 'stress')) return { scenario: 'cpu-bound', params: {} };
  return { scenario: 'idle', params: {} };
}

/** The guest's idle loop from its boot command line (kvm-facts §2.1, §2.2). */
export function guestIdle(state: ShellState, locale: Locale): string {
  const vm = state.vm!;
  const opts = vm.cmdline.split(/\s+/);
  const idle = opts.find((o) => o.startsWith('idle='))?.slice(5);
  if (idle === 'poll') return 'poll';
  if (idle === 'halt') return 'halt';
  if (idle !== undefined) throw new ModelRefusal(messages(locale).idleUnmodelled(idle));
  // cpuidle-haltpoll loads without an idle= override when the host hints
  // KVM_HINTS_REALTIME or the module is forced (drivers/cpuidle/cpuidle-haltpoll.c).
  const force = opts.some((o) => /^cpuidle_haltpoll\.force=(1|y|Y|on)$/.test(o));
  return vm.hintDedicated || force ? 'haltpoll' : 'halt';
}

/** pin=on when vCPU i may run only on pCPU i mod N, off when every thread may run anywhere. */
function pinOf(state: ShellState, locale: Locale): 'on' | 'off' {
  const a = state.vm!.affinity;
  const all = (cpus: number[] | null) => cpus === null || cpus.length >= state.pcpus;
  if (a.every(all)) return 'off';
  if (a.every((cpus, i) => cpus !== null && cpus.length === 1 && cpus[0] === i % state.pcpus)) return 'on';
  throw new ModelRefusal(messages(locale).affinityUnmodelled);
}

/** Every parameter the machine's state sets, before a scenario picks the ones it takes. */
export function machineParams(state: ShellState, locale: Locale): Params {
  const vm = state.vm;
  if (!vm) throw new ModelRefusal(messages(locale).noVm);
  const hostTasks = state.jobs.filter((j) => j.where === 'host' && j.kind === 'stress').reduce((n, j) => n + j.cpus, 0);
  const ki = state.kvmIntel;
  const hp = vm.haltpoll;
  const p: Params = {
    ...state.extra,
    host: state.host,
    pcpus: state.pcpus,
    vcpus: vm.vcpus,
    pin: pinOf(state, locale),
    host_tasks: hostTasks,
    halt_poll_ns: state.kvm.halt_poll_ns,
    halt_poll_ns_grow: state.kvm.halt_poll_ns_grow,
    halt_poll_ns_grow_start: state.kvm.halt_poll_ns_grow_start,
    halt_poll_ns_shrink: state.kvm.halt_poll_ns_shrink,
    idle: guestIdle(state, locale),
    guest_halt_poll_ns: hp.guest_halt_poll_ns as number,
    guest_halt_poll_grow: hp.guest_halt_poll_grow as number,
    guest_halt_poll_grow_start: hp.guest_halt_poll_grow_start as number,
    guest_halt_poll_shrink: hp.guest_halt_poll_shrink as number,
    guest_halt_poll_allow_shrink: hp.guest_halt_poll_allow_shrink ? 'on' : 'off',
    nohz: /(^|\s)nohz=off(\s|$)/.test(vm.cmdline) ? 'off' : 'on',
    // enable_apicv=N also turns posted interrupts off (vmx.c: they need APICv).
    apicv: ki.enable_apicv ? 'on' : 'off',
    posted_interrupts: ki.enable_apicv ? 'on' : 'off',
    ipiv: hasIpivParam(state) && ki.enable_ipiv && ki.enable_apicv ? 'on' : 'off',
    pv_eoi: vm.pvEoi ? 'on' : 'off',
    // cpu-pm=on disables HLT and PAUSE exits: no HLT exits, no PAUSE-loop exiting (kvm-facts §2.2).
    hlt_exits: vm.cpuPm ? 'off' : 'on',
    ple_gap: vm.cpuPm ? 0 : (ki.ple_gap as number),
    ple_window: ki.ple_window as number,
    ple_window_grow: ki.ple_window_grow as number,
    ple_window_shrink: ki.ple_window_shrink as number,
    ple_window_max: ki.ple_window_max as number,
    virt: 'on',
    // The devices QEMU was started with (nic, disk), the vPMU kvm.ko and -cpu give the guest, the host's NMI watchdog.
    ...vm.deviceParams,
    vpmu: vpmuOf(state),
    nmi_watchdog: state.nmiWatchdog ? 'on' : 'off',
  };
  return p;
}

/** The scenario's parameters from the machine: only those it takes, checked against the schema. */
export function scenarioParams(state: ShellState, scenario: string, locale: Locale, extra: Record<string, ParamValue> = {}): Params {
  const spec = findScenario(scenario)!;
  const all = { ...machineParams(state, locale), ...extra };
  const out: Params = {};
  for (const name of spec.params) if (Object.hasOwn(all, name)) out[name] = all[name];
  // A value the kernel accepts may lie outside what the model runs (halt_poll_ns is a uint).
  for (const [name, v] of Object.entries(out)) {
    const p = PARAMS[name];
    if (p.kind === 'int' && typeof v === 'number' && (v < p.min || v > p.max)) {
      const problem = { code: 'out_of_range' as const, param: name, value: String(v), min: p.min, max: p.max, unit: p.unit };
      throw new ModelRefusal(messages(locale).modelRange(problemText(locale, problem)));
    }
  }
  return out;
}

const STAT_KEYS = (r: RunResult): Counts => ({ ...r.kvm_stat, ...r.halt, blocking: r.kvm_stat.blocking });

export interface ModelCall {
  scenario: string;
  durationNs: number;
  extra?: Record<string, ParamValue>;
  exitTimeVcpu?: number;
}

/** Run the model for the next interval of the session; the clock and the VM's counters move on. */
export async function runModel(state: ShellState, runner: ModelRunner, locale: Locale, call: ModelCall): Promise<RunResult> {
  const params = scenarioParams(state, call.scenario, locale, { duration_ns: call.durationNs, ...call.extra });
  let result: RunResult;
  try {
    result = await runner.run({ scenario: call.scenario, params, seed: state.seed + state.runs, exitTimeVcpu: call.exitTimeVcpu });
  } catch (e) {
    if (e instanceof ParamError) throw new ModelRefusal(messages(locale).modelRange(problemText(locale, e.problem)));
    throw e;
  }
  state.runs++;
  state.clockNs += result.sim_time_ns;
  const vm = state.vm!;
  for (const [k, v] of Object.entries(STAT_KEYS(result))) vm.stats[k] = k === 'blocking' ? v : (vm.stats[k] ?? 0) + v;
  for (const [k, v] of Object.entries(result.exits)) vm.stats[`exit:${k}`] = (vm.stats[`exit:${k}`] ?? 0) + v;
  for (const [k, v] of Object.entries(result.msr_writes)) vm.stats[`msr:${k}`] = (vm.stats[`msr:${k}`] ?? 0) + v;
  return result;
}

/** Run what the guest is doing now for `durationNs` (host-side observers: kvm_stat, sleep, mpstat). */
export function runGuest(state: ShellState, runner: ModelRunner, locale: Locale, durationNs: number, exitTimeVcpu?: number): Promise<RunResult> {
  const w = guestWorkload(state);
  return runModel(state, runner, locale, { scenario: w.scenario, durationNs, exitTimeVcpu, extra: w.params });
}
