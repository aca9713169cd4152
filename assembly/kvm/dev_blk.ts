// The disk as the host provides it (disk=ide | virtio-blk), behind the exits
// of kvm/mmio.ts, with the physical device (hw/disk.ts) under it:
// - ide: QEMU's hw/ide. The guest loads the task file and writes the command
//   through port I/O, each access an exit to QEMU; a PIO read then moves data
//   one DRQ block (16 sectors, the READ MULTIPLE count QEMU reports) at a
//   time: QEMU reads the block from the disk, raises IRQ 14 (edge, legacy
//   mode) and the guest pulls every sector through the data port.
// - virtio-blk: the request goes into a vring and one kick (ioeventfd) wakes
//   the main loop, which submits it whole; its completion is one MSI.
import { now, schedule } from '../sim/engine';
import { EV_DEVICE } from '../sim/events';
import { DEVT_DISK, COUNTER_DEVICE_IRQS, COUNTER_HOST_DEVICE_IRQS, COUNTER_KICKS, COUNTER_DISK_BUSY_NS, COUNTER_DISK_ACCESSES } from '../sim/device_events';
import { addCounter } from '../sim/stats';
import * as D from '../hw/device_preset';
import { diskServiceNs } from '../hw/disk';
import { plainCost } from '../hw/cost';
import { backendSubmit, registerBackendHook, BACKEND_QEMU } from '../host/backend';
import { injectDeviceIrq, irqRouteLevel, physicalIrqOnVcpu } from './irqfd';


export const DISK_IDE = 0;
export const DISK_VIRTIO_BLK = 1;

export const REG_IDE_TASKFILE = 32; // a task-file register (features, count, LBA, device)
export const REG_IDE_COMMAND = 33; // command register: starts the request (operand = sectors)
export const REG_IDE_STATUS = 34; // status / alternate status / bus-master status
export const REG_IDE_DATA = 35; // the data port, one sector per REP INSW (operand = 1 at a block's last sector)
export const REG_VBLK_KICK = 36; // virtio-blk notify (operand = sectors)

/** Sectors per DRQ block: QEMU's IDENTIFY reports MAX_MULT_SECTORS = 16 and libata sets that READ MULTIPLE count. */
export const IDE_BLOCK_SECTORS = 16; // hw/ide/core.c MAX_MULT_SECTORS
export const SECTOR_BYTES = 512;

/** The physical disk's host interrupt (AHCI/SATA completion) that lands on a vCPU's pCPU with irq_affinity=same. */
const HOST_DISK_IRQ_CYCLES: f64 = 5000.0; // model assumption: ahci_interrupt plus the block softirq

const KIND_SUBMIT = 10; // virtio-blk: the main loop pops and submits (tag = sectors)
const KIND_COMPLETE = 11; // aio completion processed by the main loop (tag = sectors)

export let diskModel = DISK_IDE;
let device = 0;
let sequential = true;
let affinitySame = false;
let sectorsLeft = 0; // IDE: sectors of the command not yet read from the disk
let blockReady = 0; // IDE: sectors of the current DRQ block the guest may read
let vblkNotify = true;
let completed = 0; // virtio-blk: finished requests in the used ring, not yet reaped
export let diskAccesses: i64 = 0;
let diskFreeAt: i64 = 0; // the physical disk serves one access at a time
export let deviceIrqs: i64 = 0;
export let diskBusyNs: i64 = 0;

export function devBlkReset(model: i32, dev: i32, seq: bool, sameAffinity: bool): void {
  diskModel = model;
  device = dev;
  sequential = seq;
  affinitySame = sameAffinity;
  sectorsLeft = 0;
  blockReady = 0;
  vblkNotify = true;
  completed = 0;
  diskAccesses = 0;
  diskFreeAt = 0;
  deviceIrqs = 0;
  diskBusyNs = 0;
  irqRouteLevel(false); // IRQ 14 in legacy mode is an edge-triggered ISA interrupt; virtio-blk uses MSI-X
  registerBackendHook(backendDone);
}

/** The physical disk reads `sectors`; DEVT_DISK when done. */
function diskRead(sectors: i32): void {
  diskAccesses++;
  addCounter(COUNTER_DISK_ACCESSES, 1);
  const d = diskServiceNs(device, <i64>sectors * SECTOR_BYTES, sequential);
  diskBusyNs += d;
  addCounter(COUNTER_DISK_BUSY_NS, d);
  const start = diskFreeAt > now ? diskFreeAt : now;
  diskFreeAt = start + d;
  schedule(diskFreeAt, EV_DEVICE, DEVT_DISK, sectors);
}

export function onDiskDone(sectors: i32): void {
  addCounter(COUNTER_HOST_DEVICE_IRQS, 1);
  if (affinitySame) physicalIrqOnVcpu(0, plainCost(HOST_DISK_IRQ_CYCLES));
  const c = diskModel == DISK_IDE ? D.IDE_COMPLETE_CYCLES + D.QEMU_IRQ_IOCTL_CYCLES : D.VIRTIO_BLK_COMPLETE_CYCLES + D.QEMU_IRQ_IOCTL_CYCLES;
  backendSubmit(BACKEND_QEMU, KIND_COMPLETE, sectors, c);
}

function backendDone(th: i32, kind: i32, tag: i32): void {
  if (kind == KIND_SUBMIT) {
    diskRead(tag);
  } else if (kind == KIND_COMPLETE) {
    if (diskModel == DISK_IDE) blockReady = tag;
    else {
      completed++;
      vblkNotify = true; // the queue is empty again: QEMU re-enables notifications
    }
    deviceIrqs++;
    addCounter(COUNTER_DEVICE_IRQS, 1);
    injectDeviceIrq(0);
  }
}

/** IDE: start the next DRQ block of the command. */
function ideNextBlock(): void {
  const n = sectorsLeft < IDE_BLOCK_SECTORS ? sectorsLeft : IDE_BLOCK_SECTORS;
  sectorsLeft -= n;
  diskRead(n);
}

/** A port access trapped to QEMU: its effect; returns the model's cycles (spent in the exit). */
export function devBlkAccess(v: i32, reg: i32, operand: i32): f64 {
  if (reg == REG_IDE_COMMAND) {
    sectorsLeft = operand;
    ideNextBlock(); // ide_exec_cmd -> ide_sector_read -> blk_aio_preadv
    return D.IDE_REG_CYCLES + D.IDE_CMD_CYCLES;
  }
  if (reg == REG_IDE_DATA) {
    if (blockReady > 0) blockReady--;
    // The block's last sector ends the transfer: ide_transfer_stop -> the next block's read.
    if (blockReady == 0 && sectorsLeft > 0) {
      ideNextBlock();
      return D.IDE_REG_CYCLES + D.IDE_CMD_CYCLES;
    }
    return D.IDE_REG_CYCLES;
  }
  return D.IDE_REG_CYCLES;
}

/** virtio-blk: publish the request; true when the host asked for a kick. */
export function devBlkNotify(v: i32, reg: i32, sectors: i32): bool {
  if (!vblkNotify) {
    backendSubmit(BACKEND_QEMU, KIND_SUBMIT, sectors, D.VIRTIO_BLK_SUBMIT_CYCLES); // picked up by the running handler
    return false;
  }
  addCounter(COUNTER_KICKS, 1);
  vblkNotify = false; // virtio_blk_handle_vq disables notifications while it drains the queue
  backendSubmit(BACKEND_QEMU, KIND_SUBMIT, sectors, D.VIRTIO_BLK_SUBMIT_CYCLES);
  return true;
}

/** virtblk_done: take finished requests from the used ring. */
export function devBlkReap(): i32 {
  const n = completed;
  completed = 0;
  return n;
}
