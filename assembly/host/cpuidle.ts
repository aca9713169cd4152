// Host idle states (host_cstates=on): when a pCPU goes idle the menu
// governor predicts how long it will stay (here: the mean of its last eight
// idle periods, menu's "typical interval") and picks the deepest C-state
// whose target residency fits; leaving it costs that state's exit latency.
// With host_cstates=off the pCPU only uses C1, whose exit is already part of
// IDLE_EXIT_CYCLES (S1's calibration), so deeper states add the difference.
import { MAX_PCPUS } from '../sim/stats';
import * as C from '../hw/preset';
import * as cfg from '../hw/config';

const HISTORY = 8;
const history = new StaticArray<i64>(MAX_PCPUS * HISTORY);
const historyLen = new StaticArray<i32>(MAX_PCPUS);
const historyNext = new StaticArray<i32>(MAX_PCPUS);
const idleSince = new StaticArray<i64>(MAX_PCPUS);
const chosen = new StaticArray<i32>(MAX_PCPUS);

export function cstateReset(): void {
  historyLen.fill(0);
  historyNext.fill(0);
  idleSince.fill(0);
  chosen.fill(0);
}

/** menu_select: the deepest state whose target residency is within the predicted idle time. */
export function cstateEnterIdle(p: i32, at: i64): void {
  unchecked((idleSince[p] = at));
  let state = 0;
  const n = unchecked(historyLen[p]);
  if (cfg.hostCstates && n > 0) {
    let sum: i64 = 0;
    for (let i = 0; i < n; i++) sum += unchecked(history[p * HISTORY + i]);
    const predictedUs = <f64>(sum / <i64>n) / 1000.0;
    for (let s = 1; s < C.CSTATE_COUNT; s++) if (unchecked(C.cstateResidencyUs[s]) <= predictedUs) state = s;
  }
  unchecked((chosen[p] = state));
}

/** The idle period ends: remember how long it was. */
export function cstateLeaveIdle(p: i32, at: i64): void {
  const i = p * HISTORY + unchecked(historyNext[p]);
  unchecked((history[i] = at - idleSince[p]));
  unchecked((historyNext[p] = (historyNext[p] + 1) % HISTORY));
  if (unchecked(historyLen[p]) < HISTORY) unchecked((historyLen[p] = historyLen[p] + 1));
}

/** Exit latency of the chosen state beyond C1's, in cycles. */
export function cstateExtraCycles(p: i32): f64 {
  const s = unchecked(chosen[p]);
  if (s == 0) return 0;
  return (unchecked(C.cstateExitUs[s]) - unchecked(C.cstateExitUs[0])) * C.CPU_MHZ;
}
