// The NIC as the host provides it (nic=e1000 | virtio | vhost), behind the
// exits of kvm/mmio.ts:
// - e1000: QEMU's hw/net/e1000.c. Every register access traps to QEMU; a
//   write to TDT transmits synchronously in the vCPU thread; received frames
//   are read from the tap by the main loop and copied into the RX ring. Each
//   cause (RXT0, TXDW) sets ICR; the INTx line is up while ICR & IMS; QEMU's
//   interrupt mitigation raises at most one interrupt per ITR interval.
// - virtio: vrings in guest memory. A kick is an ioeventfd write that wakes
//   the main loop; the TX bottom half disables notifications, flushes the
//   ring, re-enables them and looks again (event index: the guest kicks only
//   when the host asked). RX frames go into posted buffers; the guest is
//   interrupted only while its callbacks are enabled (not during NAPI).
// - vhost: the same rings served by the vhost-net kernel thread, with
//   completions through irqfd.
import { now, schedule } from '../sim/engine';
import { EV_DEVICE } from '../sim/events';
import { DEVT_TO_CLIENT, DEVT_E1000_MIT, COUNTER_DEVICE_IRQS, COUNTER_HOST_DEVICE_IRQS, COUNTER_KICKS, COUNTER_RX_DROPPED } from '../sim/device_events';
import { addCounter } from '../sim/stats';
import * as D from '../hw/device_preset';
import { wireNs, HOST_NIC_ITR_NS, HOST_NIC_IRQ_CYCLES } from '../hw/nic';
import { cyclesToNs, plainCost } from '../hw/cost';
import { backendSubmit, registerBackendHook, BACKEND_QEMU, BACKEND_VHOST } from '../host/backend';
import { injectDeviceIrq, irqRouteLevel, physicalIrqOnVcpu } from './irqfd';

export const NIC_E1000 = 0;
export const NIC_VIRTIO = 1;
export const NIC_VHOST = 2;

// Registers (kvm/mmio.ts encodes them into the access).
export const REG_E1000_ICR = 1; // read clears the causes (and drops the INTx line)
export const REG_E1000_IMS = 2; // write: enable interrupts
export const REG_E1000_IMC = 3; // write: mask interrupts
export const REG_E1000_STATUS = 4; // read: E1000_WRITE_FLUSH
export const REG_E1000_RDT = 5; // write: RX tail, new buffers
export const REG_E1000_TDT = 6; // write: TX tail, operand = the frame's tag
export const REG_VIRTIO_TX = 7; // virtio-net TX notify, operand = the frame's tag
export const REG_SHARED_LINE = 8; // UHCI's USBSTS (port I/O), read by uhci_irq on the INTx line the NIC shares (guest/net_driver.ts)

const ICR_TXDW: i32 = 1; // transmit descriptor written back
const ICR_RXT0: i32 = 2; // receiver timer (a frame arrived)

/**
 * QEMU's e1000 mitigation delay: the larger of TADV, RADV and ITR, but at least
 * 500 units of 256 ns ("a maximum observable interrupt rate of 7813
 * interrupts/sec", hw/net/e1000.c set_interrupt_cause). The guest driver's
 * ITR (InterruptThrottleRate=3: 20,000/s, 195 units) is below that floor.
 */
const E1000_MIT_NS: i64 = 500 * 256;

const KIND_RX = 1; // the backend read a frame from the tap (tag)
const KIND_TX_FLUSH = 2; // the backend flushed the TX ring (tag = frames)

const RING = 256; // virtio-net and e1000 ring entries (QEMU's default queue size; e1000 RxDescriptors default 256)
const rxRing = new StaticArray<i32>(RING);
let rxHead = 0;
let rxLen = 0;
const txRing = new StaticArray<i32>(RING);
let txHead = 0;
let txLen = 0;

export let nicModel = NIC_E1000;
let affinitySame = false;
// e1000 state
let icr: i32 = 0;
let ims = true;
let lineUp = false;
let mitTimerOn = false;
// virtio state
let txNotify = true; // the host wants a kick (avail_event)
let txFlushing = false;
let rxCallbacks = true; // the guest wants an interrupt (used_event)
let lastHostIrqAt: i64 = -1;


export function devNetReset(model: i32, sameAffinity: bool): void {
  nicModel = model;
  affinitySame = sameAffinity;
  rxHead = 0;
  rxLen = 0;
  txHead = 0;
  txLen = 0;
  icr = 0;
  ims = true;
  lineUp = false;
  mitTimerOn = false;
  txNotify = true;
  txFlushing = false;
  rxCallbacks = true;
  lastHostIrqAt = -1;
  irqRouteLevel(model == NIC_E1000); // e1000 has no MSI in QEMU: INTx through the IOAPIC
  registerBackendHook(backendDone);
}

@inline function backendThread(): i32 {
  return nicModel == NIC_VHOST ? BACKEND_VHOST : BACKEND_QEMU;
}

/** Interrupts go to vCPU 0 (IOAPIC default routing; virtio-net's single queue pair has its affinity on CPU 0). */
@inline function irqVcpu(): i32 {
  return 0;
}

/** A frame from the load generator reaches the host NIC. */
export function frameFromWire(tag: i32): void {
  // The physical NIC's interrupt, moderated, on the pCPU its affinity names.
  if (lastHostIrqAt < 0 || now - lastHostIrqAt >= HOST_NIC_ITR_NS) {
    lastHostIrqAt = now;
    addCounter(COUNTER_HOST_DEVICE_IRQS, 1);
    if (affinitySame) physicalIrqOnVcpu(irqVcpu(), plainCost(HOST_NIC_IRQ_CYCLES));
  }
  const c = nicModel == NIC_VHOST ? D.VHOST_FRAME_CYCLES : nicModel == NIC_VIRTIO ? D.VIRTIO_RX_FRAME_CYCLES : D.E1000_RX_FRAME_CYCLES;
  backendSubmit(backendThread(), KIND_RX, tag, c);
}

function backendDone(th: i32, kind: i32, tag: i32): void {
  if (kind == KIND_RX) {
    if (rxLen >= RING) {
      addCounter(COUNTER_RX_DROPPED, 1); // no free buffer: the frame is lost (no retransmission is modelled)
      return;
    }
    unchecked((rxRing[(rxHead + rxLen) & (RING - 1)] = tag));
    rxLen++;
    if (nicModel == NIC_E1000) setCause(ICR_RXT0);
    else virtioNotifyRx();
  } else if (kind == KIND_TX_FLUSH) {
    for (let i = 0; i < tag; i++) {
      const f = unchecked(txRing[txHead]);
      txHead = (txHead + 1) & (RING - 1);
      txLen--;
      sendToWire(f);
    }
    txFlushing = false;
    // Re-enable notifications, then look at the ring again (virtio_net_flush_tx / handle_tx).
    if (txLen > 0) startTxFlush();
    else txNotify = true;
  }
}

function sendToWire(tag: i32): void {
  schedule(now + wireNs(), EV_DEVICE, DEVT_TO_CLIENT, tag);
}

/** The guest's virtqueue_kick_prepare for a TX frame: publish it; true when the host asked for a kick. */
export function devNetNotify(v: i32, reg: i32, tag: i32): bool {
  if (txLen < RING) {
    unchecked((txRing[(txHead + txLen) & (RING - 1)] = tag));
    txLen++;
  }
  if (!txNotify) return false;
  txNotify = false; // the backend disables notifications while it works
  addCounter(COUNTER_KICKS, 1);
  startTxFlush();
  return true;
}

function startTxFlush(): void {
  if (txFlushing) return;
  txFlushing = true;
  const n = txLen;
  const batch = nicModel == NIC_VHOST ? D.VHOST_BATCH_CYCLES : D.VIRTIO_BATCH_CYCLES;
  const frame = nicModel == NIC_VHOST ? D.VHOST_FRAME_CYCLES : D.VIRTIO_TX_FRAME_CYCLES;
  backendSubmit(backendThread(), KIND_TX_FLUSH, n, batch + <f64>n * frame);
}

/** Used ring updated: interrupt the guest if it enabled callbacks (vring_need_event on used_event). */
function virtioNotifyRx(): void {
  if (!rxCallbacks) return;
  rxCallbacks = false; // the guest's vring_interrupt disables them until NAPI completes
  raiseIrq();
}

/** kvm_set_msi from the backend's thread (irqfd for vhost, KVM_SIGNAL_MSI for QEMU) or the INTx line. */
function raiseIrq(): void {
  addCounter(COUNTER_DEVICE_IRQS, 1);
  injectDeviceIrq(irqVcpu());
}

// --- e1000 -----------------------------------------------------------------------
function setCause(bits: i32): void {
  icr |= bits;
  if (mitTimerOn) return; // raised when the mitigation timer fires
  updateLine();
}

function updateLine(): void {
  const up = icr != 0 && ims;
  if (up && !lineUp) {
    lineUp = true;
    raiseIrq();
    // QEMU's mitigation: no new interrupt before the delay has passed.
    mitTimerOn = true;
    schedule(now + E1000_MIT_NS, EV_DEVICE, DEVT_E1000_MIT, 0);
  } else if (!up) {
    lineUp = false;
  }
}

export function onMitTimer(): void {
  mitTimerOn = false;
  updateLine();
}

/** A register access trapped to QEMU: its effect; returns the model's cycles (spent in the exit). */
export function devNetAccess(v: i32, reg: i32, operand: i32): f64 {
  if (reg == REG_E1000_ICR) {
    icr = 0;
    updateLine();
    return D.E1000_REG_CYCLES;
  }
  if (reg == REG_E1000_IMC) {
    ims = false;
    updateLine();
    return D.E1000_REG_CYCLES;
  }
  if (reg == REG_E1000_IMS) {
    ims = true;
    if (!mitTimerOn) updateLine();
    return D.E1000_REG_CYCLES + (lineUp ? D.QEMU_IRQ_IOCTL_CYCLES : 0.0);
  }
  if (reg == REG_E1000_TDT) {
    // start_xmit runs now, in this exit; the TXDW cause follows.
    sendToWire(operand);
    setCause(ICR_TXDW);
    return D.E1000_REG_CYCLES + D.E1000_TX_FRAME_CYCLES;
  }
  return D.E1000_REG_CYCLES; // STATUS, RDT, the shared line's status port
}


/** The guest driver takes the next received frame from its RX ring (-1: none). */
export function devNetRxTake(): i32 {
  if (rxLen == 0) return -1;
  const tag = unchecked(rxRing[rxHead]);
  rxHead = (rxHead + 1) & (RING - 1);
  rxLen--;
  return tag;
}

/** virtio: napi_complete re-enables callbacks (virtqueue_enable_cb_prepare); false when frames already wait. */
export function devNetEnableCallbacks(): bool {
  if (rxLen > 0) return false; // virtqueue_poll: more work, keep polling
  rxCallbacks = true;
  return true;
}
