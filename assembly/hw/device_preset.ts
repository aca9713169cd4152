// Costs of the device paths, per host preset: what one trap, one packet or
// one request costs in the guest, in KVM, in QEMU and in vhost. Loaded by the
// device scenarios at start (the other scenarios never read them). Every
// figure here is a model assumption unless a source is named: no published
// per-access costs were read for these paths (kvm-facts §11 is qualitative).
import { HOST_SPR_6_X } from './preset';

// --- KVM: the exit paths of a device access -------------------------------------
/** handle_ept_misconfig -> x86 emulator: fetch and decode the MOV, find the MMIO range. */
export let MMIO_EMULATE_CYCLES: f64 = 1500.0;
/** kvm_fast_mmio: an ioeventfd-backed write matched without decoding (kvm-facts §3.1, §11). */
export let FAST_MMIO_CYCLES: f64 = 400.0;
/** handle_io: the exit qualification names the port, no emulator for IN/OUT. */
export let PIO_DECODE_CYCLES: f64 = 400.0;
/** KVM_RUN returns to QEMU (KVM_EXIT_MMIO / KVM_EXIT_IO), kvm_cpu_exec dispatches under the BQL, ioctl(KVM_RUN) again. */
export let USERSPACE_EXIT_CYCLES: f64 = 4500.0;
/** QEMU's per-element dispatch of a string port access (kvm_handle_io loops over the count). */
export let PIO_STRING_ELEMENT_CYCLES: f64 = 15.0;
/** kvm_x2apic_msr_read of an APIC register (TMR) without APIC-register virtualization. */
export let RDMSR_APIC_CYCLES: f64 = 400.0;
/** A guest page the host never mapped: host page fault, allocate and zero 4 KB, install the EPT entry. */
export let EPT_VIOLATION_CYCLES: f64 = 12000.0;
/** eventfd_signal waking the thread that waits on it (ioeventfd -> QEMU's poll or the vhost worker). */
export let EVENTFD_SIGNAL_CYCLES: f64 = 600.0;
/** irqfd: eventfd -> kvm_set_msi from the backend's thread (vhost, or QEMU with irqfd). */
export let IRQFD_CYCLES: f64 = 800.0;
/** QEMU raising a line or an MSI through an ioctl (KVM_IRQ_LINE / KVM_SIGNAL_MSI) from its own thread. */
export let QEMU_IRQ_IOCTL_CYCLES: f64 = 3000.0;

// --- QEMU's and vhost's device models ---------------------------------------------
/** e1000_mmio_read / _write of a plain register (ICR, IMS, IMC, STATUS, RDT) in QEMU. */
export let E1000_REG_CYCLES: f64 = 1500.0;
/** e1000 start_xmit for one frame: descriptor and buffer DMA through address_space_rw, qemu_send_packet, tap write(). */
export let E1000_TX_FRAME_CYCLES: f64 = 32000.0;
/** Main loop: tap read() and e1000_receive (descriptor fetch, copy into guest memory, write-back, set_ics). */
export let E1000_RX_FRAME_CYCLES: f64 = 32000.0;
/** Main loop: tap read() and virtio_net_receive into a guest buffer (virtqueue_pop, copy, fill). */
export let VIRTIO_RX_FRAME_CYCLES: f64 = 30000.0;
/** Main loop: virtio_net_flush_tx for one frame (virtqueue_pop, tap writev). */
export let VIRTIO_TX_FRAME_CYCLES: f64 = 30000.0;
/** One bottom-half or notification round of userspace virtio: set_notification, event index, virtio_notify. */
export let VIRTIO_BATCH_CYCLES: f64 = 10000.0;
/** vhost-net handle_tx / handle_rx for one frame (in-kernel sendmsg / recvmsg on the tap socket, no copy to userspace). */
export let VHOST_FRAME_CYCLES: f64 = 5000.0;
/** One vhost work round: vhost_disable_notify / vhost_enable_notify and the used-ring update. */
export let VHOST_BATCH_CYCLES: f64 = 2000.0;
/** ide_ioport_write / _read of a task-file or status register. */
export let IDE_REG_CYCLES: f64 = 800.0;
/** ide_exec_cmd for a read: start the transfer, blk_aio_preadv of one DRQ block. */
export let IDE_CMD_CYCLES: f64 = 5000.0;
/** Main loop: an aio completion (ide_sector_read_cb), DRQ set, IRQ 14 raised. */
export let IDE_COMPLETE_CYCLES: f64 = 5000.0;
/** Main loop: virtio_blk_handle_vq: pop the request, map its buffers, io_submit. */
export let VIRTIO_BLK_SUBMIT_CYCLES: f64 = 8000.0;
/** Main loop: the aio completion, used ring, virtio_notify. */
export let VIRTIO_BLK_COMPLETE_CYCLES: f64 = 6000.0;

// --- The guest's side ------------------------------------------------------------
/** One received frame from the driver's ring through netif_receive_skb and TCP. */
export let GUEST_RX_FRAME_CYCLES: f64 = 10000.0;
/** One transmitted frame from TCP down to the driver's ndo_start_xmit. */
export let GUEST_TX_FRAME_CYCLES: f64 = 8000.0;
/** nginx serving one small static page: accept4, recv, parse, open/sendfile, log, close, epoll_wait. */
export let NGINX_REQUEST_CYCLES: f64 = 150000.0;
/** iozone's pread/pwrite with O_DIRECT up to the driver: dio setup, bio, request allocation. */
export let IOZONE_SUBMIT_CYCLES: f64 = 12000.0;
/** The completion's way back: request end, dio completion, the syscall's return. */
export let IOZONE_COMPLETE_CYCLES: f64 = 6000.0;
/** A device interrupt handler's own work besides its register accesses. */
export let GUEST_DEV_IRQ_CYCLES: f64 = 1500.0;

export function applyDevicePreset(host: i32): void {
  // snb-3.11 (S2's era) first; spr-6.x differs only where a newer kernel or CPU changed the path.
  MMIO_EMULATE_CYCLES = 1500.0;
  FAST_MMIO_CYCLES = 400.0;
  PIO_DECODE_CYCLES = 400.0;
  USERSPACE_EXIT_CYCLES = 4500.0;
  PIO_STRING_ELEMENT_CYCLES = 15.0;
  RDMSR_APIC_CYCLES = 400.0;
  EPT_VIOLATION_CYCLES = 12000.0;
  EVENTFD_SIGNAL_CYCLES = 600.0;
  IRQFD_CYCLES = 800.0;
  QEMU_IRQ_IOCTL_CYCLES = 3000.0;
  E1000_REG_CYCLES = 1500.0;
  E1000_TX_FRAME_CYCLES = 32000.0;
  E1000_RX_FRAME_CYCLES = 32000.0;
  VIRTIO_RX_FRAME_CYCLES = 30000.0;
  VIRTIO_TX_FRAME_CYCLES = 30000.0;
  VIRTIO_BATCH_CYCLES = 10000.0;
  VHOST_FRAME_CYCLES = 5000.0;
  VHOST_BATCH_CYCLES = 2000.0;
  IDE_REG_CYCLES = 800.0;
  IDE_CMD_CYCLES = 5000.0;
  IDE_COMPLETE_CYCLES = 5000.0;
  VIRTIO_BLK_SUBMIT_CYCLES = 8000.0;
  VIRTIO_BLK_COMPLETE_CYCLES = 6000.0;
  GUEST_RX_FRAME_CYCLES = 10000.0;
  GUEST_TX_FRAME_CYCLES = 8000.0;
  NGINX_REQUEST_CYCLES = 150000.0;
  IOZONE_SUBMIT_CYCLES = 12000.0;
  IOZONE_COMPLETE_CYCLES = 6000.0;
  GUEST_DEV_IRQ_CYCLES = 1500.0;
  if (host == HOST_SPR_6_X) {
    USERSPACE_EXIT_CYCLES = 6000.0; // model assumption: syscall-return and entry mitigations cost more on a 6.x host
    FAST_MMIO_CYCLES = 300.0; // model assumption
  }
}
