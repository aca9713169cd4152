// VMX basic exit reasons used by the model (arch/x86/include/uapi/asm/vmx.h;
// shared/reference/kvm-facts.md §3.1). The TypeScript face maps numbers to
// the kernel's names for output.
export const EXIT_REASON_EXCEPTION_NMI = 0;
export const EXIT_REASON_EXTERNAL_INTERRUPT = 1;
export const EXIT_REASON_INTERRUPT_WINDOW = 7;
export const EXIT_REASON_HLT = 12;
export const EXIT_REASON_RDPMC = 15;
export const EXIT_REASON_IO_INSTRUCTION = 30;
export const EXIT_REASON_MSR_READ = 31;
export const EXIT_REASON_MSR_WRITE = 32;
export const EXIT_REASON_PAUSE_INSTRUCTION = 40;
export const EXIT_REASON_EOI_INDUCED = 45;
export const EXIT_REASON_EPT_VIOLATION = 48;
export const EXIT_REASON_EPT_MISCONFIG = 49;
export const EXIT_REASON_PREEMPTION_TIMER = 52;

/** Slots per vCPU in the exit counters: every basic exit reason is < 96. */
export const EXIT_REASON_SLOTS = 96;
