// Costs of the default host: the Sandy Bridge 2.6 GHz machine with host
// kernel 3.11 on which S1 measured the IPI -> HLT wake-up path
// (shared/reference/seed-figures.md §1). Each constant is one piece of work a
// kernel developer would name; the five-segment table of §1 is what their
// sums were calibrated against, the rest of the behaviour is the mechanism's.

/** Core clock; converts cycles (what S1 reports) to the engine's nanoseconds. */
export const CPU_MHZ: f64 = 2600.0; // S1: Sandy Bridge at 2.6 GHz

// --- VMX transitions -------------------------------------------------------
/** Hardware VM exit plus KVM's register save, up to the exit handler. */
export const VMEXIT_CYCLES: f64 = 200.0; // part of S1 segment 1 (400/300); world switch ~2,000 round trip on Nehalem, kvm-facts §10 [K85]
/** VMRESUME with event injection, up to the guest's first instruction. */
export const VMENTRY_INJECT_CYCLES: f64 = 900.0; // S1 segment 5 (1,400/1,200) less IRQ_DISPATCH_CYCLES
/** Plain VMRESUME back into the guest after a handled exit. */
export const VMENTRY_CYCLES: f64 = 500.0; // kvm-facts §10: fastpath exit round trip ~860–1,120 cycles [K76]

// --- Exit handlers -----------------------------------------------------------
/** handle_wrmsr -> kvm_x2apic_icr_write -> kvm_apic_send_ipi -> kvm_vcpu_kick. */
export const ICR_WRITE_HANDLER_CYCLES: f64 = 150.0; // S1 segment 1 (400/300) less VMEXIT_CYCLES
/** kvm_emulate_halt: count the exit, mark the vCPU halted, reach kvm_vcpu_halt. */
export const HLT_HANDLER_CYCLES: f64 = 300.0; // small next to segment 3; no direct figure (model assumption)
/** EOI write without APICv: decode, clear the ISR bit, update PPR. */
export const EOI_HANDLER_CYCLES: f64 = 300.0; // same order as the ICR handler (model assumption)

// --- Host scheduler --------------------------------------------------------
/** try_to_wake_up of a task sleeping on another pCPU, from the waker's side. */
export const TTWU_REMOTE_CYCLES: f64 = 500.0; // S1 segment 2, always-schedule (1,200) split with the IPI below
/** Reschedule IPI reaching an idle pCPU and the pCPU leaving its idle state. */
export const RESCHED_IPI_CYCLES: f64 = 700.0; // S1 segment 2, always-schedule (1,200)
/** Leaving NOHZ idle: restart the tick, rcu_idle_exit, cpuidle exit. */
export const IDLE_EXIT_CYCLES: f64 = 2900.0; // S1 segment 3, always-schedule (8,500): idle exit + switch + bookkeeping
/** schedule(): pick_next_task plus context_switch between two host tasks. */
export const CONTEXT_SWITCH_CYCLES: f64 = 4500.0; // S1 segment 3, always-schedule (8,500)
/** kvm_sched_in -> kvm_arch_vcpu_load: VMPTRLD, host state and MSR reload. */
export const VCPU_LOAD_CYCLES: f64 = 3000.0; // S1 segment 4: 3,400 scheduled vs 400 polled
/** Extra cache and TLB misses on the first guest instructions after a switch. */
export const COLD_CACHE_CYCLES: f64 = 200.0; // S1 segment 5: 1,400 scheduled vs 1,200 polled

// --- Halt-polling ------------------------------------------------------------
/** One kvm_vcpu_halt poll round: kvm_vcpu_check_block, cpu_relax, ktime_get. */
export const POLL_ITERATION_CYCLES: f64 = 1000.0; // S1 segment 2, never-schedule (1,300): mean wait is half a round
/** The pending-IRQ cache line moving from the sender's core to the poller's. */
export const CACHELINE_TRANSFER_CYCLES: f64 = 800.0; // S1 segment 2, never-schedule (1,300)
/** Leaving kvm_vcpu_halt: ktime_get, halt stats, grow/shrink the window. */
export const HALT_BOOKKEEPING_CYCLES: f64 = 1100.0; // S1 segment 3, never-schedule (1,100)
/** vcpu_enter_guest without a reload: requests, interrupt injection setup. */
export const ENTRY_PREP_CYCLES: f64 = 400.0; // S1 segment 4, never-schedule (400)

// --- Guest --------------------------------------------------------------------
/** First instruction of the IPI handler after delivery (IDT dispatch). */
export const IRQ_DISPATCH_CYCLES: f64 = 300.0; // part of S1 bare-metal 1,200 and segment 5
/** The benchmark's loop from the handler's return to the next HLT. */
export const GUEST_LOOP_CYCLES: f64 = 1000.0; // model assumption: a few hundred instructions

// --- Bare metal -------------------------------------------------------------
/** WRMSR to the x2APIC ICR on bare metal (no exit). */
export const BARE_ICR_WRITE_CYCLES: f64 = 100.0; // S1 bare metal: 1,200 cycles end to end
/** IPI message from one core's local APIC to another's. */
export const APIC_IPI_DELIVERY_CYCLES: f64 = 400.0; // S1 bare metal: 1,200 cycles end to end
/** A core leaving HLT (C1) when an interrupt arrives. */
export const C1_EXIT_CYCLES: f64 = 400.0; // S1 bare metal: 1,200 cycles end to end

// --- Variation ---------------------------------------------------------------
/** Log-normal sigma applied to every cost: caches, branch predictors, clocks. */
export const JITTER_SIGMA: f64 = 0.07; // S1: min/median/p90 within about ±7% of the median
/** Bare-metal jitter: hardware-only paths vary less. */
export const BARE_JITTER_SIGMA: f64 = 0.04; // S1 bare metal: 1,200–1,400 cycles
/** Host interrupts (ticks, device IRQs, IPIs) hitting host kernel code, per second. */
export const HOST_IRQ_RATE_HZ: f64 = 4000.0; // S2 §4: ~500 LOC/s per busy CPU plus RES/device IRQs; tuned to S1's p99
/** Pareto scale and shape of one host interrupt's handling cost. */
export const HOST_IRQ_XM_CYCLES: f64 = 5000.0; // model assumption
export const HOST_IRQ_ALPHA: f64 = 1.2; // heavy tail: softirq or RCU work behind an IRQ; S1 max 521,000 cycles
export const HOST_IRQ_CAP_CYCLES: f64 = 1300000.0; // 500 µs: a host tick period bounds the worst case

// --- Host kernel paths beyond the IPI -> HLT benchmark --------------------------
/** Host timer tick handler (update_process_times, scheduler_tick) after an exit. */
export const HOST_TICK_HANDLER_CYCLES: f64 = 3000.0; // model assumption; S2 §4: host LOC ticks show up as EXTERNAL_INTERRUPT exits
/** Host reschedule-IPI handler (scheduler_ipi) when it interrupts a running vCPU. */
export const RESCHED_HANDLER_CYCLES: f64 = 400.0; // model assumption, same order as the ICR handler
/** Emulated timer MSR write: TMICT or TSC_DEADLINE -> start_apic_timer -> hrtimer. */
export const TIMER_MSR_HANDLER_CYCLES: f64 = 1000.0; // kvm-facts §10: full exit round trip ~3k–4k cycles (CPUID), timer writes cheaper
/** TSC_DEADLINE write handled in the irq-off fastpath (EXIT_FASTPATH_REENTER_GUEST). */
export const TSC_DEADLINE_FASTPATH_CYCLES: f64 = 300.0; // kvm-facts §4.6 [K37]; fastpath round trip ~860–1,120 cycles [K76]
/** handle_pause: grow the PLE window, kvm_vcpu_on_spin scan, yield_to attempt. */
export const PAUSE_HANDLER_CYCLES: f64 = 1500.0; // model assumption; kvm-facts §3.3: PAUSE exits average under 1 µs [K28]
/** A guest write to MSR_KVM_POLL_CONTROL or another plain emulated MSR. */
export const PLAIN_MSR_HANDLER_CYCLES: f64 = 500.0; // model assumption

// --- Guest kernel -------------------------------------------------------------
/** Guest timer interrupt work (tick_sched_timer, hrtimer_interrupt) excluding MSR writes. */
export const GUEST_TICK_CYCLES: f64 = 2600.0; // model assumption: ~1 µs
/** Guest context switch between two tasks on one vCPU. */
export const GUEST_CONTEXT_SWITCH_CYCLES: f64 = 2600.0; // kvm-facts §10: in-guest context switch ~1.2–2.5 µs [K21]
/** Guest try_to_wake_up of a task, before any IPI. */
export const GUEST_WAKEUP_CYCLES: f64 = 1300.0; // model assumption: ~0.5 µs
/** A contended lock's cache line moving to the next waiter. */
export const LOCK_HANDOFF_CYCLES: f64 = 300.0; // model assumption: one cross-core cache-line transfer

// --- Host scheduler (CFS defaults) -------------------------------------------------
/** sysctl_sched_latency: the period CFS shares among runnable tasks. */
export const SCHED_LATENCY_NS: i64 = 6000000; // kernel/sched/fair.c default (6 ms)
/** sysctl_sched_min_granularity: the shortest slice. */
export const SCHED_MIN_GRANULARITY_NS: i64 = 750000; // kernel/sched/fair.c default (0.75 ms)
/** Cycles between two PAUSEs of a spin loop; PLE counts a loop only if this is <= ple_gap. */
export const SPIN_LOOP_GAP_CYCLES: f64 = 40.0; // kvm-facts §5: measured gaps are usually < 128 cycles
/** The locked read-modify-write that takes or releases a spinlock. */
export const LOCK_ATOMIC_CYCLES: f64 = 40.0; // model assumption: an uncontended LOCK CMPXCHG; also keeps a zero-work loop from taking zero time
