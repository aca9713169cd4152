// The physical network between the load generator and the host: a LAN link
// and the host NIC's own interrupt moderation. Per-frame timing only; the
// frames' meaning belongs to the workload.
import { plainCost } from './cost';

/** One way, load generator to tap (or back): NIC DMA, a switch, the host's receive path to the bridge and tap. */
export const WIRE_ONE_WAY_NS: i64 = 25000; // model assumption: a 1 GbE LAN with interrupt moderation on both ends
/** The host NIC raises at most one interrupt per this interval (e1000e/igb InterruptThrottleRate default: ~20,000/s). */
export const HOST_NIC_ITR_NS: i64 = 50000; // e1000e/igb InterruptThrottleRate=3 (dynamic conservative) caps at 20,000 ints/s: from memory of the drivers, not re-read here
/** The host's hardirq and NAPI work for one NIC interrupt that lands on a vCPU's pCPU. */
export const HOST_NIC_IRQ_CYCLES: f64 = 6000.0; // model assumption: ~2 µs of hardirq + softirq
/** The load generator's own turnaround between two requests of one client (webbench: close, connect). */
export const CLIENT_TURNAROUND_NS: i64 = 40000; // model assumption

/** A frame's trip across the wire, with the jitter every cost has. */
export function wireNs(): i64 {
  return <i64>plainCost(<f64>WIRE_ONE_WAY_NS);
}
