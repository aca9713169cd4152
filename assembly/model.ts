// One run of the model: reset everything, start host, vCPUs and the
// scenario, then handle events until the scenario finishes, duration_ns
// passes, or the event budget runs out.
import { resetQueue, popNext, schedule, evKind, evTarget, evArg, eventsHandled, overflowed, now, steps } from './sim/engine';
import * as E from './sim/events';
import { seedRng } from './sim/rng';
import { resetStats } from './sim/stats';
import { resetKvmStats } from './kvm/kvm_stats';
import { resetExitTime } from './kvm/exit_time';
import { cpReset } from './kvm/critical_path';
import { onLapicTimer } from './kvm/lapic_timer';
import { hostIrqStart, onHostIrq } from './host/irq';
import { resetPcpus, closePcpus, MODE_IDLE } from './hw/pcpu';
import { resetHaltPoll } from './kvm/halt_poll';
import * as cfg from './hw/config';
import * as ops from './hw/ops';
import { hostReset, hostStart, onSwitchDone, onReschedIpi, onHostTick } from './host/sched';
import { vcpuReset, vcpuStartBare, onOpDone, onExitDone, onEntered, onKick, onPiNotify, vcpuNudge, pmiArrive } from './kvm/vcpu';
import { kvmHaltReset, kvmOnPollTimeout } from './kvm/kvm_halt';
import { guestReset } from './guest/kernel';
import { spinlockReset } from './guest/spinlock';
import { guestBoot } from './guest/boot';
import { pleReset } from './kvm/ple';
import { MSR_KVM_POLL_CONTROL } from './hw/msr';
import { scenarioStart, scenarioDone, scenarioHasTick, SCENARIO_COUNT } from './workloads/registry';
import { vpmuConfigure } from './kvm/pmu';
import { perfReset } from './guest/perf';
import { resetPmuStats } from './sim/pmu_stats';
import { onBackendDone } from './host/backend';
import { onDeviceEvent } from './workloads/device_events';
import { traceReset, traceFinish } from './sim/trace';

export const STATUS_OK = 0;
export const STATUS_BUDGET = 1; // the event budget ran out first
export const STATUS_QUEUE_FULL = 2; // more pending events than the queue holds (a model bug)
export const STATUS_BAD_SCENARIO = 3;
export const STATUS_STUCK = 4; // guest ops looped without time passing (a model bug)

export let simTimeNs: i64 = 0;

export function runModel(scenario: i32, seed: u32, budget: i64): i32 {
  if (scenario < 0 || scenario >= SCENARIO_COUNT) return STATUS_BAD_SCENARIO;
  resetQueue();
  traceReset();
  resetStats(seed);
  resetKvmStats();
  resetExitTime();
  cpReset();
  resetHaltPoll();
  seedRng(<u64>seed);
  cfg.readConfig();
  ops.resetOps();
  resetPmuStats();
  vpmuConfigure();
  perfReset();
  vcpuReset();
  guestBoot();
  kvmHaltReset();
  spinlockReset();
  pleReset();
  resetPcpus(MODE_IDLE);
  guestReset(scenarioHasTick(scenario), cfg.vcpus);
  if (cfg.virtOn) hostReset(cfg.pcpus, cfg.vcpus, cfg.hostTasks, cfg.pinned, cfg.hostHz);
  // cpuidle-haltpoll turns host polling off as each CPU comes online (kvm-facts §2.1).
  if (cfg.virtOn && cfg.idleMode == cfg.IDLE_HALTPOLL) {
    for (let v = 0; v < cfg.vcpus; v++) ops.pushBack(v, ops.OP_WRMSR, MSR_KVM_POLL_CONTROL, 0);
  }
  scenarioStart(scenario);
  if (cfg.durationNs > 0) schedule(cfg.durationNs, E.EV_END, 0, 0);
  if (cfg.virtOn) {
    hostStart(cfg.vcpus);
    hostIrqStart(cfg.pcpus);
  }
  else for (let v = 0; v < cfg.vcpus; v++) vcpuStartBare(v);

  let status = STATUS_OK;
  let lastSteps: i64 = 0;
  while (!scenarioDone && popNext()) {
    const k = evKind;
    if (k == E.EV_END) break;
    dispatch(k, evTarget, evArg);
    if (overflowed || ops.opsOverflowed) {
      status = STATUS_QUEUE_FULL;
      break;
    }
    if (steps > lastSteps + 50000) {
      status = STATUS_STUCK;
      break;
    }
    lastSteps = steps;
    if (eventsHandled >= budget && !scenarioDone) {
      status = STATUS_BUDGET;
      break;
    }
  }
  simTimeNs = now;
  closePcpus(now, cfg.pcpus);
  traceFinish(now);
  return status;
}

function dispatch(kind: i32, t: i32, arg: i32): void {
  switch (kind) {
    case E.EV_OP_DONE: onOpDone(t, arg); break;
    case E.EV_EXIT_DONE: onExitDone(t, arg); break;
    case E.EV_POLL_TIMEOUT: kvmOnPollTimeout(t, arg); break;
    case E.EV_ENTERED: onEntered(t, arg); break;
    case E.EV_KICK: onKick(t, arg); break;
    case E.EV_PI_NOTIFY: onPiNotify(t, arg); break;
    case E.EV_GUEST_TIMER: onLapicTimer(t, arg); break;
    case E.EV_HOST_IRQ: onHostIrq(t); break;
    case E.EV_GUEST_POLL_WAKE: vcpuNudge(t); break;
    case E.EV_LOCK_HANDOFF: vcpuNudge(t); break;
    case E.EV_SWITCH_DONE: onSwitchDone(t); break;
    case E.EV_RESCHED_IPI: onReschedIpi(t); break;
    case E.EV_HOST_TICK: onHostTick(t); break;
    case E.EV_PMI: pmiArrive(t); break;
    case E.EV_BACKEND_DONE: onBackendDone(t); break;
    case E.EV_DEVICE: onDeviceEvent(t, arg); break;
    default: break;
  }
}
