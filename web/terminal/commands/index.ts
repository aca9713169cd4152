// The command table: name → handler. `help` lists it, Tab completes from it,
// and a new tool is one more entry (perf's subcommands have their own table,
// PERF_SUBCOMMANDS in perf.ts; QEMU's devices theirs, DEVICE_MODELS in qemu.ts).
import type { CommandSpec } from '../shell';
import { help, clear, history, echo, cat, grep, ls, cd, pwd, sleep, jobs, kill, ps, nproc, uname, ssh, exit } from './basic';
import { kvmStat } from './kvm-stat';
import { perf } from './perf';
import { modprobe, lsmod } from './modules';
import { qemu, taskset } from './qemu';
import { mpstat } from './cpu-view';
import { stress, netperf, netserver } from './workloads';
import { grubby, reboot, poweroff } from './boot';
import { nginx, webbench, iozone } from './devices';
// perf stat, record, report and annotate add themselves to perf's subcommands.
import './perf-guest';

export const COMMANDS: readonly CommandSpec[] = [
  kvmStat, perf, modprobe, lsmod, qemu, taskset, mpstat, ssh,
  netperf, netserver, stress, nginx, webbench, iozone, grubby, reboot, poweroff,
  help, clear, history, echo, cat, grep, ls, cd, pwd, sleep, jobs, kill, ps, nproc, uname, exit,
];
