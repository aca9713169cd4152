// The guest's NIC drivers: e1000 (drivers/net/ethernet/intel/e1000) and
// virtio_net (drivers/net/virtio_net.c), as code paths of guest ops.
// - Transmit (ndo_start_xmit under the TX queue's spinlock): e1000 writes the
//   descriptor and the TDT doorbell (an MMIO exit); virtio-net adds the
//   buffer and kicks only when virtqueue_kick_prepare says so.
// - The interrupt: e1000_intr reads ICR, masks everything (IMC) and flushes
//   (a STATUS read), then schedules NAPI; virtio-net's vring_interrupt just
//   schedules NAPI (MSI-X, no register read). The softirq runs after the EOI.
// - NAPI poll (weight 64): take up to 64 frames; e1000 returns buffers (RDT)
//   and, done, re-enables interrupts (IMS, flushed); virtio-net re-enables
//   callbacks and polls again if frames arrived meanwhile.
import * as ops from '../hw/ops';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as D from '../hw/device_preset';
import {
  REG_E1000_ICR, REG_E1000_IMS, REG_E1000_IMC, REG_E1000_STATUS, REG_E1000_RDT, REG_E1000_TDT, REG_VIRTIO_TX, REG_SHARED_LINE,
  NIC_E1000, nicModel, devNetRxTake, devNetEnableCallbacks,
} from '../kvm/dev_net';
import { access, ACC_MMIO, ACC_PIO, ACC_RDMSR, ACC_NOTIFY } from '../kvm/mmio';
import { stage, flushFront } from './op_stage';
import { raiseNetRx, CALL_BH_DISABLE, CALL_BH_ENABLE } from './softirq';

/** NAPI_POLL_WEIGHT (include/linux/netdevice.h): frames per poll before the softirq yields. */
export const NAPI_BUDGET = 64;
/** The TX queue's lock (HARD_TX_LOCK around ndo_start_xmit). */
export const NIC_TX_LOCK = 1;

@inline function work(cycles: f64): void {
  stage(ops.OP_WORK, cyclesToNs(plainCost(cycles)), 0);
}

/** ndo_start_xmit of one frame (tag) on this vCPU: staged, the caller flushes. */
export function netXmit(tag: i32): void {
  work(D.GUEST_TX_FRAME_CYCLES);
  stage(ops.OP_CALL, CALL_BH_DISABLE, 0);
  stage(ops.OP_SPIN_LOCK, NIC_TX_LOCK, 0);
  if (nicModel == NIC_E1000) stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_TDT), tag);
  else stage(ops.OP_DEVICE, access(ACC_NOTIFY, REG_VIRTIO_TX), tag);
  stage(ops.OP_UNLOCK, NIC_TX_LOCK, 0);
  stage(ops.OP_CALL, CALL_BH_ENABLE, 0);
}

/**
 * The device's interrupt handler on vCPU v, called at OP_IRQ_DONE with the
 * EOI next in the queue: the handler's accesses, the EOI, then the NET_RX
 * softirq (OP_CALL `softirqCall`).
 */
export function netIrq(v: i32, softirqCall: i32): void {
  const eoiVec = ops.frontArg(v); // the OP_EOI that follows the handler
  ops.popFront(v);
  work(D.GUEST_DEV_IRQ_CYCLES);
  if (nicModel == NIC_E1000) {
    stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_ICR), 0);
    // The line is shared: in a QEMU i440fx guest the NIC's INTx and the PIIX3 UHCI controller meet on IRQ 11
    // (guests' /proc/interrupts read "11: IO-APIC-fasteoi uhci_hcd:usb1, eth0"), and uhci_irq reads its USBSTS
    // register, which is port I/O, on every interrupt of the line: one IO_INSTRUCTION per e1000 interrupt, in step
    // with the TMR read below, as S2 §4 counts them (6,763 each). virtio-net uses MSI-X and shares no line.
    stage(ops.OP_DEVICE, access(ACC_PIO, REG_SHARED_LINE), 0);
    stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_IMC), 0);
    stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_STATUS), 0);
    // ioapic_ack_level (arch/x86/kernel/apic/io_apic.c) reads the TMR before the EOI: an x2APIC RDMSR.
    stage(ops.OP_DEVICE, access(ACC_RDMSR, 0), 0x818); // x2APIC TMR, kvm-facts §4.1
  }
  stage(ops.OP_EOI, eoiVec, 0);
  if (raiseNetRx(v)) stage(ops.OP_CALL, softirqCall, 0); // irq_exit -> invoke_softirq
  flushFront(v);
}

/** The NAPI poll's frames: the next received frame's tag, -1 when the ring is empty. */
export function netRxNext(): i32 {
  return devNetRxTake();
}

/**
 * End of a NAPI poll that took `done` frames (after their processing was
 * staged): return buffers, then either poll again (budget used up, or frames
 * arrived while re-enabling) or re-enable the device's interrupts. Returns
 * true when the softirq must poll again.
 */
export function netPollEnd(done: i32): bool {
  if (nicModel == NIC_E1000) {
    if (done > 0) stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_RDT), 0); // e1000_alloc_rx_buffers' tail write
    if (done >= NAPI_BUDGET) return true;
    // napi_complete, e1000_irq_enable: IMS, then E1000_WRITE_FLUSH.
    stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_IMS), 0);
    stage(ops.OP_DEVICE, access(ACC_MMIO, REG_E1000_STATUS), 0);
    return false;
  }
  // virtio-net: try_fill_recv refills without a kick (the host asks for RX kicks only when out of buffers).
  if (done >= NAPI_BUDGET) return true;
  return !devNetEnableCallbacks();
}
