// MSR numbers the model writes (kvm-facts §4.1, §1.2, §2.1).
export const MSR_X2APIC_ICR: u32 = 0x830;
export const MSR_X2APIC_EOI: u32 = 0x80b;
export const MSR_X2APIC_TMICT: u32 = 0x838;
export const MSR_IA32_TSC_DEADLINE: u32 = 0x6e0;
export const MSR_KVM_POLL_CONTROL: u32 = 0x4b564d05;
