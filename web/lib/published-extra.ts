// A citation the explorer needs that web/sim/published.ts does not have yet
// (meant to move there). The figures themselves live in published.ts.
import type { Source } from '../sim/published';

/**
 * S1 for its TCP_RR figures. published.ts's S1 citation names the IPI
 * benchmark's host (Sandy Bridge 2.6 GHz); TCP_RR ran on an Ivy Bridge host,
 * so the hardware is left to the explorer's note on the conditions.
 */
export const S1_TCP_RR: Source = {
  id: 'S1',
  citation: 'David Matlack (Google), "Message Passing Workloads in KVM", KVM Forum 2015',
};
