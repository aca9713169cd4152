// How the ipi-hlt widget presents a RunResult: which published row to compare
// against, and what each path segment is called in kernel terms. Nothing here
// computes a model quantity; it only reads fields of the result.
import type { RunResult } from '../sim/core';
import type { Summary } from '../sim/published';
import { BARE_SEGMENTS, VIRT_SEGMENTS } from '../sim/metrics/ipi-hlt';
import type { Locale } from './lesson-types';

export type PathKind = 'schedule' | 'poll' | 'bare';

/**
 * The path the model actually took: bare metal when virt=off; 'poll' when most
 * halts ended in a successful poll (with delay_ns beyond the poll window the
 * vCPU sleeps even though halt_poll_ns > 0), otherwise 'schedule'.
 */
export function pathTaken(r: RunResult): PathKind {
  if (r.params.virt === 'off') return 'bare';
  const exits = r.halt.halt_exits ?? 0;
  const polled = r.halt.halt_successful_poll ?? 0;
  return exits > 0 && polled * 2 > exits ? 'poll' : 'schedule';
}

export function segmentNames(path: PathKind): readonly string[] {
  return path === 'bare' ? BARE_SEGMENTS : VIRT_SEGMENTS;
}

export function latencyCycles(r: RunResult): Summary {
  return r.metrics.wake_latency_cycles as Summary;
}

export function latencyNs(r: RunResult): Summary {
  return r.metrics.wake_latency_ns as Summary;
}

export function segmentCycles(r: RunResult): Record<string, number> {
  return r.metrics.segments_cycles as Record<string, number>;
}

/** Each segment of the critical path, in the words a kernel developer uses. */
const SEGMENT_TEXT: Record<Locale, Record<string, string>> = {
  en: {
    icr_write_to_kick: 'WRMSR to the x2APIC ICR (0x830) → VM exit → kvm_vcpu_kick()',
    kick_to_wakeup: 'kick → wake-up reaches the halted vCPU’s host thread',
    schedule: 'return from schedule() in kvm_vcpu_block() (or the poll loop seeing the IRQ)',
    vcpu_load: 'kvm_sched_in() … vmx_vcpu_run(): reload vCPU state',
    vmresume_to_handler: 'VMRESUME → interrupt injected → first instruction of the IPI handler',
    icr_write_to_delivery: 'WRMSR to the ICR → IPI delivered to the target core',
    c1_exit: 'target core leaves HLT (C1)',
    irq_dispatch: 'IDT dispatch → first instruction of the IPI handler',
  },
  'zh-CN': {
    icr_write_to_kick: '写 x2APIC ICR（WRMSR 0x830）→ VM exit → kvm_vcpu_kick()',
    kick_to_wakeup: 'kick → 唤醒到达停下的 vCPU 的主机线程',
    schedule: '从 kvm_vcpu_block() 里的 schedule() 返回（或轮询循环发现中断）',
    vcpu_load: 'kvm_sched_in() … vmx_vcpu_run()：重新载入 vCPU 状态',
    vmresume_to_handler: 'VMRESUME → 注入中断 → IPI 处理函数的第一条指令',
    icr_write_to_delivery: '写 ICR（WRMSR）→ IPI 送达目标核',
    c1_exit: '目标核退出 HLT（C1）',
    irq_dispatch: 'IDT 分派 → IPI 处理函数的第一条指令',
  },
};

export function segmentText(locale: Locale, name: string): string {
  return SEGMENT_TEXT[locale][name] ?? name;
}
