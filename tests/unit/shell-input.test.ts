// Bad input at the terminal: unknown commands, wrong flags, out-of-range
// values, 100 KB lines and control characters get the real tools' message
// and leave the machine as it was; nothing ever throws or prints a raw
// escape. The line editor (controller.ts) takes keys as xterm delivers them.
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { nodeShell } from '../../web/terminal/node';
import { TerminalController } from '../../web/terminal/controller';
import { snapshotState } from './shell-helpers';

const BIG = 100 * 1024;

/** Lines that must fail without touching the machine, with the start of what they print. */
const BAD: [string, RegExp][] = [
  ['frobnicate', /^bash: frobnicate: command not found$/m],
  ['kvm_stat --frob', /^kvm_stat: error: unrecognized arguments: --frob$/m],
  ['kvm_stat -s 99', /out of range \[0\.1-25\.5\]/],
  ['perf kvm stat report --key=bogus', /^failed to open perf\.data\.guest|^Unknown compare key:bogus$/m],
  ['perf kvm stat live --vcpu x', /switch `vcpu' expects a numerical value/],
  ['perf kvm stat', /Usage: perf kvm stat \[<options>\] \{record\|report\|live\}/],
  ['echo -5 > /sys/module/kvm/parameters/halt_poll_ns', /^bash: echo: write error: Invalid argument$/m],
  ['echo 99999999999 > /sys/module/kvm/parameters/halt_poll_ns_grow', /^bash: echo: write error: Numerical result out of range$/m],
  ['echo 1 > /sys/module/kvm_intel/parameters/ple_window', /Permission denied/],
  ['echo 1 > /sys/module/kvm/parameters/nope', /^bash: \/sys\/module\/kvm\/parameters\/nope: Permission denied$/m],
  ['echo 1 > /nope/file', /No such file or directory/],
  ['modprobe -r kvm_intel', /^modprobe: FATAL: Module kvm_intel is in use\.$/m],
  ['modprobe -r kvm', /^modprobe: FATAL: Module kvm is in use\.$/m],
  ['modprobe kvm_intel ple_gap=-1', /^$|could not insert/m],
  ['modprobe', /missing parameters/],
  ['qemu-system-x86_64 -enable-kvm -smp 0', /Invalid SMP CPUs 0/],
  ['qemu-system-x86_64 -enable-kvm -smp 9', /the model cannot run this configuration/],
  ['qemu-system-x86_64 -enable-kvm -cpu pentium', /unable to find CPU model 'pentium'/],
  ['qemu-system-x86_64 -enable-kvm -overcommit cpu-pm=maybe', /Invalid parameter/],
  ['taskset -pc 0-99 1', /No such process/],
  ['taskset 1', /Usage: taskset/],
  ['mpstat -P 7', /Not that many processors!/],
  ['mpstat 0', /Usage: mpstat/],
  ['mpstat 20', /at most 10 s/],
  ['stress --cpu 9', /host CPU hogs/],
  ['stress --cpu x', /invalid number/],
  ['stress --timeout 1', /Usage: stress/],
  ['ssh', /usage: ssh/],
  ['ssh nowhere', /Could not resolve hostname nowhere/],
  ['cat -x /proc/cmdline', /cat: invalid option -- 'x'/],
  ['kill %7', /no such job/],
  ['kill 99999', /No such process/],
  ['cd /proc/cmdline', /Not a directory/],
  ['"unterminated', /unexpected EOF while looking for matching/],
  ['; ls', /syntax error near unexpected token `;'/],
  ['echo >', /syntax error near unexpected token `newline'/],
  ['ls | grep x', /pipes are not part of this playground's shell/],
  ['x'.repeat(BIG), /^bash: x{200}…: command not found$/m],
  ['echo ' + '9'.repeat(BIG) + ' > /sys/module/kvm/parameters/halt_poll_ns', /Numerical result out of range/],
  ['\x01\x1b[31mred\x07', /^bash: \^A\^\[\[31mred\^G: command not found$/m],
  ['cat /sys/\x1b[2Jmodule', /^cat: \/sys\/\^\[\[2Jmodule: No such file or directory$/m],
  ['webbench', /^webbench: Missing URL!$/m],
  ['webbench -c 2 -t 1 http://guest/', /^Connect to server failed\. Aborting benchmark\.$/m],
  ['webbench -c 0 -t 1 http://guest/', /1 – 1024 clients/],
  ['webbench -t 99 http://guest/', /at most 10 s/],
  ['webbench ftp://guest/', /ftp:\/\/guest\/: is not a valid URL\./],
  ['qemu-system-x86_64 -enable-kvm -device virtio-net-pci,netdev=x', /Property 'virtio-net-pci\.netdev' can't find value 'x'/],
  ['qemu-system-x86_64 -enable-kvm -netdev tap', /Parameter 'id' is missing/],
  ['qemu-system-x86_64 -enable-kvm -nic tap,model=ne2k', /Unsupported NIC model: ne2k/],
  ['echo 2 > /proc/sys/kernel/nmi_watchdog', /^bash: echo: write error: Invalid argument$/m],
  ['echo 0 > /sys/module/kvm/parameters/halt_poll_ns_nope', /Permission denied/],
  ['perf stat -e cycles ./loop', /'stat' is not a perf-command/],
];

/** The same in the guest (after ssh guest). */
const BAD_GUEST: [string, RegExp][] = [
  ['perf stat -e foo ./loop', /^event syntax error: 'foo'$/m],
  ['perf stat', /Usage: perf stat \[<options>\] \[<command>\]/],
  ['perf stat -e', /switch `e' requires a value/],
  ['perf stat -e cycles,instructions ./loop', /give -e a prefix of that list/],
  ['perf stat -e instructions ./loop 9999999', /1 – 1,000,000 iterations/],
  ['perf stat -e ' + 'instructions,'.repeat(BIG / 13) + 'cycles ./loop', /give -e a prefix of that list/],
  ['perf stat -e \x1b[31m ./loop', /^event syntax error: '\^\[\[31m'$/m],
  ['perf record -e instructions:pppp ./loop', /^event syntax error: 'instructions:pppp'$/m],
  ['perf record -e instructions -c x ./loop', /switch `c' expects a numerical value/],
  ['perf record -e instructions -c 10 ./loop', /period=10 is out of range/],
  ['perf record -e instructions:ppp ./loop', /returned with 95 \(Operation not supported\)/],
  ['perf report', /^failed to open perf\.data: No such file or directory/m],
  ['perf annotate --frob', /unknown option `frob'/],
  ['iozone -I -r 8k -i 1', /no disk the model runs/],
  ['iozone -x', /invalid option -- 'x'/],
  ['nginx -s stop', /nginx\.pid" failed/],
  ['nginx -s', /invalid option: "-s "/],
];

describe('bad input in the guest', () => {
  for (const [line, expected] of BAD_GUEST) {
    test(`${JSON.stringify(line.length > 60 ? line.slice(0, 40) + '…' : line)}: the real message, the machine unchanged`, async () => {
      const sh = nodeShell();
      await sh.exec('ssh guest', { write: () => undefined });
      const before = JSON.parse(snapshotState(sh));
      let text = '';
      const r = await sh.exec(line, { write: (s) => (text += s) });
      expect(r.live).toBeUndefined();
      expect(r.status).not.toBe(0);
      expect(text).toMatch(expected);
      expect(text.length).toBeLessThan(2000);
      expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      const after = JSON.parse(snapshotState(sh));
      delete after.status;
      delete before.status;
      expect(after).toEqual(before);
    });
  }
});

describe('bad input', () => {
  for (const [line, expected] of BAD) {
    test(`${JSON.stringify(line.length > 60 ? line.slice(0, 40) + '…' : line)}: the real message, the machine unchanged`, async () => {
      const sh = nodeShell();
      const before = snapshotState(sh);
      let text = '';
      const r = await sh.exec(line, { write: (s) => (text += s) });
      expect(r.live).toBeUndefined();
      expect(r.status).not.toBe(0);
      expect(text).toMatch(expected);
      expect(text.length).toBeLessThan(2000);
      // No raw control character reaches the screen (the only ones are newlines and mpstat's tabs).
      expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      // The status of the last command changes, the history grows: nothing else.
      const after = JSON.parse(snapshotState(sh));
      const was = JSON.parse(before);
      delete after.status;
      delete was.status;
      expect(after).toEqual(was);
    });
  }

  test('random lines never throw and never print a raw escape', async () => {
    const sh = nodeShell();
    const words = fc.constantFrom('kvm_stat', '-1', '-f', 'perf', 'kvm', 'stat', 'report', 'echo', 'cat', '>', '&&', '|', ';', '&',
      '/sys/module/kvm/parameters/halt_poll_ns', '/sys/module/kvm_intel/parameters/ple_gap', 'modprobe', '-r', 'kvm_intel', 'ple_gap=0',
      'ssh', 'guest', 'exit', 'taskset', '-pc', '0', '2346', 'qemu-system-x86_64', '-smp', '-enable-kvm', 'stress', '--cpu', 'sleep',
      'netperf', '-t', 'TCP_RR', '-l', '1', 'webbench', 'http://guest/', 'nginx', 'iozone', '-I', '-i', '-r', '8k', 'record',
      'annotate', '-e', 'instructions:ppp', 'cycles', './loop', '-device', 'e1000', '-drive', 'if=virtio', '"', "'", '\\', '\x1b', '\x00', '\u0085', '中文', '9999999999999');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(words, fc.string({ maxLength: 12 })), { maxLength: 8 }), async (ws) => {
        let text = '';
        const r = await sh.exec(ws.join(' '), { write: (s) => (text += s), clear: () => undefined });
        if (r.live) {
          text += await r.live.next();
          text += await r.live.finish(true);
        }
        expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
        // Whatever ran, the knobs hold what the kernel would hold.
        for (const v of Object.values(sh.state.kvm)) expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

/** A screen that keeps what xterm would be sent. */
function screen() {
  const s = { data: '', write: (d: string) => (s.data += d), clear: () => (s.data = '') };
  return s;
}

async function settle(ctl: TerminalController) {
  for (let i = 0; i < 200 && ctl.phase !== 'idle'; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('the line editor', () => {
  test('typing, Enter, ↑ recalls, control characters never reach the line', async () => {
    const scr = screen();
    const ctl = new TerminalController(nodeShell(), scr);
    ctl.start();
    ctl.input('ca\x07\x1ct /sys/module/kvm/parameters/halt_poll_ns\r');
    await settle(ctl);
    expect(scr.data).toContain('\r\n200000\r\n');
    expect(scr.data.endsWith('root@host:~# ')).toBe(true);
    ctl.input('\x1b[A');
    expect(ctl.line).toBe('cat /sys/module/kvm/parameters/halt_poll_ns');
    ctl.input('\x15');
    expect(ctl.line).toBe('');
  });

  test('Tab completes, ← and Backspace edit in the middle', () => {
    const ctl = new TerminalController(nodeShell(), screen());
    ctl.input('kvm_s\t');
    expect(ctl.line).toBe('kvm_stat ');
    ctl.input('\x7f-1');
    ctl.input('\x1b[D\x1b[D\x7f');
    expect(ctl.line).toBe('kvm_sta-1');
  });

  test('a 100 KB paste is one line, cut at the editor\'s limit, and runs without trouble', async () => {
    const scr = screen();
    const ctl = new TerminalController(nodeShell(), scr);
    ctl.input('y'.repeat(200 * 1024));
    expect(ctl.line.length).toBe(128 * 1024);
    ctl.input('\r');
    await settle(ctl);
    expect(scr.data).toMatch(/bash: y{200}…: command not found/);
  });

  test('Ctrl-C stops a live view and the prompt comes back', async () => {
    const scr = screen();
    const ctl = new TerminalController(nodeShell(), scr);
    ctl.input('kvm_stat\r');
    for (let i = 0; i < 200 && !scr.data.includes('kvm statistics'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(ctl.phase).toBe('live');
    expect(scr.data).toContain('\x1b[H\x1b[2Jkvm statistics - summary');
    ctl.input('x');
    expect(ctl.phase).toBe('live');
    ctl.input('\x03');
    await settle(ctl);
    expect(scr.data).toMatch(/\^C\r\nroot@host:~# $/);
  });

  test('a pasted block runs line after line', async () => {
    const scr = screen();
    const ctl = new TerminalController(nodeShell(), scr);
    ctl.input('ssh guest\rnproc\rexit\r');
    for (let i = 0; i < 200 && !scr.data.includes('closed'); i++) await new Promise((r) => setTimeout(r, 5));
    await settle(ctl);
    expect(scr.data).toContain('root@guest:~# nproc\r\n2\r\n');
    expect(ctl.shell.state.where).toBe('host');
  });
});
