// The guest's boot command line: grubby edits it (as on Fedora and RHEL
// guests), reboot boots with it, and the idle loop follows: idle=poll,
// idle=halt, cpuidle_haltpoll.force=1, nohz=off (kvm-facts §2.1, §2.2). A
// reboot also resets the haltpoll parameters, which live in the guest kernel.
import type { CommandSpec } from '../shell';
import { visible } from '../parse';
import { haltpollDefaults } from '../state';

const GRUBBY_USAGE = 'Usage: grubby [OPTION...]\n      --args=STRING              default arguments for the new kernel or new arguments for kernel being updated\n      --info=kernel-path         display boot information for specified kernel\n      --remove-args=STRING       remove kernel arguments\n      --update-kernel=kernel-path   updated information for the specified kernel';

export const grubby: CommandSpec = {
  name: 'grubby',
  where: 'guest',
  desc: 'grubby',
  complete: () => ['--update-kernel=ALL', '--args=', '--remove-args=', '--info=ALL', 'idle=poll', 'idle=halt', 'cpuidle_haltpoll.force=1', 'nohz=off'],
  run(ctx) {
    const vm = ctx.state.vm!;
    let update = false;
    let info = false;
    const add: string[] = [];
    const remove: string[] = [];
    const a = ctx.args;
    for (let i = 0; i < a.length; i++) {
      const [flag, inline] = a[i].includes('=') ? [a[i].slice(0, a[i].indexOf('=')), a[i].slice(a[i].indexOf('=') + 1)] : [a[i], undefined];
      const value = () => inline ?? a[++i] ?? '';
      if (flag === '--update-kernel') {
        value();
        update = true;
      } else if (flag === '--info') {
        value();
        info = true;
      } else if (flag === '--args') add.push(...value().split(/\s+/).filter(Boolean));
      else if (flag === '--remove-args') remove.push(...value().split(/\s+/).filter(Boolean));
      else {
        ctx.err(`grubby: bad argument ${visible(a[i])}: unknown option`);
        return 1;
      }
    }
    if (info) {
      ctx.out('index=0');
      ctx.out('kernel="/boot/vmlinuz"');
      ctx.out(`args="${vm.nextCmdline.replace(/^BOOT_IMAGE=\S+\s*/, '').replace(/\s*root=\S+/, '')}"`);
      ctx.out('root="/dev/vda1"');
      return 0;
    }
    if (!update || (add.length === 0 && remove.length === 0)) {
      ctx.err(GRUBBY_USAGE);
      return 1;
    }
    let words = vm.nextCmdline.split(/\s+/).filter(Boolean);
    const key = (w: string) => w.split('=')[0];
    for (const r of remove) words = words.filter((w) => (r.includes('=') ? w !== r : key(w) !== r));
    for (const w of add) {
      words = words.filter((x) => key(x) !== key(w));
      words.push(w);
    }
    vm.nextCmdline = words.join(' ');
    if (vm.nextCmdline !== vm.cmdline) ctx.note(ctx.msg.rebootNeeded);
    return 0;
  },
};

export const reboot: CommandSpec = {
  name: 'reboot',
  where: 'guest',
  desc: 'reboot',
  run(ctx) {
    const st = ctx.state;
    const vm = st.vm!;
    vm.cmdline = vm.nextCmdline;
    vm.haltpoll = haltpollDefaults();
    st.jobs = st.jobs.filter((j) => j.where !== 'guest');
    st.where = 'host';
    st.cwd.guest = '/root';
    ctx.out('Connection to guest closed by remote host.');
    ctx.out('Connection to guest closed.');
    return 0;
  },
};

export const poweroff: CommandSpec = {
  name: 'poweroff',
  where: 'guest',
  desc: 'poweroff',
  run(ctx) {
    const st = ctx.state;
    st.vm = null;
    st.jobs = st.jobs.filter((j) => j.where !== 'guest');
    st.where = 'host';
    st.cwd.guest = '/root';
    ctx.out('Connection to guest closed by remote host.');
    ctx.out('Connection to guest closed.');
    return 0;
  },
};
