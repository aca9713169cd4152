// A hand-made Timeline for the component harness and the unit tests (never
// the product, which draws only the core's record): an IPI wake-up like the
// ipi-hlt scenario's. vCPU0 halts, polls 10 µs, blocks; vCPU1 is preempted by
// a host task for a while, then writes the ICR, which kicks vCPU0 awake.
// The baseline is the same story with a poll window long enough to catch it.
import type { PcpuLaneState, Timeline, TimelineMark, TimelineSpan, VcpuLaneState } from '../../web/sim/timeline-types';

const T0 = 1_000_000; // the window starts 1 ms into the run
const us = (u: number) => T0 + Math.round(u * 1000);

type Piece<S> = [number, S, { vcpu?: number; reason?: string }?];
function lane<S extends string>(end: number, pieces: Piece<S>[]): TimelineSpan<S>[] {
  return pieces.map(([from, state, extra], i) => ({
    start_ns: us(from),
    end_ns: i + 1 < pieces.length ? us(pieces[i + 1][0]) : us(end),
    state,
    ...extra,
  }));
}

const END = 120;

export const WAKEUP: Timeline = {
  start_ns: us(0),
  end_ns: us(END),
  vcpus: [
    lane<VcpuLaneState>(END, [
      [0, 'guest'],
      [8, 'exit', { reason: 'HLT' }],
      [9, 'poll'],
      [19, 'blocked'],
      [98.5, 'runnable'],
      [101, 'exit'],
      [104.5, 'guest'],
    ]),
    lane<VcpuLaneState>(END, [
      [0, 'guest'],
      [40, 'exit', { reason: 'EXTERNAL_INTERRUPT' }],
      [41, 'runnable'],
      [55, 'exit'],
      [56, 'guest'],
      [97, 'exit', { reason: 'MSR_WRITE' }],
      [98.5, 'guest'],
    ]),
  ],
  pcpus: [
    lane<PcpuLaneState>(END, [
      [0, 'guest', { vcpu: 0 }],
      [8, 'host', { vcpu: 0, reason: 'HLT' }],
      [9, 'poll', { vcpu: 0 }],
      [19, 'host', { vcpu: 0 }],
      [20, 'idle'],
      [101, 'host', { vcpu: 0 }],
      [104.5, 'guest', { vcpu: 0 }],
    ]),
    lane<PcpuLaneState>(END, [
      [0, 'guest', { vcpu: 1 }],
      [40, 'host', { vcpu: 1, reason: 'EXTERNAL_INTERRUPT' }],
      [41, 'other'],
      [55, 'host', { vcpu: 1 }],
      [56, 'guest', { vcpu: 1 }],
      [97, 'host', { vcpu: 1, reason: 'MSR_WRITE' }],
      [98.5, 'guest', { vcpu: 1 }],
    ]),
  ],
  marks: (
    [
      [8, 0, 'exit', 'HLT'],
      [40, 1, 'exit', 'EXTERNAL_INTERRUPT'],
      [56, 1, 'entry', 'EXTERNAL_INTERRUPT'],
      [97, 1, 'exit', 'MSR_WRITE'],
      [98, 0, 'kick'],
      [98.5, 1, 'entry', 'MSR_WRITE'],
      [104.5, 0, 'inject'],
      [104.5, 0, 'entry', 'HLT'],
    ] as [number, number, TimelineMark['kind'], string?][]
  ).map(([t, vcpu, kind, reason]) => ({ t_ns: us(t), vcpu, kind, ...(reason && { reason }) })),
  truncated: false,
};

export const WAKEUP_POLLED: Timeline = {
  start_ns: us(0),
  end_ns: us(END),
  vcpus: [
    lane<VcpuLaneState>(END, [
      [0, 'guest'],
      [8, 'exit', { reason: 'HLT' }],
      [9, 'poll'],
      [98.5, 'exit'],
      [99.5, 'guest'],
    ]),
    WAKEUP.vcpus[1],
  ],
  pcpus: [
    lane<PcpuLaneState>(END, [
      [0, 'guest', { vcpu: 0 }],
      [8, 'host', { vcpu: 0, reason: 'HLT' }],
      [9, 'poll', { vcpu: 0 }],
      [98.5, 'host', { vcpu: 0 }],
      [99.5, 'guest', { vcpu: 0 }],
    ]),
    WAKEUP.pcpus[1],
  ],
  marks: WAKEUP.marks.filter((m) => m.vcpu === 1),
  truncated: false,
};
