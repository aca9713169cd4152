// The guest's disk drivers: libata's ata_piix in PIO mode (drivers/ata/
// libata-sff.c) and virtio_blk (drivers/block/virtio_blk.c).
// - ata_piix: ata_sff_tf_load writes the task file (LBA28: feature, count,
//   three LBA bytes, device; LBA48 adds the five "high order" bytes), waits
//   for idle (a status read), writes the command and pauses (an alternate-
//   status read). Each DRQ block's interrupt reads alternate status and status,
//   moves every sector through the data port (REP INSW), syncs (alternate
//   status) and clears the bus-master interrupt bit (read, write).
// - virtio_blk: virtio_queue_rq adds the request and kicks if the host asked.
import * as ops from '../hw/ops';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as D from '../hw/device_preset';
import {
  REG_IDE_TASKFILE, REG_IDE_COMMAND, REG_IDE_STATUS, REG_IDE_DATA, REG_VBLK_KICK, IDE_BLOCK_SECTORS, DISK_IDE, diskModel, devBlkReap,
} from '../kvm/dev_blk';
import { access, ACC_PIO, ACC_PIO_STRING, ACC_NOTIFY } from '../kvm/mmio';
import { stage, flushFront } from './op_stage';

/** The block layer's largest request: BLK_DEF_MAX_SECTORS (1024 sectors, 512 KB) in Linux 4.4. */
export const MAX_REQUEST_SECTORS = 1024; // include/linux/blkdev.h
/** LBA28 commands carry at most 256 sectors (lba_28_ok in include/linux/ata.h). */
const LBA28_MAX_SECTORS = 256;

let ideSectorsLeft = 0; // of the command in flight
let vblkOutstanding = 0;

export function blkDriverReset(): void {
  ideSectorsLeft = 0;
  vblkOutstanding = 0;
}

@inline function work(cycles: f64): void {
  stage(ops.OP_WORK, cyclesToNs(plainCost(cycles)), 0);
}

/** Start a read of `sectors` (staged; the caller flushes); returns the sectors this submission covers. */
export function blkSubmit(sectors: i32): i32 {
  if (diskModel == DISK_IDE) {
    // libata issues one command per request; requests are at most MAX_REQUEST_SECTORS.
    const n = sectors < MAX_REQUEST_SECTORS ? sectors : MAX_REQUEST_SECTORS;
    ideSectorsLeft = n;
    const tf = n > LBA28_MAX_SECTORS ? 11 : 6; // ata_sff_tf_load: LBA48 writes the HOB bytes too
    for (let i = 0; i < tf; i++) stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_TASKFILE), 0);
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // ata_wait_idle
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_COMMAND), n); // ata_sff_exec_command
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // ata_sff_pause
    return n;
  }
  let left = sectors;
  while (left > 0) {
    const n = left < MAX_REQUEST_SECTORS ? left : MAX_REQUEST_SECTORS;
    left -= n;
    vblkOutstanding++;
    stage(ops.OP_DEVICE, access(ACC_NOTIFY, REG_VBLK_KICK), n);
  }
  return sectors;
}

/**
 * The disk's interrupt on vCPU v at OP_IRQ_DONE (the EOI next): the handler's
 * accesses, the EOI, then `doneCall` if the request finished.
 * Returns requests completed (IDE: 1 when the command's last block was read).
 */
export function blkIrq(v: i32, doneCall: i32): i32 {
  const eoiVec = ops.frontArg(v);
  ops.popFront(v);
  work(D.GUEST_DEV_IRQ_CYCLES);
  let finished = 0;
  if (diskModel == DISK_IDE) {
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // ata_sff_irq_status: alternate status
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // status (clears INTRQ)
    const n = ideSectorsLeft < IDE_BLOCK_SECTORS ? ideSectorsLeft : IDE_BLOCK_SECTORS;
    for (let s = 0; s < n; s++) stage(ops.OP_DEVICE, access(ACC_PIO_STRING, REG_IDE_DATA), 0); // ata_pio_sector
    ideSectorsLeft -= n;
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // ata_sff_sync
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // ata_bmdma_irq_clear: read the bus-master status
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_IDE_STATUS), 0); // ... and write it back
    if (ideSectorsLeft == 0) finished = 1;
  } else {
    finished = devBlkReap(); // virtblk_done walks the used ring
    vblkOutstanding -= finished;
  }
  stage(ops.OP_EOI, eoiVec, 0);
  if (finished > 0) stage(ops.OP_CALL, doneCall, finished);
  flushFront(v);
  return finished;
}

@inline export function vblkInFlight(): i32 {
  return vblkOutstanding;
}
