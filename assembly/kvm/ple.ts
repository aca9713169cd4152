// PAUSE-loop exiting (kvm-facts §5): a spin loop of PAUSEs closer than
// ple_gap cycles that lasts ple_window cycles exits; the per-vCPU window grows
// on each exit and shrinks at sched-in; kvm_vcpu_on_spin then tries a
// directed yield to a preempted vCPU (a likely lock holder).
import { MAX_VCPUS } from '../sim/stats';
import { addKvmStat, DIRECTED_YIELD_ATTEMPTED, DIRECTED_YIELD_SUCCESSFUL } from './kvm_stats';
import { paramI64, P_PLE_GAP, P_PLE_WINDOW, P_PLE_WINDOW_GROW, P_PLE_WINDOW_SHRINK, P_PLE_WINDOW_MAX } from '../sim/params';
import * as C from '../hw/preset';
import * as cfg from '../sim/config';
import { isRunnable, yieldTo } from '../host/sched';
import { pauseExit } from './vcpu';
import { after } from '../sim/engine';
import { EV_OP_DONE } from '../sim/events';
import { cyclesToNs } from '../hw/cost';

const window = new StaticArray<i64>(MAX_VCPUS);
let lastBoosted: i32 = -1;

export function pleReset(): void {
  window.fill(paramI64(P_PLE_WINDOW));
  lastBoosted = -1;
}

/** PLE is on, and the spin loop's PAUSE gap is within ple_gap. */
@inline export function pleActive(): bool {
  const gap = paramI64(P_PLE_GAP);
  return cfg.virtOn && gap != 0 && <f64>gap >= C.SPIN_LOOP_GAP_CYCLES;
}

@inline export function pleWindowCycles(v: i32): f64 {
  return <f64>unchecked(window[v]);
}

/** __grow_ple_window */
function grow(v: i32): void {
  const base = paramI64(P_PLE_WINDOW);
  const mod = paramI64(P_PLE_WINDOW_GROW);
  const max = paramI64(P_PLE_WINDOW_MAX);
  const old = unchecked(window[v]);
  let val: i64 = mod < 1 ? base : mod < base ? old * mod : old + mod;
  if (val > max) val = max;
  unchecked((window[v] = val));
}

/** __shrink_ple_window, at sched-in */
export function pleSchedIn(v: i32): void {
  const base = paramI64(P_PLE_WINDOW);
  const mod = paramI64(P_PLE_WINDOW_SHRINK);
  const old = unchecked(window[v]);
  let val: i64 = mod < 1 ? base : mod < base ? old / mod : old - mod;
  if (val < base) val = base;
  unchecked((window[v] = val));
}

/** handle_pause: grow the window, kvm_vcpu_on_spin, then the exit completes. */
export function pleExit(v: i32): void {
  grow(v);
  kvmVcpuOnSpin(v);
  pauseExit(v, C.PAUSE_HANDLER_CYCLES);
}

/** Scan round-robin after the last boosted vCPU; yield to the first preempted one; at most 3 tries. */
function kvmVcpuOnSpin(me: i32): void {
  const n = cfg.vcpus;
  if (n < 2) return;
  let tries = 0;
  for (let i = 1; i <= n && tries < 3; i++) {
    const c = (lastBoosted + i + n) % n;
    if (c == me || !isRunnable(c)) continue;
    tries++;
    addKvmStat(me, DIRECTED_YIELD_ATTEMPTED, 1);
    if (yieldTo(c)) {
      addKvmStat(me, DIRECTED_YIELD_SUCCESSFUL, 1);
      lastBoosted = c;
      return;
    }
  }
}

/** A guest PAUSE loop: with PLE on, it exits after the vCPU's ple_window cycles. */
export function plePauseLoop(v: i32, gen: i32): void {
  if (pleActive()) after(cyclesToNs(pleWindowCycles(v)), EV_OP_DONE, v, gen);
}
