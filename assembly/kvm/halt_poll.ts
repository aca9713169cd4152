// Host halt-polling in kvm_vcpu_halt(): the per-vCPU adaptive window of
// virt/kvm/kvm_main.c as described in shared/reference/kvm-facts.md §1.2.
// The caller polls for window() ns, then blocks; when the halt ends it calls
// adapt() with the whole halted time (polling included).
import { MAX_VCPUS } from '../sim/stats';
import { paramI64, P_HALT_POLL_NS, P_HALT_POLL_NS_GROW, P_HALT_POLL_NS_GROW_START, P_HALT_POLL_NS_SHRINK } from '../sim/params';

/** vcpu->halt_poll_ns: starts at 0 for every vCPU. */
export const haltPollNs = new StaticArray<i64>(MAX_VCPUS);

export function resetHaltPoll(): void {
  haltPollNs.fill(0);
}

/** kvm_vcpu_max_halt_poll_ns: the module parameter (no KVM_CAP_HALT_POLL in the model). */
@inline export function maxHaltPollNs(): i64 {
  return paramI64(P_HALT_POLL_NS);
}

/** Step 3: clamp the vCPU's window to the current maximum and return it. */
export function pollWindow(vcpu: i32): i64 {
  const max = maxHaltPollNs();
  let w = unchecked(haltPollNs[vcpu]);
  if (w > max) {
    w = max;
    unchecked((haltPollNs[vcpu] = w));
  }
  return w;
}

/** grow_halt_poll_ns: multiply by halt_poll_ns_grow, at least halt_poll_ns_grow_start. */
function grow(vcpu: i32): void {
  const factor = paramI64(P_HALT_POLL_NS_GROW);
  if (factor == 0) return;
  let val = unchecked(haltPollNs[vcpu]) * factor;
  const start = paramI64(P_HALT_POLL_NS_GROW_START);
  if (val < start) val = start;
  unchecked((haltPollNs[vcpu] = val));
}

/** shrink_halt_poll_ns: divide by halt_poll_ns_shrink (0 resets); below grow_start means 0. */
function shrink(vcpu: i32): void {
  const divisor = paramI64(P_HALT_POLL_NS_SHRINK);
  let val: i64 = divisor == 0 ? 0 : unchecked(haltPollNs[vcpu]) / divisor;
  if (val < paramI64(P_HALT_POLL_NS_GROW_START)) val = 0;
  unchecked((haltPollNs[vcpu] = val));
}

/**
 * Step 10, after a halt of halt_ns (x86: every wakeup is valid). A wake inside
 * the window keeps it; a halt longer than the cap shrinks it; a halt the
 * window missed but the cap would have caught grows it.
 */
export function adapt(vcpu: i32, halt_ns: i64): void {
  const max = maxHaltPollNs();
  if (max == 0) {
    unchecked((haltPollNs[vcpu] = 0));
    return;
  }
  const w = unchecked(haltPollNs[vcpu]);
  if (halt_ns <= w) return;
  if (w != 0 && halt_ns > max) shrink(vcpu);
  else if (w < max && halt_ns < max) grow(vcpu);
}
