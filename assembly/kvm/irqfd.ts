// Device interrupts into the guest. MSI/MSI-X (virtio) arrives through an
// irqfd (vhost) or QEMU's KVM_SIGNAL_MSI; INTx (e1000, IDE) through the
// in-kernel IOAPIC. Either way KVM sets the vector in the target vCPU's LAPIC:
// posted when APICv has posted interrupts, else a kvm_vcpu_kick that wakes a
// halted vCPU or sends a running one a reschedule IPI (an EXTERNAL_INTERRUPT
// exit). A level-triggered IOAPIC vector sits in the EOI-exit bitmap, so its
// EOI reaches KVM even with APICv (EOI_INDUCED, kvm-facts §4.2).
import * as cfg from '../hw/config';
import { IRQ_DEV } from '../hw/irq';
import { deliverIrq, setLevelTriggered, pcpuOf, vState, V_GUEST, V_HALTED, VIA_KICK, VIA_POSTED } from './vcpu';
import { deviceIrqOn } from '../host/irq';
import { addCounter } from '../sim/stats';
import { COUNTER_DEVICE_IRQ_EXITS } from '../sim/device_events';

/** The device's interrupt is INTx through the IOAPIC (level) rather than MSI (edge). */
export function irqRouteLevel(level: bool): void {
  setLevelTriggered(level ? IRQ_DEV : 0);
}

/** kvm_set_irq / kvm_set_msi for the device vector on vCPU v. */
export function injectDeviceIrq(v: i32): void {
  deliverIrq(v, IRQ_DEV, cfg.postedInterrupts ? VIA_POSTED : VIA_KICK);
}

/**
 * The physical device's interrupt on the pCPU that runs vCPU v
 * (irq_affinity=same): in guest mode it is an EXTERNAL_INTERRUPT exit
 * (counted here as the device's), elsewhere it costs the host only.
 */
export function physicalIrqOnVcpu(v: i32, cycles: f64): void {
  const s = unchecked(vState[v]);
  if (s == V_GUEST || s == V_HALTED) addCounter(COUNTER_DEVICE_IRQ_EXITS, 1);
  deviceIrqOn(pcpuOf(v), cycles);
}
