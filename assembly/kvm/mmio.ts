// Device accesses from the guest and the exits they cause (kvm-facts §3.1,
// §11): a MOV to an emulated device's MMIO BAR faults on KVM's reserved-bit
// SPTE (EPT_MISCONFIG), is decoded by the emulator and, unless an ioeventfd
// claims it (kvm_fast_mmio), handed to QEMU; IN/OUT exit as IO_INSTRUCTION
// (handle_io; a REP INS moves one sector per exit, QEMU dispatching each
// element); RDMSR of an x2APIC register exits as MSR_READ unless APIC-register
// virtualization serves it; the first touch of a page the host never mapped is
// an EPT_VIOLATION.
import * as cfg from '../hw/config';
import * as D from '../hw/device_preset';
import {
  EXIT_REASON_EPT_MISCONFIG, EXIT_REASON_IO_INSTRUCTION, EXIT_REASON_MSR_READ, EXIT_REASON_EPT_VIOLATION,
} from '../hw/exit_reason';
import { deviceExit } from './vcpu';
import { devNetAccess, devNetNotify } from './dev_net';
import { devBlkAccess, devBlkNotify } from './dev_blk';

export const ACC_MMIO = 1; // MOV to/from an MMIO register handled by QEMU
export const ACC_PIO = 2; // IN/OUT of one register
export const ACC_PIO_STRING = 3; // REP INSW/OUTSW of one 512-byte sector (256 elements)
export const ACC_RDMSR = 4; // RDMSR of an x2APIC register (the TMR)
export const ACC_TOUCH = 5; // the first write to a guest page the host has not mapped
export const ACC_NOTIFY = 6; // virtio: publish the buffer, notify if virtqueue_kick_prepare says so (ioeventfd MMIO)

/** Elements of a REP INSW for one sector: 512 bytes in 16-bit words. */
const SECTOR_WORDS: f64 = 256.0; // ATA data register is 16 bits wide

/** Registers of the devices: NIC 1..31, disk 32..63 (what the device model acts on). */
export const REG_DISK_BASE = 32; // kvm/dev_blk.ts's registers start here

@inline export function access(kind: i32, reg: i32): i32 {
  return kind | (reg << 8);
}

/** OP_DEVICE: true when the access left the guest (an exit, timed by deviceExit). */
export function deviceAccess(v: i32, acc: i32, operand: i32): bool {
  const kind = acc & 0xff;
  const reg = acc >> 8;
  const disk = reg >= REG_DISK_BASE;
  if (kind == ACC_NOTIFY) {
    // The guest reads avail_event (event index): no write when the host said not to notify.
    const notify = disk ? devBlkNotify(v, reg, operand) : devNetNotify(v, reg, operand);
    if (!notify) return false;
    deviceExit(v, EXIT_REASON_EPT_MISCONFIG, D.FAST_MMIO_CYCLES + D.EVENTFD_SIGNAL_CYCLES);
    return true;
  }
  if (kind == ACC_RDMSR) {
    if (cfg.apicv) return false; // APIC-register virtualization reads the TMR from the virtual-APIC page
    deviceExit(v, EXIT_REASON_MSR_READ, D.RDMSR_APIC_CYCLES);
    return true;
  }
  if (kind == ACC_TOUCH) {
    deviceExit(v, EXIT_REASON_EPT_VIOLATION, D.EPT_VIOLATION_CYCLES);
    return true;
  }
  // The device model's own work, done by QEMU on the vCPU thread during the exit.
  const model = disk ? devBlkAccess(v, reg, operand) : devNetAccess(v, reg, operand);
  if (kind == ACC_MMIO) {
    deviceExit(v, EXIT_REASON_EPT_MISCONFIG, D.MMIO_EMULATE_CYCLES + D.USERSPACE_EXIT_CYCLES + model);
  } else if (kind == ACC_PIO) {
    deviceExit(v, EXIT_REASON_IO_INSTRUCTION, D.PIO_DECODE_CYCLES + D.USERSPACE_EXIT_CYCLES + model);
  } else {
    // String I/O goes through the emulator; QEMU moves the sector one element at a time.
    const c = D.PIO_DECODE_CYCLES + D.MMIO_EMULATE_CYCLES + D.USERSPACE_EXIT_CYCLES + SECTOR_WORDS * D.PIO_STRING_ELEMENT_CYCLES;
    deviceExit(v, EXIT_REASON_IO_INSTRUCTION, c + model);
  }
  return true;
}
