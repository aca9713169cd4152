// Golden output of every terminal command through the Node shell: the real
// model's output with a fixed seed, in the real tools' layouts. A golden
// file changes only when the layout or the model changes; review the diff.
import { describe, test, expect } from 'vitest';
import { session } from './shell-helpers';

const golden = (name: string) => `./golden/shell/${name}.txt`;

const SESSIONS: Record<string, { lines: string[]; frames?: number; host?: string }> = {
  'help': { lines: ['help'] },
  'sysfs-kvm': {
    lines: [
      'cat /sys/module/kvm/parameters/halt_poll_ns',
      'echo 0 > /sys/module/kvm/parameters/halt_poll_ns',
      'cat /sys/module/kvm/parameters/*',
      'echo 0x10 > /sys/module/kvm/parameters/halt_poll_ns_grow',
      'cat /sys/module/kvm/parameters/halt_poll_ns_grow',
      'echo -1 > /sys/module/kvm/parameters/halt_poll_ns',
      'echo 4294967296 > /sys/module/kvm/parameters/halt_poll_ns',
      'echo > /sys/module/kvm/parameters/halt_poll_ns_shrink',
      'ls -l /sys/module/kvm/parameters',
      'grep . /sys/module/kvm/parameters/*',
      'grep -r . /sys/module/kvm_intel',
      'grep -h 0 /sys/module/kvm/parameters/*',
      'grep -q x /proc/cmdline',
      'grep . /nope',
    ],
  },
  'sysfs-kvm-intel': {
    host: 'spr-6.x',
    lines: [
      'cat /sys/module/kvm_intel/parameters/ple_gap /sys/module/kvm_intel/parameters/ple_window',
      'cat /sys/module/kvm_intel/parameters/enable_apicv /sys/module/kvm_intel/parameters/enable_ipiv',
      'echo 0 > /sys/module/kvm_intel/parameters/ple_gap',
      'echo N > /sys/module/kvm_intel/parameters/enable_ipiv',
      'modprobe -r kvm_intel && modprobe kvm_intel ple_gap=0',
      'ssh guest',
      'poweroff',
      'modprobe -r kvm_intel && modprobe kvm_intel ple_gap=0 enable_ipiv=N',
      'cat /sys/module/kvm_intel/parameters/ple_gap /sys/module/kvm_intel/parameters/enable_ipiv',
      'lsmod',
      'modprobe kvm_intel ple_gap=abc',
      'modprobe kvm_foo',
    ],
  },
  'debugfs': {
    lines: ['ls /sys/kernel/debug/kvm', 'cat /sys/kernel/debug/kvm/halt_exits', 'sleep 1', 'cat /sys/kernel/debug/kvm/halt_exits /sys/kernel/debug/kvm/exits', 'cat /sys/kernel/debug/kvm/2345-11/halt_wakeup'],
  },
  'kvm-stat': {
    lines: ['kvm_stat -1', "kvm_stat -1 -f 'kvm_exit'", 'kvm_stat', 'kvm_stat -f help', 'kvm_stat -l', 'kvm_stat -s 0', 'kvm_stat --bogus', 'kvm_stat -f "("'],
    frames: 2,
  },
  'kvm-stat-busy': {
    lines: ['ssh guest', 'netperf -t TCP_RR -l 10 &', 'exit', 'kvm_stat -f "kvm_exit"'],
    frames: 2,
  },
  'perf-kvm-stat': {
    lines: [
      'perf kvm stat report',
      'ssh guest',
      'netperf -t TCP_RR -l 5 &',
      'exit',
      'perf kvm stat record -a sleep 1',
      'perf kvm stat report',
      'perf kvm stat report --key=time',
      'perf kvm stat report --event=ioport',
      'perf kvm stat live --vcpu 0',
      'perf kvm stat report --key=avg',
      'perf kvm stat report --event=foo',
      'perf kvm stat top',
      'perf bogus',
    ],
  },
  'netperf': {
    lines: ['ssh guest', 'netperf -t TCP_RR -l 1', 'netperf -t TCP_RR -H 10.0.0.1', 'netperf -t UDP_STREAM', 'netperf -l 20 -t TCP_RR', 'netperf -x', 'exit'],
  },
  'netperf-no-poll': {
    lines: ['echo 0 > /sys/module/kvm/parameters/halt_poll_ns', 'ssh guest', 'netperf -t TCP_RR -l 1'],
  },
  'haltpoll': {
    lines: [
      'ssh guest',
      'cat /sys/module/haltpoll/parameters/*',
      'cat /sys/devices/system/cpu/cpuidle/current_driver',
      'echo 100000 > /sys/module/haltpoll/parameters/guest_halt_poll_ns',
      'echo maybe > /sys/module/haltpoll/parameters/guest_halt_poll_allow_shrink',
      'grubby --update-kernel=ALL --args="cpuidle_haltpoll.force=1"',
      'cat /proc/cmdline',
      'reboot',
      'ssh guest',
      'cat /proc/cmdline',
      'cat /sys/devices/system/cpu/cpuidle/current_driver',
      'cat /sys/module/haltpoll/parameters/guest_halt_poll_ns',
      'netperf -t TCP_RR -l 1',
    ],
  },
  'idle-poll-trap': {
    lines: ['mpstat -P ALL', 'ssh guest', 'grubby --update-kernel=ALL --args=idle=poll', 'reboot', 'mpstat -P ALL', 'mpstat 1 2'],
  },
  'qemu': {
    lines: [
      'ps',
      'qemu-system-x86_64 -enable-kvm -smp 4 -cpu host,+kvm_pv_eoi -overcommit cpu-pm=on -device virtio-net-pci,vhost=on -drive file=disk.img,if=virtio',
      'nproc',
      'kvm_stat -1 -f kvm_exit',
      'qemu-system-x86_64 -smp 2',
      'qemu-system-x86_64 -enable-kvm -smp 99',
      'qemu-system-x86_64 -enable-kvm -cpu host,+bogus',
      'qemu-system-x86_64 -enable-kvm -device ne2k',
      'qemu-system-x86_64 -enable-kvm -frobnicate',
      'qemu-system-x86_64 -enable-kvm -smp',
    ],
  },
  'taskset-stress': {
    lines: [
      'taskset -pc 2346',
      'taskset -pc 1 2346',
      'kvm_stat -1',
      'taskset -pc 0-1 2346',
      'taskset -pc 0-1 2347',
      'mpstat -P ALL',
      'stress --cpu 2 --timeout 1s',
      'stress --cpu 2 &',
      'jobs',
      'mpstat -P ALL',
      'kill %1',
      'taskset -pc 9 2346',
      'taskset -pc 0 4242',
    ],
  },
  'guest-stress': {
    lines: ['ssh guest', 'stress --cpu 2 --timeout 1', 'stress --cpu 1', 'stress --cpu 2 &', 'exit', 'kvm_stat -1', 'mpstat -P ALL'],
  },
  'nic-webbench': {
    lines: [
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -device e1000,netdev=n0 -netdev tap,id=n0',
      'webbench -c 2 -t 1 http://guest/',
      'ssh guest',
      'nginx',
      'nginx',
      'exit',
      'webbench -c 2 -t 1 http://guest/',
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -device virtio-net-pci,netdev=n0 -netdev tap,id=n0,vhost=on',
      'ssh guest',
      'nginx',
      'exit',
      'webbench -c 2 -t 1 http://guest/',
      'webbench -c 2 -t 2 http://guest/ &',
      "kvm_stat -1 -f 'kvm_exit'",
      'perf kvm stat record -a sleep 1',
      'perf kvm stat report --event=mmio',
    ],
  },
  'nic-errors': {
    lines: [
      'webbench',
      'webbench guest',
      'webbench http://guest',
      'webbench -x http://guest/',
      'webbench -c 2 -t 1 http://guest/',
      'webbench -c 2 http://guest/',
      'webbench -c 5000 -t 1 http://guest/',
      'qemu-system-x86_64 -enable-kvm -device virtio-net-pci,netdev=x',
      'qemu-system-x86_64 -enable-kvm -nic tap,model=virtio-net-pci,vhost=on -device e1000e -drive file=a.img,if=scsi',
      'webbench -c 1 -t 1 http://10.0.0.9/',
      'ssh guest',
      'nginx -s stop',
      'nginx -v',
      'nginx -q',
    ],
  },
  'disk-iozone': {
    lines: [
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -drive file=disk.img,if=ide',
      'ssh guest',
      'iozone -I -r 8k -s 100m -i 0 -i 1 -i 2',
      'iozone -r 8k -i 1',
      'iozone -I -r 8k -i 5',
      'iozone -I -r 8k -i 0',
      'iozone -I -r 8x -i 1',
      'iozone -I -r 8192k -i 1',
      'poweroff',
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -drive file=disk.img,if=none,id=d0 -device virtio-blk-pci,drive=d0',
      'ssh guest',
      'iozone -I -r 8k -s 100m -i 1',
      'iozone -I -r 8k -s 100m -i 1 &',
      'exit',
      "kvm_stat -1 -f 'kvm_exit'",
    ],
  },
  'perf-stat': {
    host: 'icx-5.15',
    lines: [
      'ssh guest',
      'perf stat -e instructions,cycles -- ./loop 10000',
      'perf stat -e instructions,cycles,branches,branch-misses,cache-misses,cache-references,instructions,cycles -a -- ./loop',
      'perf stat -e foo ./loop',
      'perf stat -e instructions,cycles:x ./loop',
      'perf stat -e cycles,instructions ./loop',
      'perf stat -e task-clock ./loop',
      'perf stat -e instructions:u ./loop',
      'perf stat ./loop',
      'perf stat',
      'perf stat -e instructions --frob ./loop',
      'perf stat -e instructions ./loop 0',
      'perf stat -e instructions ls',
    ],
  },
  'perf-stat-amd': {
    host: 'zen3-5.15',
    lines: ['ssh guest', 'perf stat -e instructions,cycles,branches,branch-misses -- ./loop 10000'],
  },
  'perf-record': {
    host: 'spr-6.x',
    lines: [
      'ssh guest',
      'perf report',
      'perf annotate',
      'perf record -e instructions -c 20011 ./loop',
      'perf report --stdio',
      'perf report --sort=sym,srcline',
      'perf annotate --stdio',
      'perf record -e instructions:ppp -c 20011 ./loop',
      'perf annotate --stdio loop',
      'ls',
      'perf record -e instructions:pppp ./loop',
      'perf record -F 99 ./loop',
      'perf record -e branches ./loop',
      'perf record -e instructions -c 5 ./loop',
      'perf report --sort=foo',
    ],
  },
  'pmu-knobs': {
    host: 'spr-6.x',
    lines: [
      'grep . /sys/module/kvm/parameters/enable_pmu /sys/module/kvm/parameters/enable_mediated_pmu',
      'echo 0 > /sys/module/kvm/parameters/enable_pmu',
      'cat /proc/sys/kernel/nmi_watchdog',
      'echo 2 > /proc/sys/kernel/nmi_watchdog',
      'echo 0 > /proc/sys/kernel/nmi_watchdog',
      'cat /proc/sys/kernel/nmi_watchdog',
      'kill 2345',
      'modprobe -r kvm_intel',
      'modprobe kvm enable_pmu=0',
      'modprobe kvm_intel',
      'cat /sys/module/kvm/parameters/enable_pmu',
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host',
      'ssh guest',
      'perf stat -e instructions,cycles -- ./loop',
      'perf record -e instructions ./loop',
      'perf record -e cycles ./loop',
      'poweroff',
      'modprobe -r kvm_intel',
      'modprobe kvm enable_mediated_pmu=1',
      'modprobe kvm_intel',
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host',
      'ssh guest',
      'perf stat -e instructions,cycles -- ./loop',
      'exit',
      'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host,pmu=off',
      'ssh guest',
      'perf stat -e instructions,cycles -- ./loop',
    ],
  },
  'shell-errors': {
    lines: ['foo', 'netperf -t TCP_RR', 'ssh guest', 'kvm_stat', 'exit', 'ssh other', 'cat /nope', 'cat /sys', 'cd /sys/module/kvm/parameters', 'cat halt_poll_ns', 'cd /nope', 'echo "unterminated', '&& ls', 'kvm_stat | head', 'echo hi > /root/file', 'sleep x', 'sleep 20', 'history'],
  },
};

describe('golden terminal sessions (seed 1)', () => {
  for (const [name, s] of Object.entries(SESSIONS)) {
    test(name, async () => {
      const { text } = await session(s.lines, { frames: s.frames, host: s.host });
      await expect(text).toMatchFileSnapshot(golden(name));
    });
  }

  test('简体中文: the playground\'s own lines are in Chinese, the tools\' output is not', async () => {
    const { text } = await session(['echo 1 > /sys/module/kvm_intel/parameters/ple_gap', 'ssh guest', 'kvm_stat', 'netperf -t TCP_RR -l 1'], { locale: 'zh-CN' });
    await expect(text).toMatchFileSnapshot(golden('zh-CN'));
    expect(text).toContain('练习场：'.slice(0, 3));
    expect(text).toContain('bash: /sys/module/kvm_intel/parameters/ple_gap: Permission denied');
    expect(text).toContain('Socket Size   Request  Resp.   Elapsed  Trans.');
  });

  test('简体中文: the device and PMU notes too', async () => {
    const lines = ['webbench -c 2 -t 1 http://guest/', 'ssh guest', 'iozone -I -r 8k -i 1', 'perf stat ./loop', 'perf stat -e cycles,instructions ./loop', 'perf stat -e instructions,cycles -- ./loop'];
    const { text } = await session(lines, { locale: 'zh-CN', host: 'zen3-5.15' });
    await expect(text).toMatchFileSnapshot(golden('zh-CN-devices-pmu'));
    expect(text).toContain('练习场：虚拟机没有模型可运行的网卡');
    expect(text).toContain('练习场：循环的真实计数');
    expect(text).toContain(' Performance counter stats for \'./loop\':');
  });
});
