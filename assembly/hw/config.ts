// The run's configuration, read once from the parameter slots at start.
import {
  param, paramI64, isOn, P_VIRT, P_VCPUS, P_PCPUS, P_PIN, P_HOST_TASKS, P_IDLE, P_NOHZ, P_TIMER, P_GUEST_HZ,
  P_HOST_HZ, P_HLT_EXITS, P_APICV, P_POSTED_INTERRUPTS, P_IPIV, P_PV_EOI, P_HALT_POLL_POLICY, P_DURATION_NS, P_HOST, P_HOST_CSTATES,
} from '../sim/params';
import { applyPreset, IPIV_CAPABLE } from './preset';

export const IDLE_HALT = 0;
export const IDLE_POLL = 1;
export const IDLE_HALTPOLL = 2;

export let virtOn = true;
export let vcpus = 1;
export let pcpus = 1;
export let pinned = true;
export let hostTasks = 0;
export let idleMode = IDLE_HALT;
export let nohz = true;
export let tscDeadline = true; // false: LAPIC timer initial-count (TMICT)
export let guestTickNs: i64 = 4000000;
export let hostHz: i64 = 1000;
export let hltExits = true;
export let apicv = true;
export let postedInterrupts = true;
export let ipiv = false;
export let pvEoi = false;
export let fixedPollPolicy = false;
export let durationNs: i64 = 0;
export let host = 0;
/** Host idle may enter C-states deeper than C1 (the menu governor picks one). */
export let hostCstates = false;

/** Read the slots (the TypeScript face writes every slot before each run). */
export function readConfig(): void {
  host = <i32>param(P_HOST);
  applyPreset(host);
  hostCstates = isOn(P_HOST_CSTATES);
  virtOn = isOn(P_VIRT);
  vcpus = <i32>param(P_VCPUS);
  pcpus = virtOn ? <i32>param(P_PCPUS) : vcpus;
  pinned = isOn(P_PIN);
  hostTasks = virtOn ? <i32>param(P_HOST_TASKS) : 0;
  idleMode = <i32>param(P_IDLE);
  nohz = isOn(P_NOHZ);
  tscDeadline = param(P_TIMER) == 0;
  const hz = paramI64(P_GUEST_HZ);
  // The face validates every slot; the guards only keep a raw call from trapping.
  guestTickNs = 1000000000 / (hz > 0 ? hz : 250);
  hostHz = paramI64(P_HOST_HZ);
  if (hostHz <= 0) hostHz = 1000;
  if (vcpus < 1) vcpus = 1;
  if (pcpus < 1) pcpus = 1;
  hltExits = isOn(P_HLT_EXITS);
  apicv = isOn(P_APICV);
  postedInterrupts = apicv && isOn(P_POSTED_INTERRUPTS);
  ipiv = postedInterrupts && isOn(P_IPIV) && IPIV_CAPABLE;
  pvEoi = isOn(P_PV_EOI);
  fixedPollPolicy = param(P_HALT_POLL_POLICY) == 1;
  durationNs = paramI64(P_DURATION_NS);
}
