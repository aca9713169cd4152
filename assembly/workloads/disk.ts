// iozone-style direct I/O (S2 §4: 8 KB records, O_DIRECT): one process reads
// record after record, synchronously, sequentially or at random offsets. It
// runs on vCPU 0, where the disk interrupts (the scheduler's wake_affine keeps
// a task woken by an interrupt on the CPU that took it). Each record: the
// syscall's way down, the driver's submission, a sleep until the completion
// interrupt, the way back.
import { now } from '../sim/engine';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as D from '../hw/device_preset';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { param, paramI64, P_DISK, P_DISK_DEVICE, P_IRQ_AFFINITY, P_ACCESS, P_RECORD_KB } from '../sim/params';
import { addCounter, sampleRow, commitSample } from '../sim/stats';
import { backendReset } from '../host/backend';
import { devBlkReset } from '../kvm/dev_blk';
import { registerDeviceTasks } from '../guest/task_hooks';
import { blkDriverReset, blkSubmit, blkIrq, vblkInFlight } from '../guest/blk_driver';
import { stage, stageReset, flushBack } from '../guest/op_stage';

export const COUNTER_RECORDS = 0;
export const COUNTER_BYTES = 1;

const IOZONE_VCPU = 0;
const CALL_DONE = 110; // the device finished (arg = requests)
const CALL_RECORD_DONE = 111;

const ST_SUBMIT = 0; // runnable: submit the record (or its next command)
const ST_WAIT = 1; // asleep until the completion interrupt
const ST_COMPLETE = 2; // woken: the syscall returns
const ST_RUNNING = 3; // its ops are queued

let recordSectors = 0;
let sectorsLeft = 0; // of the record, not yet submitted
let state = ST_SUBMIT;
let startedAt: i64 = 0;

export function start(): void {
  D.applyDevicePreset(cfg.host);
  backendReset();
  devBlkReset(<i32>param(P_DISK), <i32>param(P_DISK_DEVICE), param(P_ACCESS) == 0, param(P_IRQ_AFFINITY) == 1);
  blkDriverReset();
  registerDeviceTasks(deviceIrq, callbacksQueued);
  recordSectors = <i32>(paramI64(P_RECORD_KB) * 2);
  sectorsLeft = 0;
  state = ST_SUBMIT;
}

/**
 * rcu_needs_cpu on iozone's vCPU. Model assumption: S2's 4.4 guest kept its
 * tick running under this load (its disk table has MSR_WRITE ≈ the completion
 * interrupts' EOIs, not the four clockevent writes per idle period a stopped
 * and restarted tick costs); the model says callbacks stay queued on the CPU
 * that runs the record loop, which keeps the tick (guest/kernel.ts).
 */
function callbacksQueued(v: i32): bool {
  return v == IOZONE_VCPU;
}

export function needResched(v: i32): bool {
  return v == IOZONE_VCPU && (state == ST_SUBMIT || state == ST_COMPLETE);
}

function deviceIrq(v: i32): void {
  blkIrq(v, CALL_DONE);
}

export function call(v: i32, code: i32, arg: i32): void {
  if (code == 0) {
    if (v != IOZONE_VCPU) return;
    stageReset();
    // schedule() back into iozone from idle: the switch runs with the run-queue lock held, interrupts off.
    if (state == ST_COMPLETE || sectorsLeft > 0) {
      stage(ops.OP_CLI, 0, 0);
      stage(ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_CONTEXT_SWITCH_CYCLES)), 0);
      stage(ops.OP_STI, 0, 0);
    }
    if (state == ST_SUBMIT) {
      if (sectorsLeft == 0) {
        startedAt = now;
        sectorsLeft = recordSectors;
        stage(ops.OP_WORK, cyclesToNs(plainCost(D.IOZONE_SUBMIT_CYCLES)), 0);
      }
      sectorsLeft -= blkSubmit(sectorsLeft);
      state = ST_WAIT;
    } else if (state == ST_COMPLETE) {
      stage(ops.OP_WORK, cyclesToNs(plainCost(D.IOZONE_COMPLETE_CYCLES)), 0);
      stage(ops.OP_CALL, CALL_RECORD_DONE, 0);
      state = ST_RUNNING;
    }
    flushBack(v);
  } else if (code == CALL_DONE) {
    // IDE: a command's last block; virtio-blk: requests reaped. The task wakes when its part is done.
    if (state != ST_WAIT || vblkInFlight() > 0) return;
    state = sectorsLeft > 0 ? ST_SUBMIT : ST_COMPLETE; // libata's next command of this record, or the syscall returns
  } else if (code == CALL_RECORD_DONE) {
    addCounter(COUNTER_RECORDS, 1);
    addCounter(COUNTER_BYTES, <i64>recordSectors * 512);
    unchecked((sampleRow[0] = <i32>(now - startedAt)));
    commitSample();
    state = ST_SUBMIT;
  }
}
