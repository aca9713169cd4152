// modprobe and lsmod for kvm and kvm_intel. Their parameters are set at load
// (`modprobe kvm_intel ple_gap=0`); the 0444 ones can change no other way.
// A module a running VM holds cannot be unloaded, as on a real host.
import type { CommandSpec, Ctx } from '../shell';
import { visible } from '../parse';
import { kstrtouint, kstrtobool } from '../vfs';
import {
  KVM_PARAMS, KVM_INTEL_INT_PARAMS, KVM_INTEL_BOOL_PARAMS, kvmDefaults, kvmIntelDefaults, hasIpivParam, kvmPmuDefaults,
  hasEnablePmuParam, hasMediatedPmuParam, type ShellState,
} from '../state';

const MODULES = ['kvm', 'kvm_intel'] as const;

/** modprobe treats - and _ alike in module names. */
const norm = (m: string) => m.replace(/-/g, '_');

/** kvm.ko's vPMU switches where the host's kernel has them. */
function kvmBools(state: ShellState): string[] {
  return [...(hasEnablePmuParam(state) ? ['enable_pmu'] : []), ...(hasMediatedPmuParam(state) ? ['enable_mediated_pmu'] : [])];
}

function paramsOf(state: ShellState, mod: string): { ints: readonly string[]; bools: readonly string[] } {
  if (mod === 'kvm') return { ints: KVM_PARAMS, bools: kvmBools(state) };
  return { ints: KVM_INTEL_INT_PARAMS, bools: KVM_INTEL_BOOL_PARAMS.filter((p) => p !== 'enable_ipiv' || hasIpivParam(state)) };
}

function load(ctx: Ctx, mod: string, assigns: string[]): number {
  const st = ctx.state;
  const { ints, bools } = paramsOf(st, mod);
  const values: Record<string, number | boolean> = mod === 'kvm' ? { ...kvmDefaults(st.host), ...kvmPmuDefaults() } : kvmIntelDefaults(st.host);
  for (const a of assigns) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    const raw = eq < 0 ? '' : a.slice(eq + 1);
    // An unknown parameter is ignored with a warning in the kernel log; the module loads.
    if (ints.includes(name)) {
      const v = kstrtouint(raw);
      if (typeof v !== 'number') {
        ctx.err(`modprobe: ERROR: could not insert '${mod}': ${v === 'ERANGE' ? 'Numerical result out of range' : 'Invalid argument'}`);
        return 1;
      }
      values[name] = v;
    } else if (bools.includes(name)) {
      // A bare bool parameter means Y (kernel/params.c).
      const v = eq < 0 ? true : kstrtobool(raw);
      if (v === 'EINVAL') {
        ctx.err(`modprobe: ERROR: could not insert '${mod}': Invalid argument`);
        return 1;
      }
      values[name] = v;
    }
  }
  if (mod === 'kvm') {
    if (st.kvmLoaded) return 0; // already loaded: modprobe does nothing, parameters unchanged
    st.kvmLoaded = true;
    const { enable_pmu, enable_mediated_pmu, ...ints } = values;
    st.kvm = ints as Record<string, number>;
    st.kvmPmu = { enable_pmu: enable_pmu as boolean, enable_mediated_pmu: enable_mediated_pmu as boolean };
    return 0;
  }
  if (st.kvmIntelLoaded) return 0;
  if (!st.kvmLoaded) {
    st.kvmLoaded = true; // kvm_intel depends on kvm
    st.kvm = kvmDefaults(st.host);
    st.kvmPmu = kvmPmuDefaults();
  }
  st.kvmIntelLoaded = true;
  st.kvmIntel = values;
  return 0;
}

function unload(ctx: Ctx, mods: string[]): number {
  const st = ctx.state;
  for (const mod of mods) {
    if (mod === 'kvm_intel') {
      if (!st.kvmIntelLoaded) continue;
      if (st.vm) {
        ctx.err('modprobe: FATAL: Module kvm_intel is in use.');
        ctx.note(ctx.msg.vmUsesModule);
        return 1;
      }
      st.kvmIntelLoaded = false;
      // modprobe -r also removes kvm when nothing else uses it.
      st.kvmLoaded = false;
    } else if (mod === 'kvm') {
      if (!st.kvmLoaded) continue;
      if (st.kvmIntelLoaded) {
        ctx.err('modprobe: FATAL: Module kvm is in use.');
        return 1;
      }
      st.kvmLoaded = false;
    }
  }
  return 0;
}

export const modprobe: CommandSpec = {
  name: 'modprobe',
  where: 'host',
  desc: 'modprobe',
  complete(args, state) {
    if (args.length <= 1) return ['-r', ...MODULES];
    const mod = norm(args[0] === '-r' ? '' : args[0]);
    if (mod === 'kvm') return [...KVM_PARAMS, ...kvmBools(state)].map((p) => p + '=');
    if (mod === 'kvm_intel') return [...KVM_INTEL_INT_PARAMS, ...KVM_INTEL_BOOL_PARAMS].map((p) => p + '=');
    return [...MODULES];
  },
  run(ctx) {
    const remove = ctx.args.includes('-r') || ctx.args.includes('--remove');
    const rest = ctx.args.filter((a) => a !== '-r' && a !== '--remove');
    const bad = rest.find((a) => a.startsWith('-'));
    if (bad) {
      ctx.err(`modprobe: unrecognized option '${visible(bad)}'`);
      return 1;
    }
    if (rest.length === 0) {
      ctx.err('modprobe: ERROR: missing parameters. See -h.');
      return 1;
    }
    if (remove) {
      const unknown = rest.map(norm).find((m) => !(MODULES as readonly string[]).includes(m));
      if (unknown) {
        ctx.err(`modprobe: FATAL: Module ${visible(unknown)} not found.`);
        return 1;
      }
      return unload(ctx, rest.map(norm));
    }
    const mod = norm(rest[0]);
    if (!(MODULES as readonly string[]).includes(mod)) {
      ctx.err(`modprobe: FATAL: Module ${visible(rest[0])} not found in directory /lib/modules/${ctx.state.host === 'snb-3.11' ? '3.11.0' : '6.12.0'}`);
      return 1;
    }
    return load(ctx, mod, rest.slice(1));
  },
};

export const lsmod: CommandSpec = {
  name: 'lsmod',
  where: 'host',
  desc: 'lsmod',
  run(ctx) {
    const st = ctx.state;
    ctx.out('Module                  Size  Used by');
    // Sizes are what a recent x86-64 build reports; "Used by" counts follow the state.
    if (st.kvmIntelLoaded) ctx.out(`kvm_intel             ${'487424'.padStart(6)}  ${st.vm ? 2 : 0}`);
    if (st.kvmLoaded) ctx.out(`kvm                  ${'1409024'.padStart(7)}  ${st.kvmIntelLoaded ? 1 : 0}${st.kvmIntelLoaded ? ' kvm_intel' : ''}`);
    return 0;
  },
};
