// qemu-system-x86_64: restart the VM with the flags that change what the
// model runs. -smp sets the vCPUs; -cpu host,+kvm_pv_eoi turns PV EOI on,
// kvm-hint-dedicated=on sets KVM_HINTS_REALTIME (the guest then loads
// cpuidle-haltpoll), pmu=off hides the PMU from the guest; -overcommit
// cpu-pm=on disables HLT/MWAIT/PAUSE exits. -device, -netdev, -nic and
// -drive go through DEVICE_MODELS: the NIC and disk the device scenarios
// model; another known model is accepted and said to be absent.
import type { CommandSpec, Ctx } from '../shell';
import { visible } from '../parse';
import { newVm, QEMU_BIN } from '../state';
import { PARAMS, type IntParam } from '../../sim/schema';

/**
 * What a NIC or disk means to the model: the nic and disk scenarios'
 * parameters. A virtio-net-pci whose tap backend has vhost=on is served by
 * the vhost-net kernel thread; -drive if=virtio and -device virtio-blk-pci
 * are the same virtio-blk, if=ide and ide-hd the same IDE disk.
 */
export const DEVICE_MODELS: Record<string, Record<string, string | number>> = {
  'e1000': { nic: 'e1000' },
  'virtio-net-pci': { nic: 'virtio' },
  'virtio-net-pci,vhost=on': { nic: 'vhost' },
  'if=ide': { disk: 'ide' },
  'if=virtio': { disk: 'virtio-blk' },
};

/** Drivers and interfaces QEMU knows (a name outside these is QEMU's own error). */
const KNOWN_DEVICES = ['e1000', 'e1000e', 'virtio-net-pci', 'rtl8139', 'virtio-blk-pci', 'ide-hd'];
const NIC_DEVICES = ['e1000', 'e1000e', 'virtio-net-pci', 'rtl8139'];
const KNOWN_IF = ['ide', 'virtio', 'scsi', 'none'];
/** -net nic,model= / -nic …,model= short names QEMU takes for the PCI NICs. */
const NIC_ALIASES: Record<string, string> = { virtio: 'virtio-net-pci', 'virtio-net-pci': 'virtio-net-pci', e1000: 'e1000', e1000e: 'e1000e', rtl8139: 'rtl8139' };

/** key=value options of a QEMU option string (the first word may be a bare type). */
function props(v: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of v.split(',')) {
    const eq = kv.indexOf('=');
    if (eq > 0) out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}
const isOn = (v: string | undefined) => v === 'on' || v === 'true' || v === 'yes';

/** -cpu features the model reads; other known ones are accepted and change nothing here. */
const CPU_FLAGS = ['kvm_pv_eoi', 'kvm-pv-eoi', 'kvm-hint-dedicated', 'kvm_poll_control', 'kvm-poll-control', 'kvm_pv_unhalt', 'kvm-pv-unhalt', 'x2apic', 'pmu'];

const VM_MAX = (PARAMS.vcpus as IntParam).max;

function fail(ctx: Ctx, text: string): number {
  ctx.err(`${QEMU_BIN}: ${text}`);
  return 1;
}

export const qemu: CommandSpec = {
  name: QEMU_BIN,
  where: 'host',
  desc: 'qemu',
  complete: () => [
    '-smp', '-cpu', 'host,+kvm_pv_eoi', 'host,kvm-hint-dedicated=on', 'host,pmu=off', '-overcommit', 'cpu-pm=on',
    '-device', 'e1000,netdev=n0', 'virtio-net-pci,netdev=n0', '-netdev', 'tap,id=n0', 'tap,id=n0,vhost=on',
    '-drive', 'file=disk.img,if=ide', 'file=disk.img,if=virtio', '-enable-kvm', '-m', '-name', '-nographic',
  ],
  run(ctx) {
    const st = ctx.state;
    const a = ctx.args;
    let vcpus = 1; // QEMU's default -smp
    let pvEoi = false;
    let hint = false;
    let cpuPm = false;
    let kvm = false;
    let pmuOff = false;
    const devices: string[] = [];
    // NICs wait for their -netdev (vhost=on is the backend's); disks with if=none for a -device that names them.
    const nics: { driver: string; netdev: string | undefined; vhost: boolean }[] = [];
    const netdevs = new Map<string, boolean>();
    const blockDevices: string[] = [];
    const extra: Record<string, string | number> = {};
    for (let i = 0; i < a.length; i++) {
      const opt = a[i].replace(/^--/, '-');
      const takes = ['-smp', '-cpu', '-overcommit', '-device', '-drive', '-m', '-name', '-accel', '-machine', '-M', '-netdev', '-nic', '-net', '-display', '-serial', '-kernel', '-append', '-initrd', '-hda'];
      if (takes.includes(opt) && a[i + 1] === undefined) return fail(ctx, `${visible(a[i])}: requires an argument`);
      const v = takes.includes(opt) ? a[++i] : '';
      switch (opt) {
        case '-enable-kvm':
          kvm = true;
          break;
        case '-accel':
          if (v.split(',')[0] === 'kvm') kvm = true;
          break;
        case '-machine':
        case '-M':
          if (/(^|,)accel=kvm/.test(v)) kvm = true;
          break;
        case '-smp': {
          const m = /^(?:cpus=)?(\d+)(,.*)?$/.exec(v);
          if (!m) return fail(ctx, `-smp ${visible(v)}: Parameter 'cpus' expects a number`);
          vcpus = Number(m[1]);
          if (vcpus < 1) return fail(ctx, `Invalid SMP CPUs ${vcpus}. The min CPUs supported by machine 'pc-q35' is 1`);
          break;
        }
        case '-cpu': {
          const [model, ...feats] = v.split(',');
          if (model !== 'host' && model !== 'max') return fail(ctx, `unable to find CPU model '${visible(model)}'`);
          for (const f of feats) {
            const on = !f.startsWith('-') && !/=(off|false|no)$/.test(f);
            const name = f.replace(/^[+-]/, '').replace(/=.*$/, '');
            if (!CPU_FLAGS.includes(name)) return fail(ctx, `can't apply global host-x86_64-cpu.${visible(name)}=on: Property 'host-x86_64-cpu.${visible(name)}' not found`);
            if (name === 'kvm_pv_eoi' || name === 'kvm-pv-eoi') pvEoi = on;
            if (name === 'kvm-hint-dedicated') hint = on;
            if (name === 'pmu') pmuOff = !on;
          }
          break;
        }
        case '-overcommit': {
          for (const kv of v.split(',')) {
            const [k, val] = kv.split('=');
            if ((k !== 'cpu-pm' && k !== 'mem-lock') || (val !== 'on' && val !== 'off')) return fail(ctx, `-overcommit ${visible(v)}: Invalid parameter '${visible(k)}'`);
            if (k === 'cpu-pm') cpuPm = val === 'on';
          }
          break;
        }
        case '-device': {
          const driver = v.split(',')[0];
          if (!KNOWN_DEVICES.includes(driver)) return fail(ctx, `-device ${visible(v, 60)}: '${visible(driver)}' is not a valid device model name`);
          const p = props(v);
          if (NIC_DEVICES.includes(driver)) nics.push({ driver, netdev: p.netdev, vhost: isOn(p.vhost) });
          else blockDevices.push(driver === 'virtio-blk-pci' ? 'if=virtio' : 'if=ide');
          break;
        }
        case '-netdev': {
          const p = props(v);
          if (p.id === undefined) return fail(ctx, `-netdev ${visible(v, 60)}: Parameter 'id' is missing`);
          netdevs.set(p.id, isOn(p.vhost));
          break;
        }
        case '-nic':
        case '-net': {
          // -nic tap,model=virtio-net-pci,vhost=on is a NIC and its backend in one; -net nic,model=… the old form.
          const p = props(v);
          const type = v.split(',')[0];
          if (opt === '-net' && type !== 'nic') {
            if (p.vhost !== undefined) netdevs.set('', isOn(p.vhost));
            break;
          }
          if (type === 'none') break;
          const driver = NIC_ALIASES[p.model ?? 'e1000'];
          if (!driver) return fail(ctx, `${opt} ${visible(v, 60)}: Unsupported NIC model: ${visible(p.model ?? '')}`);
          nics.push({ driver, netdev: opt === '-net' ? '' : undefined, vhost: isOn(p.vhost) });
          break;
        }
        case '-drive': {
          const iface = props(v).if ?? 'ide';
          if (!KNOWN_IF.includes(iface)) return fail(ctx, `-drive ${visible(v, 60)}: unsupported bus type '${visible(iface)}'`);
          if (iface !== 'none') devices.push(`if=${iface}`);
          break;
        }
        case '-m':
        case '-name':
        case '-display':
        case '-serial':
        case '-kernel':
        case '-append':
        case '-initrd':
        case '-hda':
          break;
        case '-nographic':
        case '-daemonize':
          break;
        default:
          return fail(ctx, `${visible(a[i])}: invalid option`);
      }
    }
    if (!kvm) {
      // Without KVM QEMU runs the guest in TCG, which this playground does not model.
      ctx.note(ctx.msg.modelRange('-enable-kvm (or -accel kvm) is needed: without it QEMU emulates the CPU in software (TCG).'));
      return 1;
    }
    if (!st.kvmLoaded || !st.kvmIntelLoaded) return fail(ctx, 'Could not access KVM kernel module: No such file or directory\nqemu-system-x86_64: failed to initialize kvm: No such file or directory');
    if (vcpus > VM_MAX) {
      ctx.note(ctx.msg.modelRange(`-smp ${vcpus} (the model runs 1 – ${VM_MAX} vCPUs)`));
      return 1;
    }
    for (const n of nics) {
      if (n.netdev !== undefined && n.netdev !== '' && !netdevs.has(n.netdev)) return fail(ctx, `-device ${n.driver},netdev=${visible(n.netdev)}: Property '${n.driver}.netdev' can't find value '${visible(n.netdev)}'`);
      const vhost = n.vhost || (n.netdev !== undefined && netdevs.get(n.netdev) === true);
      devices.push(n.driver + (vhost && n.driver === 'virtio-net-pci' ? ',vhost=on' : ''));
    }
    devices.push(...blockDevices);
    for (const d of devices) {
      const m = DEVICE_MODELS[d];
      if (!m) {
        ctx.note(ctx.msg.noDeviceModel(d));
        continue;
      }
      // The model runs one NIC and one disk: a second of a kind is said to be left out.
      if (Object.keys(m).some((k) => Object.hasOwn(extra, k))) ctx.note(ctx.msg.secondDevice(d));
      else Object.assign(extra, m);
    }
    if (st.vm) ctx.note(ctx.msg.vmRestarted(st.vm.pid));
    // A new QEMU's vCPU threads may run on any CPU until taskset pins them.
    const vm = newVm(st, [QEMU_BIN, ...a], vcpus, false);
    vm.pvEoi = pvEoi;
    vm.hintDedicated = hint;
    vm.cpuPm = cpuPm;
    vm.devices = devices;
    vm.deviceParams = extra;
    vm.pmuOff = pmuOff;
    st.vm = vm;
    // The guest's processes end with it; the guest's perf.data was on its disk image, which stays.
    st.jobs = st.jobs.filter((j) => j.where !== 'guest' && j.kind !== 'webbench');
    if (st.where === 'host') st.cwd.guest = '/root';
    return 0;
  },
};

export const taskset: CommandSpec = {
  name: 'taskset',
  where: 'host',
  desc: 'taskset',
  complete: () => ['-pc', '-p', '-c'],
  run(ctx) {
    const st = ctx.state;
    const a = ctx.args;
    const usage = () => {
      ctx.err('Usage: taskset [options] [mask | cpu-list] [pid|cmd [args...]]');
      ctx.err('');
      ctx.err("Try 'taskset --help' for more information.");
      return 1;
    };
    const opts = a.filter((x) => x.startsWith('-'));
    const rest = a.filter((x) => !x.startsWith('-'));
    const p = opts.some((o) => o.includes('p'));
    const c = opts.some((o) => o.includes('c'));
    if (!p) {
      ctx.note(ctx.msg.affinityUnmodelled);
      return usage();
    }
    const vm = st.vm;
    const pidArg = rest[rest.length - 1];
    if (!pidArg || !/^\d+$/.test(pidArg)) return usage();
    const tid = Number(pidArg);
    const idx = vm ? tid - vm.pid - 1 : -1;
    const isVm = vm && (tid === vm.pid || (idx >= 0 && idx < vm.vcpus));
    if (!isVm) {
      ctx.err(`taskset: failed to get pid ${tid}'s affinity: No such process`);
      return 1;
    }
    const fmt = (cpus: number[] | null) => {
      const list = cpus ?? Array.from({ length: st.pcpus }, (_, i) => i);
      if (c) return list.length > 1 && list.every((x, i) => x === list[0] + i) ? `${list[0]}-${list[list.length - 1]}` : list.join(',');
      return list.reduce((m, x) => m | (1 << x), 0).toString(16);
    };
    const threads = tid === vm!.pid ? [] : [idx];
    const current = tid === vm!.pid ? null : vm!.affinity[idx];
    const label = c ? 'list' : 'mask';
    if (rest.length === 1) {
      ctx.out(`pid ${tid}'s current affinity ${label}: ${fmt(current)}`);
      return 0;
    }
    const spec = rest[0];
    let cpus: number[] = [];
    if (c) {
      for (const part of spec.split(',')) {
        const m = /^(\d+)(?:-(\d+))?$/.exec(part);
        if (!m) {
          ctx.err(`taskset: failed to parse CPU list: ${visible(spec)}`);
          return 1;
        }
        for (let x = Number(m[1]); x <= Number(m[2] ?? m[1]); x++) cpus.push(x);
      }
    } else {
      const mask = /^(0x)?[0-9a-fA-F]+$/.test(spec) ? parseInt(spec.replace(/^0x/, ''), 16) : NaN;
      if (!Number.isFinite(mask)) {
        ctx.err(`taskset: failed to parse CPU mask: ${visible(spec)}`);
        return 1;
      }
      for (let x = 0; x < 32; x++) if (mask & (1 << x)) cpus.push(x);
    }
    cpus = [...new Set(cpus)].sort((x, y) => x - y);
    const valid = cpus.filter((x) => x < st.pcpus);
    if (valid.length === 0) {
      ctx.err(`taskset: failed to set pid ${tid}'s affinity: Invalid argument`);
      return 1;
    }
    ctx.out(`pid ${tid}'s current affinity ${label}: ${fmt(current)}`);
    const next = valid.length >= st.pcpus ? null : valid;
    // The main thread's affinity is inherited by nothing here; vCPU threads carry their own.
    for (const t of threads) vm!.affinity[t] = next;
    ctx.out(`pid ${tid}'s new affinity ${label}: ${fmt(next)}`);
    return 0;
  },
};
