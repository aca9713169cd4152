// The NET_RX softirq's bookkeeping per vCPU: a hardirq raises it and
// irq_exit runs it, unless softirqs are already running there or the
// interrupted code disabled bottom halves (dev_queue_xmit holds the TX lock
// under rcu_read_lock_bh): then it is left pending and runs at
// local_bh_enable, or when the running one looks again (__do_softirq's restart).
import { MAX_VCPUS } from '../sim/stats';

/** OP_CALL codes the workload passes here (guest/net_driver.ts stages them around a transmit). */
export const CALL_BH_DISABLE = 200;
export const CALL_BH_ENABLE = 201;

const bhOff = new StaticArray<i32>(MAX_VCPUS);
const active = new StaticArray<bool>(MAX_VCPUS);
const pending = new StaticArray<bool>(MAX_VCPUS);

export function softirqReset(): void {
  bhOff.fill(0);
  active.fill(false);
  pending.fill(false);
}

/** raise_softirq from a hardirq on v: true when irq_exit runs it now. */
export function raiseNetRx(v: i32): bool {
  if (unchecked(active[v]) || unchecked(bhOff[v]) > 0) {
    unchecked((pending[v] = true));
    return false;
  }
  unchecked((active[v] = true));
  return true;
}

export function bhDisable(v: i32): void {
  unchecked((bhOff[v] = bhOff[v] + 1));
}

/** local_bh_enable: true when a pending softirq runs now. */
export function bhEnable(v: i32): bool {
  unchecked((bhOff[v] = bhOff[v] - 1));
  return takePending(v);
}

/** The softirq finished its work: true when it must run again for what was raised meanwhile. */
export function softirqEnd(v: i32): bool {
  unchecked((active[v] = false));
  return takePending(v);
}

function takePending(v: i32): bool {
  if (unchecked(bhOff[v]) > 0 || unchecked(active[v]) || !unchecked(pending[v])) return false;
  unchecked((pending[v] = false));
  unchecked((active[v] = true));
  return true;
}
