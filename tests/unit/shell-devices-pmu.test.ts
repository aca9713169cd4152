// The terminal's device and PMU commands print the model: webbench's
// requests are the nic scenario's, iozone's rates the disk scenario's,
// perf stat's counts the perf-stat scenario's and perf annotate's shares the
// perf-record scenario's, for the same parameters and seed; the knobs
// (QEMU's devices, kvm.enable_pmu, enable_mediated_pmu, -cpu pmu=off, the
// NMI watchdog) reach the run; background jobs drive kvm_stat.
import { describe, test, expect } from 'vitest';
import { session } from './shell-helpers';
import { run } from './helpers';
import { machineParams, guestScenario, scenarioParams } from '../../web/terminal/model';

const E1000 = 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -device e1000,netdev=n0 -netdev tap,id=n0';
const VHOST = 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -device virtio-net-pci,netdev=n0 -netdev tap,id=n0,vhost=on';
const VIRTIO = 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -nic tap,model=virtio-net-pci';
const IDE = 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -drive file=disk.img,if=ide';
const VIRTIO_BLK = 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host -drive file=disk.img,if=virtio';

const requestsOf = (text: string) => Number(/^Requests: (\d+) susceed, 0 failed\.$/m.exec(text)![1]);
const iozoneRow = (text: string) => /^\s+102400\s+8\s+(.*)$/m.exec(text)![1].trim().split(/\s+/).map(Number);
const kvmStatRow = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[()]/g, '\\$&')}\\s+(\\d+)\\s+(\\d+)$`, 'm').exec(text)?.[1] ?? 0);
const webbench = (qemu: string, clients = 2) => [qemu, 'ssh guest', 'nginx', 'exit', `webbench -c ${clients} -t 1 http://guest/`];

describe('devices', () => {
  test('QEMU\'s spellings of the NICs and disks map to the model\'s devices', async () => {
    const cases: [string, Record<string, string>][] = [
      [E1000, { nic: 'e1000' }],
      [VHOST, { nic: 'vhost' }],
      [VIRTIO, { nic: 'virtio' }],
      ['qemu-system-x86_64 -enable-kvm -nic tap,model=virtio-net-pci,vhost=on', { nic: 'vhost' }],
      ['qemu-system-x86_64 -enable-kvm -net nic,model=virtio -net tap,vhost=on', { nic: 'vhost' }],
      ['qemu-system-x86_64 -enable-kvm -device virtio-net-pci,vhost=on', { nic: 'vhost' }],
      [IDE, { disk: 'ide' }],
      [VIRTIO_BLK, { disk: 'virtio-blk' }],
      ['qemu-system-x86_64 -enable-kvm -drive file=d.img,if=none,id=d0 -device virtio-blk-pci,drive=d0', { disk: 'virtio-blk' }],
      ['qemu-system-x86_64 -enable-kvm -device e1000e -drive file=d.img,if=scsi', {}],
    ];
    for (const [line, want] of cases) {
      const { shell } = await session([line]);
      expect(shell.state.vm!.deviceParams, line).toEqual(want);
    }
  });

  test('webbench against nginx prints the nic scenario\'s requests for the same parameters and seed', async () => {
    const { text, shell } = await session(webbench(E1000));
    // The session's first model run: seed 1.
    expect(shell.state.runs).toBe(1);
    const params = scenarioParams(shell.state, 'nic', 'en', { clients: 2, duration_ns: 1e9 });
    expect(params).toMatchObject({ nic: 'e1000', clients: 2, vcpus: 2, host: 'snb-3.11' });
    const r = await run('nic', params, { seed: 1 });
    expect(requestsOf(text)).toBe(Number(r.metrics.requests));
    expect(text).toContain(`Speed=${Math.trunc(Number(r.metrics.requests) * 60)} pages/min`);
  });

  test('S2\'s direction: vhost-net serves more requests than virtio-net, which serves more than e1000', async () => {
    const rate = async (q: string) => requestsOf((await session(webbench(q))).text);
    const [e1000, virtio, vhost] = [await rate(E1000), await rate(VIRTIO), await rate(VHOST)];
    expect(virtio).toBeGreaterThan(e1000);
    expect(vhost).toBeGreaterThan(virtio);
  });

  test('webbench -c reaches the model: more clients, more requests', async () => {
    const one = requestsOf((await session(webbench(VHOST, 1))).text);
    const eight = requestsOf((await session(webbench(VHOST, 8))).text);
    expect(eight).toBeGreaterThan(one);
  });

  test('a background webbench drives kvm_stat: e1000\'s register accesses are EPT_MISCONFIG exits, vhost has far fewer', async () => {
    const misconfig = async (q: string) => {
      const { text, shell } = await session([q, 'ssh guest', 'nginx', 'exit', 'webbench -c 2 -t 5 http://guest/ &', "kvm_stat -1 -f 'kvm_exit'"]);
      expect(guestScenario(shell.state)).toBe('nic');
      return kvmStatRow(text, 'kvm_exit(EPT_MISCONFIG)');
    };
    const e1000 = await misconfig(E1000);
    const vhost = await misconfig(VHOST);
    expect(e1000).toBeGreaterThan(0);
    expect(vhost).toBeLessThan(e1000 / 2);
  });

  test('iozone -I prints the disk scenario\'s rate; IDE\'s port I/O is slower than virtio-blk', async () => {
    const cmd = 'iozone -I -r 8k -s 100m -i 1';
    const ide = await session([IDE, 'ssh guest', cmd]);
    const params = scenarioParams(ide.shell.state, 'disk', 'en', { record_kb: 8, access: 'seq', duration_ns: 200e6 });
    expect(params).toMatchObject({ disk: 'ide', record_kb: 8 });
    const r = await run('disk', params, { seed: 1 });
    const [read, reread] = iozoneRow(ide.text);
    expect(read).toBe(Math.trunc((Number(r.metrics.records) * 8) / 0.2));
    expect(reread).toBeGreaterThan(0);
    const vblk = await session([VIRTIO_BLK, 'ssh guest', cmd]);
    expect(iozoneRow(vblk.text)[0]).toBeGreaterThan(read * 1.3);
  });

  test('a background iozone on IDE shows in kvm_stat as IO_INSTRUCTION exits, and ends by itself', async () => {
    const { text, shell } = await session([IDE, 'ssh guest', 'iozone -I -r 8k -i 1 -i 2 &', 'exit', "kvm_stat -1 -f 'kvm_exit'", 'sleep 1']);
    expect(kvmStatRow(text, 'kvm_exit(IO_INSTRUCTION)')).toBeGreaterThan(1000);
    expect(text).toMatch(/^\[1\]\+  Done\s+iozone -I -r 8k -i 1 -i 2$/m);
    expect(shell.state.jobs).toEqual([]);
  });

  test('perf kvm stat has no MMIO rows: the model\'s exits carry no addresses, and it says so', async () => {
    const { text } = await session([E1000, 'ssh guest', 'nginx', 'exit', 'webbench -c 2 -t 2 http://guest/ &', 'perf kvm stat record -a sleep 1', 'perf kvm stat report --event=mmio']);
    expect(text).toContain('Total Samples:0,');
    expect(text).toMatch(/playground: the model's exits carry no guest-physical addresses/);
  });
});

describe('PMU', () => {
  const counts = (text: string) => [...text.matchAll(/^\s+([\d,]+)\s{6}(\S+)/gm)].map((m) => [m[2], Number(m[1].replace(/,/g, ''))] as const);

  test('perf stat prints the perf-stat scenario\'s counts for the same host, events and seed', async () => {
    for (const host of ['icx-5.15', 'zen3-5.15']) {
      const { text } = await session(['ssh guest', 'perf stat -e instructions,cycles,branches -- ./loop 5000'], { host });
      const r = await run('perf-stat', { host, counters: 3, loop_iterations: 5000 }, { seed: 1 });
      const model = (r.metrics.counters as { event: string; count: number }[]).map((c) => [c.event, c.count] as const);
      expect(counts(text)).toEqual(model);
    }
  });

  test('counting skew is visible: AMD without a global control counts perf\'s own instructions on the first counter', async () => {
    const { text } = await session(['ssh guest', 'perf stat -e instructions,cycles -- ./loop 10000'], { host: 'zen3-5.15' });
    const instructions = counts(text).find(([e]) => e === 'instructions')![1];
    expect(instructions).toBeGreaterThan(120000); // 12 instructions × 10,000 iterations is the truth
    expect(text).toMatch(/instructions 120,000 \(\+\d+\)/);
  });

  test('kvm.enable_pmu=0 and -cpu host,pmu=off give the guest no PMU: <not supported>, and perf record refuses', async () => {
    const reload = ['kill 2345', 'modprobe -r kvm_intel', 'modprobe kvm enable_pmu=0', 'modprobe kvm_intel', 'qemu-system-x86_64 -enable-kvm -smp 2 -cpu host', 'ssh guest'];
    const a = await session([...reload, 'perf stat -e instructions -- ./loop', 'perf record -e instructions ./loop'], { host: 'spr-6.x' });
    expect(a.text).toMatch(/^\s+<not supported>\s+instructions$/m);
    expect(a.text).toMatch(/^The instructions event is not supported\.$/m);
    expect(machineParams(a.shell.state, 'en').vpmu).toBe('off');
    expect(a.shell.state.guestPerfData).toBeNull();
    const b = await session(['qemu-system-x86_64 -enable-kvm -smp 2 -cpu host,pmu=off', 'ssh guest', 'perf stat -e instructions -- ./loop']);
    expect(b.text).toMatch(/^\s+<not supported>\s+instructions$/m);
  });

  test('the vPMU design follows the host kernel and kvm.enable_mediated_pmu', async () => {
    const vpmu = async (lines: string[], host: string) => machineParams((await session(lines, { host })).shell.state, 'en').vpmu;
    expect(await vpmu([], 'snb-3.11')).toBe('legacy');
    expect(await vpmu([], 'icx-5.15')).toBe('reuse');
    expect(await vpmu([], 'spr-6.x')).toBe('reuse');
    expect(await vpmu(['kill 2345', 'modprobe -r kvm_intel', 'modprobe kvm enable_mediated_pmu=1', 'modprobe kvm_intel', 'qemu-system-x86_64 -enable-kvm'], 'spr-6.x')).toBe('mediated');
    // 5.15 has neither parameter: modprobe ignores an unknown one and the design stays.
    const { text, shell } = await session(['cat /sys/module/kvm/parameters/enable_pmu', 'kill 2345', 'modprobe -r kvm_intel', 'modprobe kvm enable_pmu=0', 'modprobe kvm_intel', 'qemu-system-x86_64 -enable-kvm'], { host: 'icx-5.15' });
    expect(text).toContain('cat: /sys/module/kvm/parameters/enable_pmu: No such file or directory');
    expect(machineParams(shell.state, 'en').vpmu).toBe('reuse');
  });

  test('perf record and annotate print the perf-record scenario\'s listing; skid without PEBS, none with PDist on spr-6.x', async () => {
    const share = (text: string) => [...text.matchAll(/^\s+([\d.]+) :\t\s+[0-9a-f]+:/gm)].map((m) => Number(m[1]));
    const tvd = (text: string) => Number(/total-variation distance between the samples and the truth: ([\d.]+)/.exec(text)![1]);
    const skid = await session(['ssh guest', 'perf record -e instructions -c 20011 ./loop', 'perf annotate --stdio'], { host: 'spr-6.x' });
    const r = await run('perf-record', { host: 'spr-6.x', event: 'instructions', precise: 0, period: 20011 }, { seed: 1 });
    expect(share(skid.text)).toEqual((r.metrics.listing as { sample_share: number }[]).map((l) => Number((100 * l.sample_share).toFixed(2))));
    const pdist = await session(['ssh guest', 'perf record -e instructions:ppp -c 20011 ./loop', 'perf annotate --stdio'], { host: 'spr-6.x' });
    expect(tvd(skid.text)).toBeGreaterThan(0.5);
    expect(tvd(pdist.text)).toBeLessThan(0.05);
    expect(pdist.text).toMatch(/Captured and wrote [\d.]+ MB perf\.data \(2000 samples\)/);
  });

  test(':ppp on a host whose guest PMU has no PEBS fails as the kernel refuses it, and leaves no perf.data', async () => {
    const { text, shell } = await session(['ssh guest', 'perf record -e instructions:ppp ./loop', 'perf report'], { host: 'snb-3.11' });
    expect(text).toContain('returned with 95 (Operation not supported) for event (instructions:ppp)');
    expect(text).toContain("failed to open perf.data: No such file or directory  (try 'perf record' first)");
    expect(shell.state.guestPerfData).toBeNull();
  });

  test('the NMI watchdog file is validated as proc_dointvec_minmax does and reaches the model', async () => {
    const { text, shell } = await session(['echo 0 > /proc/sys/kernel/nmi_watchdog', 'echo 5 > /proc/sys/kernel/nmi_watchdog', 'echo x > /proc/sys/kernel/nmi_watchdog', 'cat /proc/sys/kernel/nmi_watchdog']);
    expect(text.match(/bash: echo: write error: Invalid argument/g)).toHaveLength(2);
    expect(text).toMatch(/nmi_watchdog\n0\n$/);
    expect(machineParams(shell.state, 'en').nmi_watchdog).toBe('off');
  });

  test('completion knows the new commands and options', async () => {
    const { shell } = await session(['ssh guest']);
    expect(shell.complete('perf s').candidates).toEqual(['stat']);
    expect(shell.complete('perf record -e instructions:p').candidates).toEqual(['instructions:p', 'instructions:pp', 'instructions:ppp']);
    expect(shell.complete('ioz').candidates).toEqual(['iozone']);
    expect(shell.complete('ngi').candidates).toEqual(['nginx']);
    await shell.exec('exit', { write: () => undefined });
    expect(shell.complete('webb').candidates).toEqual(['webbench']);
    expect(shell.complete('perf ').candidates).toEqual(['kvm']); // stat, record, report, annotate run in the guest
    expect(shell.complete('qemu-system-x86_64 -netdev tap,id=n0,v').candidates).toEqual(['tap,id=n0,vhost=on']);
  });
});
