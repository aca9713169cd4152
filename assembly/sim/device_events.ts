// Targets of EV_DEVICE (sim/events.ts): the device scenarios' timers.
export const DEVT_TO_HOST = 0; // a frame from the load generator reaches the host NIC (arg = frame tag)
export const DEVT_TO_CLIENT = 1; // a frame from the guest reaches the load generator (arg = frame tag)
export const DEVT_E1000_MIT = 2; // QEMU e1000's interrupt-mitigation timer
export const DEVT_DISK = 3; // the physical disk finished an access (arg = request tag)
export const DEVT_CLIENT_NEXT = 4; // a load-generator client starts its next request (arg = client)

// Counter slots the device models fill (sim/stats.ts counters; slots 0-6 are the workload's).
export const COUNTER_DEVICE_IRQ_EXITS = 7; // physical device interrupts that found vCPU 0 in guest mode (irq_affinity=same)
export const COUNTER_DEVICE_IRQS = 8; // interrupts the device model raised into the guest
export const COUNTER_HOST_DEVICE_IRQS = 9; // the physical device's interrupts on the host
export const COUNTER_KICKS = 10; // virtio notifications that exited
export const COUNTER_RX_DROPPED = 11; // frames lost for want of an RX buffer
export const COUNTER_BACKEND_BUSY_NS = 12; // QEMU main loop / vhost worker busy time
export const COUNTER_BACKEND_WAKEUPS = 13; // times it was woken from sleep
export const COUNTER_DISK_BUSY_NS = 14; // the physical disk's busy time
export const COUNTER_DISK_ACCESSES = 15; // accesses of the physical disk
