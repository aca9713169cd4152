// The interrupt vectors the model distinguishes (a bit each in a LAPIC's IRR).
export const IRQ_IPI = 1;
export const IRQ_TIMER = 2;
export const IRQ_PMI = 4; // the PMI through LVTPC, delivered as an NMI (kvm-facts §6)
export const IRQ_DEV = 8; // a device's interrupt (NIC or disk), one vector in the model
