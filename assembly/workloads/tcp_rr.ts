// Loopback TCP_RR (seed-figures §2): a client and a server task ping-pong one
// byte over an established connection; no device is involved. With vcpus=2
// each side runs on its own vCPU, so every message wakes the other vCPU with
// an IPI and each side idles (NOHZ tick stop, HLT) while it waits; with
// vcpus=1 it is a guest-internal context switch.
import { now, schedule } from '../sim/engine';
import { EV_GUEST_POLL_WAKE } from '../sim/events';
import { cyclesToNs, plainCost } from '../hw/cost';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { paramI64, P_STACK_NS } from '../sim/params';
import { MAX_VCPUS, sampleRow, commitSample, addCounter } from '../sim/stats';
import { MSR_X2APIC_ICR } from '../hw/msr';
import { vState, V_GUEST } from '../kvm/vcpu';
import { guestInIdle } from '../guest/kernel';
import { cpBegin, cpEnd, cpPass, cpAcc, CP_COUNT, CP_WAKE_OTHER } from '../kvm/critical_path';

export const COUNTER_TRANSACTIONS = 0;

const CLIENT = 0;
const SERVER = 1;
const CALL_CLIENT_SENT = 1;
const CALL_CLIENT_GOT_REPLY = 2;
const CALL_SERVER_REPLIED = 3;

// Per vCPU: runnable guest tasks (bit 0 client, bit 1 server) and the task last run.
const runnable = new StaticArray<i32>(MAX_VCPUS);
const lastTask = new StaticArray<i32>(MAX_VCPUS);
let clientSentAt: i64 = 0;
let clientHasReply = false;
let halfStackNs: i64 = 0;

@inline function taskVcpu(task: i32): i32 {
  return task == CLIENT ? 0 : cfg.vcpus - 1;
}

export function start(): void {
  runnable.fill(0);
  lastTask.fill(-1);
  halfStackNs = paramI64(P_STACK_NS) / 2;
  clientHasReply = false;
  unchecked((runnable[0] = 1 << CLIENT));
}

export function needResched(v: i32): bool {
  return unchecked(runnable[v]) != 0;
}

/**
 * try_to_wake_up of `task`, at the end of the waker's stack work (which
 * includes the wake-up's own cost): an IPI only if the task's vCPU idles
 * without polling.
 */
function wake(v: i32, task: i32): void {
  const tv = taskVcpu(task);
  unchecked((runnable[tv] = runnable[tv] | (1 << task)));
  if (tv == v) return;
  if (!guestInIdle(tv)) {
    cpPass(v, tv, CP_WAKE_OTHER, now); // it will find the task when it next schedules
    return;
  }
  if (unchecked(vState[tv]) == V_GUEST && ops.opCount(tv) > 0 && ops.frontType(tv) == ops.OP_POLL_IDLE) {
    // The target polls with TIF_POLLING_NRFLAG set: setting need_resched is enough.
    const at = now + cyclesToNs(plainCost(C.LOCK_HANDOFF_CYCLES));
    cpPass(v, tv, CP_WAKE_OTHER, at);
    schedule(at, EV_GUEST_POLL_WAKE, tv, 0);
    return;
  }
  // Reschedule IPI: a write to the x2APIC ICR.
  ops.pushFront(v, ops.OP_WRMSR, MSR_X2APIC_ICR, tv);
}

/** The sending half of the stack plus try_to_wake_up of the receiver. */
@inline function sendWorkNs(): i64 {
  return halfStackNs + cyclesToNs(plainCost(C.GUEST_WAKEUP_CYCLES));
}

export function call(v: i32, code: i32, _arg: i32): void {
  if (code == 0) {
    next(v);
  } else if (code == CALL_CLIENT_SENT) {
    unchecked((runnable[v] = runnable[v] & ~(1 << CLIENT))); // client sleeps in recv
    wake(v, SERVER);
  } else if (code == CALL_SERVER_REPLIED) {
    unchecked((runnable[v] = runnable[v] & ~(1 << SERVER)));
    clientHasReply = true;
    wake(v, CLIENT);
  } else if (code == CALL_CLIENT_GOT_REPLY) {
    addCounter(COUNTER_TRANSACTIONS, 1);
    cpEnd(now);
    // The round trip, then its critical path by step (kvm/critical_path.ts's order).
    unchecked((sampleRow[0] = <i32>(now - clientSentAt)));
    for (let s = 0; s < CP_COUNT; s++) unchecked((sampleRow[s + 1] = <i32>cpAcc[s]));
    commitSample();
    clientHasReply = false;
    sendRequest(v);
  }
}

function sendRequest(v: i32): void {
  clientSentAt = now;
  cpBegin(v, now);
  ops.pushBack(v, ops.OP_WORK, sendWorkNs(), 0); // tcp_sendmsg, loopback xmit, softirq receive, wake-up
  ops.pushBack(v, ops.OP_CALL, CALL_CLIENT_SENT, 0);
}

/** The guest scheduler on vCPU v picks a runnable task and runs its next step. */
function next(v: i32): void {
  const r = unchecked(runnable[v]);
  if (r == 0) return; // nothing to run: the idle loop
  const task = (r & (1 << CLIENT)) != 0 && (unchecked(lastTask[v]) != CLIENT || (r & (1 << SERVER)) == 0) ? CLIENT : SERVER;
  if (unchecked(lastTask[v]) != task && unchecked(lastTask[v]) >= 0) {
    ops.pushBack(v, ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_CONTEXT_SWITCH_CYCLES)), 0);
  }
  unchecked((lastTask[v] = task));
  if (task == CLIENT) {
    if (clientHasReply) {
      ops.pushBack(v, ops.OP_WORK, halfStackNs, 0); // tcp_recvmsg copies the reply
      ops.pushBack(v, ops.OP_CALL, CALL_CLIENT_GOT_REPLY, 0);
    } else {
      sendRequest(v);
    }
  } else {
    ops.pushBack(v, ops.OP_WORK, halfStackNs + sendWorkNs(), 0); // receive the request, send the reply
    ops.pushBack(v, ops.OP_CALL, CALL_SERVER_REPLIED, 0);
  }
}
