// The ipi-hlt microbenchmark of S1 (seed-figures §1), as a kvm-unit-tests
// style guest on the full model: vCPU0 tells vCPU1 it is about to halt and
// executes HLT; vCPU1 spins delay_ns, reads the TSC (A) and writes the x2APIC
// ICR; the first instruction of vCPU0's handler reads the TSC (B).
import { now, schedule } from '../sim/engine';
import { EV_GUEST_POLL_WAKE } from '../sim/events';
import { cyclesToNs, nsToCycles, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { paramI64, P_ITERATIONS, P_WARMUP, P_DELAY_NS } from '../sim/params';
import { recordSample } from '../sim/stats';
import { MSR_X2APIC_ICR } from '../hw/msr';
import { tKick, tWake, tHaltDone, tVmrun, tEntered } from '../kvm/vcpu';
import { haltWindow } from '../kvm/kvm_halt';
import { finishScenario } from './registry';
import { traceMeasureStart } from '../sim/trace';

const TARGET = 0;
const SENDER = 1;
const CALL_SIGNAL = 1; // vCPU0: "about to halt" flag for the sender
const CALL_READ_TSC = 2; // vCPU1: A = rdtsc, just before the ICR write

let remaining: i64 = 0; // wake-ups left, warm-up included
let warmupLeft: i64 = 0;
let signalled = false;
let measuring = false;
let tA: i64 = 0;

export function start(): void {
  warmupLeft = paramI64(P_WARMUP);
  remaining = paramI64(P_ITERATIONS) + warmupLeft;
  signalled = false;
  measuring = false;
  if (warmupLeft == 0) traceMeasureStart();
}

export function needResched(v: i32): bool {
  return v == SENDER ? signalled : false;
}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    if (v == TARGET) {
      if (remaining <= 0) {
        finishScenario();
        ops.pushBack(v, ops.OP_POLL_IDLE, -1, 0);
        return;
      }
      ops.pushBack(v, ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_LOOP_CYCLES)), 0);
      ops.pushBack(v, ops.OP_CALL, CALL_SIGNAL, 0);
      ops.pushBack(v, ops.OP_HLT, 0, 0);
    } else if (signalled) {
      signalled = false;
      ops.pushBack(v, ops.OP_WORK, paramI64(P_DELAY_NS), 0);
      ops.pushBack(v, ops.OP_CALL, CALL_READ_TSC, 0);
      ops.pushBack(v, ops.OP_WRMSR, MSR_X2APIC_ICR, TARGET);
    } else {
      ops.pushBack(v, ops.OP_POLL_IDLE, -1, 0); // spin on the flag
    }
  } else if (code == CALL_SIGNAL) {
    signalled = true;
    schedule(now + cyclesToNs(plainCost(C.LOCK_HANDOFF_CYCLES)), EV_GUEST_POLL_WAKE, SENDER, 0);
  } else if (code == CALL_READ_TSC) {
    tA = now;
    measuring = true;
  }
}

/** The IPI handler's first instruction on vCPU0: B. */
export function ipi(v: i32): void {
  if (v != TARGET || !measuring) return;
  measuring = false;
  remaining--;
  if (warmupLeft > 0) {
    warmupLeft--;
    if (warmupLeft == 0) traceMeasureStart(); // the next wake-up is measured
    return;
  }
  const k = unchecked(tKick[TARGET]);
  if (cfg.virtOn) {
    recordSample(cyc(now - tA), cyc(k - tA), cyc(unchecked(tWake[TARGET]) - k),
      cyc(unchecked(tHaltDone[TARGET]) - unchecked(tWake[TARGET])), cyc(unchecked(tVmrun[TARGET]) - unchecked(tHaltDone[TARGET])),
      cyc(now - unchecked(tVmrun[TARGET])), <i32>unchecked(haltWindow[TARGET]));
  } else {
    const e = unchecked(tEntered[TARGET]);
    recordSample(cyc(now - tA), cyc(k - tA), cyc(e - k), cyc(now - e), 0, 0, 0);
  }
}

@inline function cyc(d: i64): i32 {
  return <i32>Math.round(nsToCycles(d));
}
