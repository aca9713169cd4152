// KVM_SET_PMU_EVENT_FILTER (kvm-facts §7.3): an allow or deny list of masked
// entries. A plain entry becomes a masked one with umask_mask 0xFF; an entry
// matches when the event select is equal and (umask & mask) == match. A GP
// event may count iff (it matches an include and no exclude) == (action is
// ALLOW); fixed counters are allowed by fixed_counter_bitmap, or, absent
// one, by the event they count. Installing a filter marks every PMC for
// reprogramming; a denied event gets no perf event and so never counts.
import { EVT_NONE, intelEncoding, amdEncoding, isAmd } from '../hw/pmu';

export const FILTER_NONE = 0;
export const FILTER_DENY_INSTRUCTIONS = 1;
export const FILTER_DENY_LLC_MISSES = 2;
export const FILTER_ALLOW_CYCLES = 3; // allow list: only cycles

export const KVM_PMU_EVENT_ALLOW = 0;
export const KVM_PMU_EVENT_DENY = 1;
/** KVM_PMU_EVENT_FILTER_MAX_EVENTS (kvm-facts §7.3). */
export const MAX_FILTER_EVENTS = 300;

let installed = false;
let action = KVM_PMU_EVENT_ALLOW;
const entrySelect = new StaticArray<u32>(MAX_FILTER_EVENTS);
const entryMask = new StaticArray<u32>(MAX_FILTER_EVENTS);
const entryMatch = new StaticArray<u32>(MAX_FILTER_EVENTS);
const entryExclude = new StaticArray<bool>(MAX_FILTER_EVENTS);
let entries = 0;

function addPlain(raw: u32): void {
  // A plain entry: event select = raw & 0xff, umask_mask 0xFF, umask_match = the umask.
  unchecked((entrySelect[entries] = raw & 0xff));
  unchecked((entryMask[entries] = 0xff));
  unchecked((entryMatch[entries] = (raw >> 8) & 0xff));
  unchecked((entryExclude[entries] = false));
  entries++;
}

/** Install one of the model's filters for a guest with PMU kind `pmu`. */
export function filterInstall(which: i32, pmu: i32): void {
  installed = which != FILTER_NONE;
  entries = 0;
  const enc = isAmd(pmu) ? amdEncoding : intelEncoding;
  if (which == FILTER_DENY_INSTRUCTIONS) {
    action = KVM_PMU_EVENT_DENY;
    addPlain(enc(1)); // EVT_INSTRUCTIONS
  } else if (which == FILTER_DENY_LLC_MISSES) {
    action = KVM_PMU_EVENT_DENY;
    addPlain(enc(3)); // EVT_LLC_MISSES
  } else if (which == FILTER_ALLOW_CYCLES) {
    action = KVM_PMU_EVENT_ALLOW;
    addPlain(enc(2)); // EVT_CYCLES
  }
}

export function filterInstalled(): bool {
  return installed;
}

/** May a GP counter with this event|umask<<8 count? */
export function filterAllowsRaw(raw: u32): bool {
  if (!installed) return true;
  const sel = raw & 0xff;
  const umask = (raw >> 8) & 0xff;
  let include = false;
  let exclude = false;
  for (let i = 0; i < entries; i++) {
    if (unchecked(entrySelect[i]) != sel || (umask & unchecked(entryMask[i])) != unchecked(entryMatch[i])) continue;
    if (unchecked(entryExclude[i])) exclude = true;
    else include = true;
  }
  return (include && !exclude) == (action == KVM_PMU_EVENT_ALLOW);
}

/** A fixed counter counting event kind `kind` (no fixed_counter_bitmap given: judged by its event). */
export function filterAllowsFixed(kind: i32, pmu: i32): bool {
  if (kind == EVT_NONE) return !installed || action == KVM_PMU_EVENT_DENY;
  return filterAllowsRaw(isAmd(pmu) ? amdEncoding(kind) : intelEncoding(kind));
}
