// The physical disk behind the guest's virtual one: an access latency and a
// sustained bandwidth, a rotating disk's seek and rotation for random
// accesses. Queue depth 1 (iozone is synchronous): one access at a time.
import { plainCost } from './cost';

export const DISK_SSD = 0;
export const DISK_HDD = 1;

/** SATA SSD: ~80 µs per small read at queue depth 1, 500 MB/s sustained (model assumption; SATA 6 Gb/s tops out near 550 MB/s). */
const SSD_ACCESS_NS: f64 = 80000.0;
const SSD_BYTES_PER_NS: f64 = 0.5;
/** 7,200 rpm SATA disk: 150 MB/s sequential, 8.5 ms average seek, half a rotation 4.17 ms (model assumption from typical data sheets). */
const HDD_SEQ_ACCESS_NS: f64 = 100000.0; // a sequential read served from the drive's read-ahead cache
const HDD_SEEK_NS: f64 = 8500000.0;
const HDD_HALF_ROTATION_NS: f64 = 4170000.0;
const HDD_BYTES_PER_NS: f64 = 0.15;

/** Service time of one access of `bytes`, sequential (continuing the last one) or random. */
export function diskServiceNs(device: i32, bytes: i64, sequential: bool): i64 {
  if (device == DISK_HDD) {
    let t = plainCost(HDD_SEQ_ACCESS_NS);
    if (!sequential) t += plainCost(HDD_SEEK_NS + HDD_HALF_ROTATION_NS);
    return <i64>(t + <f64>bytes / HDD_BYTES_PER_NS);
  }
  return <i64>(plainCost(SSD_ACCESS_NS) + <f64>bytes / SSD_BYTES_PER_NS);
}
