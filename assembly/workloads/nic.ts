// A web server under an external load generator (S2 §4: nginx in the guest,
// webbench outside). Each of `clients` clients runs HTTP/1.0 requests back
// to back, one TCP connection each: SYN; the handshake's ACK and the GET;
// the guest's SYN-ACK, response and FIN; the client's ACK and FIN; the
// guest's last ACK — 5 frames in and 4 out per request. The guest takes
// frames in the NET_RX softirq on vCPU 0 (where the NIC interrupts), hands
// each request to one of two nginx workers, one per vCPU, alternately (a
// cross-vCPU wake-up is an IPI), and the worker answers, logs and closes.
import { now, schedule } from '../sim/engine';
import { EV_DEVICE, EV_GUEST_POLL_WAKE } from '../sim/events';
import { DEVT_TO_HOST, DEVT_CLIENT_NEXT } from '../sim/device_events';
import { cyclesToNs, plainCost } from '../hw/cost';
import { wireNs, CLIENT_TURNAROUND_NS } from '../hw/nic';
import * as C from '../hw/preset';
import * as D from '../hw/device_preset';
import * as cfg from '../hw/config';
import * as ops from '../hw/ops';
import { MSR_X2APIC_ICR } from '../hw/msr';
import { param, paramI64, P_NIC, P_IRQ_AFFINITY, P_CLIENTS } from '../sim/params';
import { MAX_VCPUS, addCounter, sampleRow, commitSample } from '../sim/stats';
import { backendReset } from '../host/backend';
import { devNetReset, frameFromWire } from '../kvm/dev_net';
import { vState, V_GUEST } from '../kvm/vcpu';
import { access, ACC_TOUCH } from '../kvm/mmio';
import { guestInIdle } from '../guest/kernel';
import { registerDeviceTasks } from '../guest/task_hooks';
import { netXmit, netIrq, netRxNext, netPollEnd, NAPI_BUDGET } from '../guest/net_driver';
import { stage, stageReset, flushFront, flushBack } from '../guest/op_stage';
import { softirqReset, bhDisable, bhEnable, softirqEnd, CALL_BH_DISABLE, CALL_BH_ENABLE } from '../guest/softirq';

export const COUNTER_REQUESTS = 0; // responses the load generator received
export const COUNTER_LOG_PAGES = 1; // new page-cache pages for the access log

export const MAX_CLIENTS = 1024;

// Frame tags: client << 4 | type.
const F_SYN = 0;
const F_ACK = 1;
const F_GET = 2;
const F_CACK = 3;
const F_CFIN = 4;
const F_SYNACK = 5;
const F_RESP = 6;
const F_FIN = 7;
const F_LASTACK = 8;

const CALL_SOFTIRQ = 100; // arg = frames taken in this poll so far
const CALL_WORKER_DONE = 101;

/** One access-log line ("combined" format, a small GET): bytes appended per request. */
const LOG_LINE_BYTES: i64 = 100; // model assumption
const PAGE_BYTES: i64 = 4096;
/** A grace period at HZ=250 on a 2-CPU guest: RCU callbacks wait about two ticks. */
const RCU_GRACE_TICKS: i64 = 2; // model assumption

const started = new StaticArray<i64>(MAX_CLIENTS);
// Per worker (one per vCPU): requests handed to it (a ring of client ids) and whether it is serving one.
const REQ_CAP = MAX_CLIENTS;
const reqQ = new StaticArray<i32>(MAX_VCPUS * REQ_CAP);
const reqHead = new StaticArray<i32>(MAX_VCPUS);
const reqLen = new StaticArray<i32>(MAX_VCPUS);
const serving = new StaticArray<bool>(MAX_VCPUS);
const rcuUntil = new StaticArray<i64>(MAX_VCPUS);
let logBytes: i64 = 0;
let nextWorker = 0;

export function start(): void {
  D.applyDevicePreset(cfg.host);
  backendReset();
  devNetReset(<i32>param(P_NIC), param(P_IRQ_AFFINITY) == 1);
  registerDeviceTasks(deviceIrq, rcuPending);
  softirqReset();
  reqHead.fill(0);
  reqLen.fill(0);
  serving.fill(false);
  rcuUntil.fill(-1);
  logBytes = 0;
  nextWorker = 0;
  const clients = <i32>paramI64(P_CLIENTS);
  for (let c = 0; c < clients; c++) {
    // Clients start spread over one turnaround so they do not arrive in lock-step.
    schedule((CLIENT_TURNAROUND_NS * <i64>c) / <i64>clients, EV_DEVICE, DEVT_CLIENT_NEXT, c);
  }
}

// --- the load generator ---------------------------------------------------------------
@inline function toHost(tag: i32, delay: i64): void {
  schedule(now + delay, EV_DEVICE, DEVT_TO_HOST, tag);
}

export function clientStart(c: i32): void {
  unchecked((started[c] = now));
  toHost((c << 4) | F_SYN, wireNs());
}

/** A frame from the guest reaches the load generator. */
export function clientReceive(tag: i32): void {
  const c = tag >> 4;
  const t = tag & 15;
  if (t == F_SYNACK) {
    const d = wireNs();
    toHost((c << 4) | F_ACK, d);
    toHost((c << 4) | F_GET, d + 1000); // the request follows the handshake's ACK
  } else if (t == F_RESP) {
    addCounter(COUNTER_REQUESTS, 1);
    unchecked((sampleRow[0] = <i32>(now - unchecked(started[c]))));
    commitSample();
  } else if (t == F_FIN) {
    const d = wireNs();
    toHost((c << 4) | F_CACK, d);
    toHost((c << 4) | F_CFIN, d + 1000);
    schedule(now + CLIENT_TURNAROUND_NS, EV_DEVICE, DEVT_CLIENT_NEXT, c);
  }
}

export function frameArrives(tag: i32): void {
  frameFromWire(tag);
}

// --- the guest ------------------------------------------------------------------------
function deviceIrq(v: i32): void {
  netIrq(v, CALL_SOFTIRQ);
}

function rcuPending(v: i32): bool {
  return unchecked(rcuUntil[v]) > now;
}

export function needResched(v: i32): bool {
  return unchecked(reqLen[v]) > 0 || unchecked(serving[v]);
}

/**
 * try_to_wake_up of worker w from vCPU v's softirq, with interrupts off
 * (p->pi_lock and the run-queue lock are taken irqsave): an IPI (an ICR
 * write) if w's vCPU idles.
 */
function wakeWorker(v: i32, w: i32): void {
  stage(ops.OP_CLI, 0, 0);
  stage(ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_WAKEUP_CYCLES)), 0);
  if (w != v && guestInIdle(w)) {
    if (unchecked(vState[w]) == V_GUEST && ops.opCount(w) > 0 && ops.frontType(w) == ops.OP_POLL_IDLE) {
      schedule(now + cyclesToNs(plainCost(C.LOCK_HANDOFF_CYCLES)), EV_GUEST_POLL_WAKE, w, 0); // polling: need_resched suffices
    } else {
      stage(ops.OP_WRMSR, MSR_X2APIC_ICR, w);
    }
  } // else it finds the request when it next schedules
  stage(ops.OP_STI, 0, 0);
}

/** One received frame in the NET_RX softirq: TCP's work and what it answers (staged). */
function rxFrame(v: i32, tag: i32): void {
  const c = tag >> 4;
  const t = tag & 15;
  stage(ops.OP_WORK, cyclesToNs(plainCost(D.GUEST_RX_FRAME_CYCLES)), 0);
  if (t == F_SYN) {
    netXmit((c << 4) | F_SYNACK);
  } else if (t == F_GET) {
    const w = nextWorker;
    nextWorker = (nextWorker + 1) % cfg.vcpus;
    const i = w * REQ_CAP + ((unchecked(reqHead[w]) + unchecked(reqLen[w])) % REQ_CAP);
    unchecked((reqQ[i] = c));
    unchecked((reqLen[w] = reqLen[w] + 1));
    wakeWorker(v, w);
  } else if (t == F_CFIN) {
    netXmit((c << 4) | F_LASTACK);
  }
}

function softirq(v: i32, taken: i32): void {
  stageReset();
  if (taken < NAPI_BUDGET) {
    const tag = netRxNext();
    if (tag >= 0) {
      rxFrame(v, tag);
      stage(ops.OP_CALL, CALL_SOFTIRQ, taken + 1);
      flushFront(v);
      return;
    }
  }
  if (netPollEnd(taken) || softirqEnd(v)) stage(ops.OP_CALL, CALL_SOFTIRQ, 0); // poll again, or what was raised meanwhile
  flushFront(v);
}

/** The worker on vCPU v serves its next request: accept, read, respond, log, close. */
function serve(v: i32): void {
  const i = v * REQ_CAP + unchecked(reqHead[v]);
  const c = unchecked(reqQ[i]);
  unchecked((reqHead[v] = (reqHead[v] + 1) % REQ_CAP));
  unchecked((reqLen[v] = reqLen[v] - 1));
  unchecked((serving[v] = true));
  stageReset();
  // schedule() switches to the worker with the run-queue lock held, interrupts off.
  stage(ops.OP_CLI, 0, 0);
  stage(ops.OP_WORK, cyclesToNs(plainCost(C.GUEST_CONTEXT_SWITCH_CYCLES)), 0);
  stage(ops.OP_STI, 0, 0);
  stage(ops.OP_WORK, cyclesToNs(plainCost(D.NGINX_REQUEST_CYCLES)), 0);
  // The access log grows the page cache: a page the guest never used before is a first touch for the host.
  const before = logBytes / PAGE_BYTES;
  logBytes += LOG_LINE_BYTES;
  if (logBytes / PAGE_BYTES != before) {
    addCounter(COUNTER_LOG_PAGES, 1);
    stage(ops.OP_DEVICE, access(ACC_TOUCH, 0), 0);
  }
  netXmit((c << 4) | F_RESP);
  netXmit((c << 4) | F_FIN);
  stage(ops.OP_CALL, CALL_WORKER_DONE, 0);
  flushBack(v);
}

export function call(v: i32, code: i32, arg: i32): void {
  if (code == 0) {
    if (unchecked(reqLen[v]) > 0 && !unchecked(serving[v])) serve(v);
  } else if (code == CALL_SOFTIRQ) {
    softirq(v, arg);
  } else if (code == CALL_BH_DISABLE) {
    bhDisable(v);
  } else if (code == CALL_BH_ENABLE) {
    if (bhEnable(v)) {
      stageReset();
      stage(ops.OP_CALL, CALL_SOFTIRQ, 0);
      flushFront(v);
    }
  } else if (code == CALL_WORKER_DONE) {
    unchecked((serving[v] = false));
    // close() frees the file with call_rcu (fs/file_table.c): callbacks now wait on this CPU.
    unchecked((rcuUntil[v] = now + RCU_GRACE_TICKS * cfg.guestTickNs));
  }
}
