// Event kinds of the model. Target is a vCPU or pCPU index as noted; most
// vCPU events carry the vCPU's generation in arg so a superseded event (work
// paused by an interrupt, a poll cut short) is recognised and dropped.

export const EV_OP_DONE = 1; // vCPU: the front guest op's time ran out (arg = gen)
export const EV_EXIT_DONE = 2; // vCPU: an exit was handled, back in the guest (arg = gen)
export const EV_POLL_TIMEOUT = 4; // vCPU: the halt-poll window ran out (arg = gen)
export const EV_ENTERED = 7; // vCPU: VMRESUME done, first guest instruction (arg = gen)
export const EV_KICK = 8; // vCPU: an interrupt is sent to it (arg = irq bits | how << 8): kvm_vcpu_kick, posted, or IPIv
export const EV_GUEST_TIMER = 9; // vCPU: its LAPIC timer deadline (arg = timer gen)
export const EV_GUEST_POLL_WAKE = 10; // vCPU: a polling idle loop sees need_resched (no IPI needed)
export const EV_LOCK_HANDOFF = 11; // vCPU: a released lock's cache line reaches the next waiter
export const EV_SWITCH_DONE = 12; // pCPU: context switch finished
export const EV_RESCHED_IPI = 13; // pCPU: a reschedule IPI arrived (wake-up or wake-up preemption)
export const EV_HOST_TICK = 14; // pCPU: host scheduler tick
export const EV_END = 16; // duration_ns elapsed
export const EV_PI_NOTIFY = 17; // vCPU: a posted-interrupt notification reaches its pCPU
export const EV_HOST_IRQ = 18; // pCPU: a host interrupt other than the tick (device IRQ, IPI)
export const EV_PMI = 19; // vCPU: a counter of its guest overflowed with PMI enabled
export const EV_BACKEND_DONE = 20; // backend thread (target): its current work item is done (host/backend.ts)
export const EV_DEVICE = 21; // a device-model timer (target = timer id, arg = tag): wire, disk, interrupt mitigation
