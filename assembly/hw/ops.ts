// Each vCPU executes a queue of guest operations: run guest code for a while,
// write an MSR, halt, spin on a lock, call back into the scenario. Interrupt
// handlers are pushed at the front, so they run before the interrupted work,
// which resumes with what it had left. One ring buffer per vCPU, allocated once.
import { MAX_VCPUS } from '../sim/stats';

export const OP_WORK = 1; // guest code: arg = nanoseconds left, arg2 = 1 once virtualization's overheads are in it
export const OP_WRMSR = 2; // arg = MSR number, arg2 = operand (e.g. IPI target)
export const OP_HLT = 3; // sti; hlt (arg2 = 1: from the idle loop, which re-checks need_resched first)
export const OP_IDLE = 4; // the guest kernel's idle loop (stays queued while idle)
export const OP_POLL_IDLE = 5; // guest polling idle: arg = limit ns (-1: until an interrupt)
export const OP_CALL = 6; // scenario continuation: arg = code, arg2 = operand
export const OP_SPIN_LOCK = 7; // take a spinlock, spinning (PAUSE loop) while it is held: arg = lock
export const OP_UNLOCK = 8; // release: arg = lock
export const OP_EOI = 9; // end of interrupt
export const OP_IRQ_DONE = 10; // handler finished: the vector's effect in the guest kernel (arg = vector)
export const OP_PMU_WRMSR = 11; // WRMSR to a PMU register (or the LVTPC): arg = value, arg2 = MSR
export const OP_PMU_RDMSR = 12; // RDMSR of a PMU register (arg = 0) or RDPMC (arg = 1): arg2 = MSR
export const OP_DEVICE = 13; // a device access that may exit (MMIO, port I/O, RDMSR, first touch): arg = access, arg2 = operand (kvm/mmio.ts)
export const OP_IRET = 14; // the handler's IRET after an EOI that exited: interrupts back on (an interrupt-window exit if KVM asked)
export const OP_CLI = 15; // local_irq_disable: RFLAGS.IF = 0 until OP_STI (interrupts wait; without APICv KVM asks for a window exit)
export const OP_STI = 16; // local_irq_enable

const CAP = 256; // a perf context switch queues ~40 PMU accesses at once
const opType = new StaticArray<i32>(MAX_VCPUS * CAP);
const opArg = new StaticArray<i64>(MAX_VCPUS * CAP);
const opArg2 = new StaticArray<i32>(MAX_VCPUS * CAP);
const head = new StaticArray<i32>(MAX_VCPUS);
const len = new StaticArray<i32>(MAX_VCPUS);
/** Set when a push found a vCPU's queue full (a model bug; the run stops). */
export let opsOverflowed = false;

export function resetOps(): void {
  head.fill(0);
  len.fill(0);
  opsOverflowed = false;
}

@inline function slot(v: i32, k: i32): i32 {
  return v * CAP + ((unchecked(head[v]) + k) & (CAP - 1));
}

@inline export function opCount(v: i32): i32 {
  return unchecked(len[v]);
}

export function pushBack(v: i32, type: i32, arg: i64, arg2: i32): void {
  if (unchecked(len[v]) >= CAP) {
    opsOverflowed = true;
    return;
  }
  const i = slot(v, unchecked(len[v]));
  unchecked((opType[i] = type));
  unchecked((opArg[i] = arg));
  unchecked((opArg2[i] = arg2));
  unchecked((len[v] = len[v] + 1));
}

export function pushFront(v: i32, type: i32, arg: i64, arg2: i32): void {
  if (unchecked(len[v]) >= CAP) {
    opsOverflowed = true;
    return;
  }
  unchecked((head[v] = (head[v] - 1) & (CAP - 1)));
  unchecked((len[v] = len[v] + 1));
  const i = slot(v, 0);
  unchecked((opType[i] = type));
  unchecked((opArg[i] = arg));
  unchecked((opArg2[i] = arg2));
}

@inline export function frontType(v: i32): i32 {
  return unchecked(opType[slot(v, 0)]);
}
@inline export function frontArg(v: i32): i64 {
  return unchecked(opArg[slot(v, 0)]);
}
@inline export function frontArg2(v: i32): i32 {
  return unchecked(opArg2[slot(v, 0)]);
}
@inline export function setFrontArg(v: i32, arg: i64): void {
  unchecked((opArg[slot(v, 0)] = arg));
}
@inline export function setFrontArg2(v: i32, arg2: i32): void {
  unchecked((opArg2[slot(v, 0)] = arg2));
}

export function popFront(v: i32): void {
  if (unchecked(len[v]) == 0) return;
  unchecked((head[v] = (head[v] + 1) & (CAP - 1)));
  unchecked((len[v] = len[v] - 1));
}
