// The shape of a run's timeline: what every pCPU and every vCPU was doing
// over a window of simulated time, as the core recorded it. Requested with
// RunRequest.timeline; the lesson timeline view draws it and never computes
// a state of its own.

/** A pCPU's mode (assembly/hw/pcpu.ts): guest code, host kernel for KVM, KVM's halt-poll loop, another host task, idle. */
export type PcpuLaneState = 'guest' | 'host' | 'poll' | 'other' | 'idle';

/**
 * A vCPU's state: running guest code; its thread in the host kernel handling
 * an exit (emulation, wake-up, reload); polling in kvm_vcpu_halt; blocked in
 * kvm_vcpu_block (halted, thread asleep); runnable but not on a pCPU
 * (preempted or waiting to be scheduled). A vCPU halted without an exit
 * (hlt_exits=off) stays `guest`, as its pCPU does; on bare metal (virt=off) a
 * halted CPU is `blocked` while its pCPU lane idles.
 */
export type VcpuLaneState = 'guest' | 'exit' | 'poll' | 'blocked' | 'runnable';

export interface TimelineSpan<S extends string> {
  start_ns: number;
  end_ns: number;
  state: S;
  /** pCPU lanes: the vCPU whose thread runs there (absent for idle, other tasks and the scheduler's context switches). */
  vcpu?: number;
  /** host / exit spans: the exit reason being handled, as the run's `exits` names it. */
  reason?: string;
}

/** An interrupt vector the model distinguishes (assembly/hw/irq.ts). */
export type IrqVector = 'ipi' | 'timer' | 'pmi' | 'device';

/** A point event on a vCPU: an exit, the entry after it, an interrupt injected, a kick (IPI to wake it). */
export interface TimelineMark {
  t_ns: number;
  vcpu: number;
  kind: 'exit' | 'entry' | 'inject' | 'kick';
  /** exit: its reason; entry: the reason of the exit it ends (absent after a plain reload, e.g. the first run). */
  reason?: string;
  /** inject and kick: which interrupt. */
  vector?: IrqVector;
}

export interface Timeline {
  /** The window, in simulated ns since the run began. */
  start_ns: number;
  end_ns: number;
  /** One lane per pCPU, spans in time order, tiling [start_ns, end_ns]. */
  pcpus: TimelineSpan<PcpuLaneState>[][];
  /** One lane per vCPU, spans in time order, tiling [start_ns, end_ns]. */
  vcpus: TimelineSpan<VcpuLaneState>[][];
  marks: TimelineMark[];
  /** The core's trace buffer filled before the window ended: spans stop at end_ns, which was moved earlier. */
  truncated: boolean;
}

/** What window to record: from start_ns (default: where the scenario's measurement starts), duration_ns long. */
export interface TimelineRequest {
  start_ns?: number;
  duration_ns?: number;
}
