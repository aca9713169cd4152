// Host presets: hardware and host kernel chosen together (the `host`
// parameter). Each cost is one piece of work a kernel developer would name.
//
// snb-3.11 is S1's hosts (Sandy Bridge / Ivy Bridge at 2.6 GHz, Linux 3.11):
// its IPI -> HLT costs were calibrated against the five-segment table of
// shared/reference/seed-figures.md §1; everything else is the mechanism's.
// spr-6.x is a Sapphire Rapids-class host with a 6.x kernel: fastpaths,
// APICv, posted interrupts, IPI virtualization, the VMX preemption timer.
// Its costs are taken from the ranges of kvm-facts §10 (kernel commit
// messages and cover letters), not from measurements of one machine.

export const HOST_SNB_3_11 = 0;
export const HOST_SPR_6_X = 1;
export const HOST_ICX_5_15 = 2;
export const HOST_ZEN3_5_15 = 3;
export const HOST_ZEN4_6_X = 4;

/** Core clock; converts cycles (what S1 reports) to the engine's nanoseconds. */
export let CPU_MHZ: f64 = 2600.0;

// --- What the host kernel and CPU have -------------------------------------------
/** KVM backs a running vCPU's LAPIC timer with the VMX preemption timer (Linux 4.10+, kvm-facts §4.6 [K30]). */
export let HV_TIMER = false;
/** TSC_DEADLINE writes handled in the irq-off fastpath (kvm-facts §4.6 [K37]). */
export let TSC_DEADLINE_FASTPATH = false;
/** Single-target x2APIC ICR writes sent from the irq-off fastpath (2019, kvm-facts §4.2 [K36]). */
export let ICR_FASTPATH = false;
/** The CPU can virtualize IPIs (Sapphire Rapids and later, kvm-facts §4.2 [K34]). */
export let IPIV_CAPABLE = false;
/** The scheduler is EEVDF (Linux 6.6+) rather than CFS's wake-up preemption. */
export let EEVDF = false;

// --- VMX transitions -------------------------------------------------------
/** Hardware VM exit plus KVM's register save, up to the exit handler. */
export let VMEXIT_CYCLES: f64 = 200.0;
/** VMRESUME: the irq-off entry half of vmx_vcpu_run and the hardware entry, up to the guest's first instruction. */
export let VMRESUME_CYCLES: f64 = 800.0;
/** VMRESUME with an interrupt injected (VM-entry event injection). */
export let VMENTRY_INJECT_CYCLES: f64 = 900.0;
/** vcpu_enter_guest outside the irq-off region: requests, injection setup; what a fastpath exit skips. */
export let ENTRY_PREP_CYCLES: f64 = 400.0;
/** Guest cache and TLB entries the host's exit handling evicted, refilled by the guest's next work. */
export let EXIT_REFILL_CYCLES: f64 = 300.0;
/** Extra cost of guest TLB misses under EPT (two-dimensional page walks), as a fraction of guest work. */
export let EPT_WALK_OVERHEAD: f64 = 0.03;

// --- Exit handlers -----------------------------------------------------------
/** handle_wrmsr -> kvm_x2apic_icr_write -> kvm_apic_send_ipi -> kvm_vcpu_kick. */
export let ICR_WRITE_HANDLER_CYCLES: f64 = 150.0;
/** The ICR write handler after the kick: the rest of apic_send_ipi, kvm_set_msr's return, skip_emulated_instruction. */
export let ICR_HANDLER_TAIL_CYCLES: f64 = 400.0;
/** kvm_vcpu_kick's wake-up of a vCPU that is not asleep (polling, or running: smp_send_reschedule). */
export let KICK_CYCLES: f64 = 300.0;
/** kvm_emulate_halt: count the exit, mark the vCPU halted, reach kvm_vcpu_halt. */
export let HLT_HANDLER_CYCLES: f64 = 300.0;
/** EOI write without APICv: decode, clear the ISR bit, update PPR. */
export let EOI_HANDLER_CYCLES: f64 = 300.0;
/** Emulated timer MSR write (TMICT, or TSC_DEADLINE off the fastpath): start_apic_timer. */
export let TIMER_MSR_HANDLER_CYCLES: f64 = 1100.0;
/** TSC_DEADLINE write in the irq-off fastpath (EXIT_FASTPATH_REENTER_GUEST). */
export let TSC_DEADLINE_FASTPATH_CYCLES: f64 = 300.0;
/** The guest's LAPIC timer expiring: the host hrtimer's callback, or the preemption-timer exit's handler. */
export let TIMER_EXPIRY_HANDLER_CYCLES: f64 = 1000.0;
/** handle_pause: grow the PLE window, kvm_vcpu_on_spin scan. */
export let PAUSE_HANDLER_CYCLES: f64 = 1500.0;
/** A guest write to MSR_KVM_POLL_CONTROL or another plain emulated MSR. */
export let PLAIN_MSR_HANDLER_CYCLES: f64 = 500.0;
/** An interrupt-window exit: the guest re-enabled interrupts, KVM injects the pending one. */
export let IRQ_WINDOW_HANDLER_CYCLES: f64 = 200.0;

// --- Interrupt virtualization -----------------------------------------------------
/** vmx_deliver_posted_interrupt: set the PIR bit and ON, send the notification vector. */
export let POSTED_INTR_SEND_CYCLES: f64 = 250.0;
/** The target CPU processing a posted-interrupt notification in guest mode (PIR -> vIRR, virtual delivery). */
export let POSTED_INTR_PROCESS_CYCLES: f64 = 300.0;
/** The host's wake-up vector handler for a blocked vCPU (walk the blocked list, kvm_vcpu_wake_up). */
export let PI_WAKEUP_HANDLER_CYCLES: f64 = 600.0;
/** An ICR write the CPU virtualizes itself (IPIv): no exit, the CPU posts the interrupt. */
export let IPIV_ICR_WRITE_CYCLES: f64 = 250.0;

// --- Host scheduler --------------------------------------------------------
/** try_to_wake_up of a task sleeping on another pCPU, from the waker's side. */
export let TTWU_REMOTE_CYCLES: f64 = 500.0;
/** try_to_wake_up of a task that slept on this pCPU (no IPI needed). */
export let TTWU_LOCAL_CYCLES: f64 = 400.0;
/** Reschedule IPI reaching an idle pCPU and the pCPU leaving its idle state. */
export let RESCHED_IPI_CYCLES: f64 = 700.0;
/** Leaving NOHZ idle from C1: restart the tick, rcu_idle_exit, cpuidle exit. */
export let IDLE_EXIT_CYCLES: f64 = 2900.0;
/** schedule(): pick_next_task plus context_switch between two host tasks. */
export let CONTEXT_SWITCH_CYCLES: f64 = 4500.0;
/** kvm_sched_in -> kvm_arch_vcpu_load: VMPTRLD, host state and MSR reload. */
export let VCPU_LOAD_CYCLES: f64 = 3000.0;
/** Extra cache and TLB misses on the first guest instructions after a switch. */
export let COLD_CACHE_CYCLES: f64 = 200.0;
/** The guest's hot lines and TLB entries refetched when another task ran on the pCPU in between. */
export let TASK_SWITCH_REFILL_CYCLES: f64 = 4000.0;

// --- Halt-polling ------------------------------------------------------------
/** One kvm_vcpu_halt poll round: kvm_vcpu_check_block, cpu_relax, ktime_get. */
export let POLL_ITERATION_CYCLES: f64 = 1000.0;
/** The pending-IRQ cache line moving from the sender's core to the poller's. */
export let CACHELINE_TRANSFER_CYCLES: f64 = 800.0;
/** Leaving kvm_vcpu_halt: ktime_get, halt stats, grow/shrink the window. */
export let HALT_BOOKKEEPING_CYCLES: f64 = 1100.0;

// --- Guest --------------------------------------------------------------------
/** First instruction of the IPI handler after delivery (IDT dispatch). */
export let IRQ_DISPATCH_CYCLES: f64 = 300.0;
/** The benchmark's loop from the handler's return to the next HLT. */
export let GUEST_LOOP_CYCLES: f64 = 1000.0;
/** Guest timer interrupt work (tick_sched_timer, hrtimer_interrupt) excluding MSR writes. */
export let GUEST_TICK_CYCLES: f64 = 2600.0;
/** Guest context switch between two tasks on one vCPU. */
export let GUEST_CONTEXT_SWITCH_CYCLES: f64 = 2600.0;
/** Guest try_to_wake_up of a task, before any IPI. */
export let GUEST_WAKEUP_CYCLES: f64 = 1300.0;
/** A lock's cache line moving to another core (hand-off, or an acquisition after another core's). */
export let LOCK_HANDOFF_CYCLES: f64 = 300.0;

// --- Bare metal -------------------------------------------------------------
/** WRMSR to the x2APIC ICR on bare metal (no exit). */
export let BARE_ICR_WRITE_CYCLES: f64 = 100.0;
/** IPI message from one core's local APIC to another's. */
export let APIC_IPI_DELIVERY_CYCLES: f64 = 400.0;
/** A core leaving HLT (C1) when an interrupt arrives. */
export let C1_EXIT_CYCLES: f64 = 400.0;

// --- Host interrupts ------------------------------------------------------------
/** Host interrupts other than the scheduler tick (device IRQs, IPIs), per second per pCPU. */
export let HOST_IRQ_RATE_HZ: f64 = 4000.0;
/** Pareto scale and shape of one host interrupt's handling cost. */
export let HOST_IRQ_XM_CYCLES: f64 = 4000.0;
export let HOST_IRQ_ALPHA: f64 = 1.8;
export let HOST_IRQ_CAP_CYCLES: f64 = 1300000.0;
/** Host timer tick handler (update_process_times, scheduler_tick) after an exit. */
export let HOST_TICK_HANDLER_CYCLES: f64 = 3000.0;
/** Host reschedule-IPI handler (scheduler_ipi) when it interrupts a running vCPU. */
export let RESCHED_HANDLER_CYCLES: f64 = 400.0;

// --- Host C-states (intel_idle tables: exit latency, target residency, µs) -----------
export const MAX_CSTATES = 5;
export let CSTATE_COUNT = 5;
export const cstateExitUs = new StaticArray<f64>(MAX_CSTATES);
export const cstateResidencyUs = new StaticArray<f64>(MAX_CSTATES);

// --- Preset-independent -------------------------------------------------------------
/** Log-normal sigma applied to every cost: caches, branch predictors, clocks. */
export const JITTER_SIGMA: f64 = 0.07; // S1: min/median/p90 within about ±7% of the median
/** Bare-metal jitter: hardware-only paths vary less. */
export const BARE_JITTER_SIGMA: f64 = 0.04; // S1 bare metal: 1,200–1,400 cycles
/** sysctl_sched_latency before scaling by the CPU count. */
export const SCHED_LATENCY_NS: i64 = 6000000; // kernel/sched/fair.c default (6 ms)
/** sysctl_sched_min_granularity (CFS) / sysctl_sched_base_slice (EEVDF) before scaling. */
export const SCHED_MIN_GRANULARITY_NS: i64 = 750000; // kernel/sched/fair.c default (0.75 ms)
/** sysctl_sched_wakeup_granularity before scaling. */
export const SCHED_WAKEUP_GRANULARITY_NS: i64 = 1000000; // kernel/sched/fair.c default (1 ms)
/** Cycles between two PAUSEs of a spin loop; PLE counts a loop only if this is <= ple_gap. */
export const SPIN_LOOP_GAP_CYCLES: f64 = 40.0; // kvm-facts §5: measured gaps are usually < 128 cycles
/** The locked read-modify-write that takes or releases a spinlock. */
export const LOCK_ATOMIC_CYCLES: f64 = 40.0; // model assumption: an uncontended LOCK CMPXCHG

function cstates(n: i32, e0: f64, r0: f64, e1: f64, r1: f64, e2: f64, r2: f64, e3: f64, r3: f64, e4: f64, r4: f64): void {
  CSTATE_COUNT = n;
  cstateExitUs[0] = e0; cstateResidencyUs[0] = r0;
  cstateExitUs[1] = e1; cstateResidencyUs[1] = r1;
  cstateExitUs[2] = e2; cstateResidencyUs[2] = r2;
  cstateExitUs[3] = e3; cstateResidencyUs[3] = r3;
  cstateExitUs[4] = e4; cstateResidencyUs[4] = r4;
}

/** Load a preset's costs; called at the start of every run. */
export function applyPreset(host: i32): void {
  if (host == HOST_SPR_6_X) spr6x();
  else if (host == HOST_ICX_5_15) icx515();
  else if (host == HOST_ZEN3_5_15) zen3515();
  else if (host == HOST_ZEN4_6_X) zen46x();
  else snb311();
  applyPmuCaps(host);
}

function snb311(): void {
  CPU_MHZ = 2600.0; // S1: Sandy Bridge at 2.6 GHz (its TCP_RR host, an Ivy Bridge, showed the same IPI path)
  HV_TIMER = false; // the preemption-timer backend came in 4.10
  TSC_DEADLINE_FASTPATH = false; // irq-off fastpaths came in 5.x
  ICR_FASTPATH = false;
  IPIV_CAPABLE = false;
  EEVDF = false;
  VMEXIT_CYCLES = 200.0; // S1 segment 1 (400/300) less the ICR handler
  VMRESUME_CYCLES = 800.0; // S1 segment 5 (1,200 polled) less injection and IDT dispatch
  VMENTRY_INJECT_CYCLES = 900.0; // S1 segment 5 (1,400/1,200) less IRQ_DISPATCH_CYCLES
  ENTRY_PREP_CYCLES = 400.0; // S1 segment 4, never-schedule (400)
  EXIT_REFILL_CYCLES = 300.0; // model assumption: a few dozen L1/L2 misses and TLB refills
  EPT_WALK_OVERHEAD = 0.03; // model assumption: ~1 TLB miss per µs of kernel code, ~80 extra cycles each under EPT
  ICR_WRITE_HANDLER_CYCLES = 150.0; // S1 segment 1 (400/300) less VMEXIT_CYCLES
  ICR_HANDLER_TAIL_CYCLES = 400.0; // model assumption; with the exit's other parts, S1 §2's ~2 µs for two ICR exits
  KICK_CYCLES = 300.0; // model assumption: a remote swake_up or smp_send_reschedule
  HLT_HANDLER_CYCLES = 300.0; // model assumption, small next to segment 3
  EOI_HANDLER_CYCLES = 300.0; // model assumption, same order as the ICR handler
  TIMER_MSR_HANDLER_CYCLES = 1100.0; // model assumption: apic_reg_write -> hrtimer_cancel + hrtimer_start, host clockevent reprogram
  TSC_DEADLINE_FASTPATH_CYCLES = 1100.0; // no fastpath on 3.11: the same hrtimer path
  TIMER_EXPIRY_HANDLER_CYCLES = 1000.0; // model assumption: apic_timer_fn + kvm_vcpu_kick
  PAUSE_HANDLER_CYCLES = 1500.0; // model assumption; kvm-facts §3.3: PAUSE exits average under 1 µs [K28]
  PLAIN_MSR_HANDLER_CYCLES = 500.0; // model assumption
  IRQ_WINDOW_HANDLER_CYCLES = 200.0; // model assumption: a request bit and an injection
  POSTED_INTR_SEND_CYCLES = 250.0; // model assumption: two atomics and an APIC write
  POSTED_INTR_PROCESS_CYCLES = 300.0; // model assumption: microcode walks the PIR
  PI_WAKEUP_HANDLER_CYCLES = 600.0; // model assumption
  IPIV_ICR_WRITE_CYCLES = 250.0; // unused: no IPIv on this host
  TTWU_REMOTE_CYCLES = 500.0; // S1 segment 2, always-schedule (1,200), split with the IPI below
  TTWU_LOCAL_CYCLES = 400.0; // model assumption: no IPI, same run-queue work
  RESCHED_IPI_CYCLES = 700.0; // S1 segment 2, always-schedule (1,200)
  IDLE_EXIT_CYCLES = 2900.0; // S1 segment 3, always-schedule (8,500): idle exit + switch + bookkeeping
  CONTEXT_SWITCH_CYCLES = 4500.0; // S1 segment 3, always-schedule (8,500)
  VCPU_LOAD_CYCLES = 3000.0; // S1 segment 4: 3,400 scheduled vs 400 polled
  COLD_CACHE_CYCLES = 200.0; // S1 segment 5: 1,400 scheduled vs 1,200 polled
  TASK_SWITCH_REFILL_CYCLES = 4000.0; // model assumption: ~100 lines of the guest's kernel working set back from L3
  POLL_ITERATION_CYCLES = 1000.0; // S1 segment 2, never-schedule (1,300): mean wait is half a round
  CACHELINE_TRANSFER_CYCLES = 800.0; // S1 segment 2, never-schedule (1,300)
  HALT_BOOKKEEPING_CYCLES = 1100.0; // S1 segment 3, never-schedule (1,100)
  IRQ_DISPATCH_CYCLES = 300.0; // part of S1 bare-metal 1,200 and segment 5
  GUEST_LOOP_CYCLES = 1000.0; // model assumption: a few hundred instructions
  GUEST_TICK_CYCLES = 2600.0; // model assumption: ~1 µs
  GUEST_CONTEXT_SWITCH_CYCLES = 2600.0; // kvm-facts §10: in-guest context switch ~1.2–2.5 µs [K21]
  GUEST_WAKEUP_CYCLES = 1300.0; // model assumption: ~0.5 µs
  LOCK_HANDOFF_CYCLES = 300.0; // model assumption: one cross-core cache-line transfer
  BARE_ICR_WRITE_CYCLES = 100.0; // S1 bare metal: 1,200 cycles end to end
  APIC_IPI_DELIVERY_CYCLES = 400.0; // S1 bare metal: 1,200 cycles end to end
  C1_EXIT_CYCLES = 400.0; // S1 bare metal: 1,200 cycles end to end
  // Host IRQs besides the tick (S2 §4: RES and device IRQs). Landing on host code they give S1's
  // scheduled-path tail; landing on a polling pCPU, its polled-path tail (S1 p99 6,900 cycles).
  HOST_IRQ_RATE_HZ = 4000.0; // model assumption
  HOST_IRQ_XM_CYCLES = 4000.0; // model assumption: ~1.5 µs of hardirq work at least
  HOST_IRQ_ALPHA = 1.8; // model assumption: softirq or RCU work behind some IRQs
  HOST_IRQ_CAP_CYCLES = 1300000.0; // 500 µs
  HOST_TICK_HANDLER_CYCLES = 3000.0; // model assumption; S2 §4: host LOC ticks show up as EXTERNAL_INTERRUPT exits
  RESCHED_HANDLER_CYCLES = 400.0; // model assumption, same order as the ICR handler
  // drivers/idle/intel_idle.c snb_cstates: C1 2/2, C1E 10/20, C3 80/211, C6 104/345, C7 109/345 µs
  cstates(5, 2.0, 2.0, 10.0, 20.0, 80.0, 211.0, 104.0, 345.0, 109.0, 345.0);
}

function spr6x(): void {
  snb311(); // what is not set below is as on snb-3.11
  CPU_MHZ = 3000.0; // Sapphire Rapids-class all-core turbo (model assumption)
  HV_TIMER = true;
  TSC_DEADLINE_FASTPATH = true;
  ICR_FASTPATH = true;
  IPIV_CAPABLE = true;
  EEVDF = true; // Linux 6.6+
  VMEXIT_CYCLES = 400.0; // kvm-facts §10: fastpath round trip ~860–1,120 cycles (EMR) = exit + fastpath handler + VMRESUME
  VMRESUME_CYCLES = 550.0; // kvm-facts §10 [K76], with entry mitigations
  VMENTRY_INJECT_CYCLES = 650.0; // VMRESUME plus injection (model assumption)
  ENTRY_PREP_CYCLES = 1000.0; // kvm-facts §10: CPUID round trip ~3k–4k cycles (EMR, mediated PMU loaded, which adds its own switch) vs ~1k on the fastpath [K65]
  EPT_WALK_OVERHEAD = 0.02; // model assumption: larger STLB, same nested walk
  ICR_HANDLER_TAIL_CYCLES = 150.0; // the irq-off fastpath returns straight to VMRESUME (model assumption)
  TIMER_MSR_HANDLER_CYCLES = 500.0; // hv timer: program the preemption timer, no host hrtimer (kvm-facts §4.6)
  TSC_DEADLINE_FASTPATH_CYCLES = 150.0; // kvm-facts §4.6 [K37]; fits the ~860–1,120 fastpath round trip
  TIMER_EXPIRY_HANDLER_CYCLES = 600.0; // PREEMPTION_TIMER exit: kvm_lapic_expired_hv_timer (model assumption)
  RESCHED_IPI_CYCLES = 900.0; // model assumption: a larger mesh
  CONTEXT_SWITCH_CYCLES = 5000.0; // model assumption: mitigations on switch
  POLL_ITERATION_CYCLES = 600.0; // model assumption: PAUSE is ~140 cycles since Skylake
  CACHELINE_TRANSFER_CYCLES = 600.0; // model assumption: mesh cross-core transfer
  IPIV_ICR_WRITE_CYCLES = 250.0; // kvm-facts §4.2: IPIv cuts send->handled cycles by 16–22% [K35]
  LOCK_HANDOFF_CYCLES = 400.0; // model assumption: mesh cross-core transfer
  APIC_IPI_DELIVERY_CYCLES = 500.0; // model assumption: a larger mesh
  HOST_IRQ_CAP_CYCLES = 1500000.0; // 500 µs at 3 GHz
  // drivers/idle/intel_idle.c spr_cstates: C1 1/1, C1E 2/4, C6 290/800 µs
  cstates(3, 1.0, 1.0, 2.0, 4.0, 290.0, 800.0, 0.0, 0.0, 0.0, 0.0);
}

// --- The PMU hosts (the vPMU issue). Only what differs from the nearest preset is set. ---

function icx515(): void {
  spr6x();
  CPU_MHZ = 2800.0; // Ice Lake server all-core turbo (model assumption)
  IPIV_CAPABLE = false; // IPIv arrived with Sapphire Rapids (kvm-facts §4.2)
  EEVDF = false; // Linux 5.15 runs CFS
  // drivers/idle/intel_idle.c icx_cstates: C1 1/1, C1E 4/4, C6 170/600 µs
  cstates(3, 1.0, 1.0, 4.0, 4.0, 170.0, 600.0, 0.0, 0.0, 0.0, 0.0);
}

function zen3515(): void {
  spr6x();
  CPU_MHZ = 3500.0; // Zen 3 server all-core boost (model assumption)
  HV_TIMER = false; // SVM has no preemption timer: the LAPIC timer stays a host hrtimer
  IPIV_CAPABLE = false; // AVIC's IPI handling is not modelled (kvm-facts §4.4)
  EEVDF = false; // Linux 5.15 runs CFS
  VMEXIT_CYCLES = 600.0; // kvm-facts §10: AMD CPUID round trip 5.3k–6.2k (Turin) vs 3k–4k on EMR: #VMEXIT saves more state
  VMRESUME_CYCLES = 800.0; // same source: VMRUN's world switch costs more than VMRESUME's
  VMENTRY_INJECT_CYCLES = 900.0; // VMRUN with EVENTINJ (model assumption)
  ENTRY_PREP_CYCLES = 1800.0; // kvm-facts §10: the AMD round trip's remainder
  // acpi_idle on AMD: C1 (MWAIT) 1 µs, C2 (IO port) 400 µs residency (model assumption from ACPI _CST tables)
  cstates(2, 1.0, 1.0, 100.0, 400.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
}

function zen46x(): void {
  zen3515();
  CPU_MHZ = 3700.0; // Zen 4 server all-core boost (model assumption)
  EEVDF = true; // Linux 6.6+
}

// --- PMU capabilities per host (hardware) and what its kernel's KVM does with them ----------
/** Which PMU the host has: 0 Intel arch perfmon v2+, 2 AMD without PerfMon V2, 3 AMD PerfMon V2 (hw/pmu.ts kinds). */
export let PMU_NATIVE_KIND = 0;
/** General-purpose counters per logical CPU (CPUID.0AH EAX[15:8]; AMD CPUID 0x80000022 EBX[3:0] or 6 with PerfCtrExtCore). */
export let PMU_GP_COUNTERS = 4;
/** Fixed counters (CPUID.0AH EDX[4:0]); none on AMD. */
export let PMU_FIXED_COUNTERS = 3;
/** PEBS with the kernel's one-instruction rewind (precise_ip 1..2), kvm-facts §8. */
export let PMU_PEBS = true;
/** PDIR on PMC1 for INST_RETIRED.ALL (Sandy Bridge), kvm-facts §8 [K71]. */
export let PMU_PDIR_PMC1 = false;
/** PDIR on fixed counter 0 (Ice Lake server), PDIR++ on Sapphire Rapids (kvm-facts §8 [K72]). */
export let PMU_PDIR_FIXED0 = false;
/** PDist: no skid for a precise event on GP counter 0 (Sapphire Rapids, kvm-facts §8 [K72]). */
export let PMU_PDIST_GP0 = false;
/** The host's KVM gives guests PEBS-via-DS (Ice Lake server first, kvm-facts §8 [K74]). */
export let KVM_GUEST_PEBS = false;
/** The host's KVM pauses and reuses perf events, with lazy release (2019, ~5.5; kvm-facts §7.2 [K60][K56]). */
export let KVM_PMU_REUSE = false;
/** The host's KVM offers the mediated vPMU (kvm-x86-pmu-6.20, kvm-facts §7.4). */
export let KVM_MEDIATED_PMU = false;
/** kvm_skip_emulated_instruction counts the instruction in the guest's counters (≥6.10-ish, kvm-facts §7.1 item 6). */
export let KVM_COUNTS_EMULATED_INSNS = false;
/** The host runs SVM: exits carry SVM exit codes (kvm-facts §3.2). */
export let SVM = false;

function applyPmuCaps(host: i32): void {
  PMU_NATIVE_KIND = 0;
  PMU_GP_COUNTERS = 8; // CPUID.0AH on ICX/SPR without SMT sharing (model assumption: SMT off on the test hosts)
  PMU_FIXED_COUNTERS = 3;
  PMU_PEBS = true;
  PMU_PDIR_PMC1 = false;
  PMU_PDIR_FIXED0 = false;
  PMU_PDIST_GP0 = false;
  KVM_GUEST_PEBS = false;
  KVM_PMU_REUSE = true;
  KVM_MEDIATED_PMU = false;
  KVM_COUNTS_EMULATED_INSNS = false;
  SVM = false;
  if (host == HOST_SNB_3_11) {
    PMU_GP_COUNTERS = 4; // Sandy Bridge with Hyper-Threading: 4 GP counters per thread (SDM 18.3)
    PMU_PDIR_PMC1 = true; // kvm-facts §8 [K71]
    KVM_PMU_REUSE = false; // Linux 3.11 predates the 2019 reuse patches (kvm-facts §7.2)
  } else if (host == HOST_ICX_5_15) {
    PMU_PDIR_FIXED0 = true; // kvm-facts §8: Ice Lake server PDIR on fixed 0
    KVM_GUEST_PEBS = true; // kvm-facts §8 [K74]: guest PEBS-via-DS, Ice Lake server first (~5.14)
  } else if (host == HOST_SPR_6_X) {
    PMU_PDIR_FIXED0 = true; // kvm-facts §8 [K72]: PDIR++ on fixed 0
    PMU_PDIST_GP0 = true; // kvm-facts §8 [K72]: PDist on GP 0
    KVM_GUEST_PEBS = true;
    KVM_MEDIATED_PMU = true; // kvm-facts §7.4: module parameter, off by default; a 6.20+ kernel has it
    KVM_COUNTS_EMULATED_INSNS = true; // kvm-facts §7.1 item 6
  } else if (host == HOST_ZEN3_5_15) {
    PMU_NATIVE_KIND = 2;
    PMU_GP_COUNTERS = 6; // PerfCtrExtCore: six PERF_CTL/PERF_CTR pairs (kvm-facts §9)
    PMU_FIXED_COUNTERS = 0;
    PMU_PEBS = false; // AMD samples precisely with IBS, which KVM does not give guests (model assumption, kvm-facts §8)
    SVM = true;
  } else if (host == HOST_ZEN4_6_X) {
    PMU_NATIVE_KIND = 3; // PerfMon V2: CPUID 0x80000022 EAX bit 0 (kvm-facts §9)
    PMU_GP_COUNTERS = 6; // kvm-facts §9: num_core_pmc = 6 on Zen 4
    PMU_FIXED_COUNTERS = 0;
    PMU_PEBS = false;
    KVM_MEDIATED_PMU = true; // kvm-facts §7.4: AMD needs PerfMon V2 for it
    KVM_COUNTS_EMULATED_INSNS = true;
    SVM = true;
  }
}
