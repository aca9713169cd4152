// Loopback TCP_RR exits (seed-figures §2, S1): with client and server on two
// vCPUs every transaction costs ~2 HLT and ~10 MSR_WRITE exits (8 timer
// writes from the NOHZ guest, 2 ICR writes); on one vCPU almost none.
import { describe, it, expect } from 'vitest';
import { run, relErr } from './helpers';

type Counts = Record<string, number>;
const S1 = { hltPerTxn: 1.99, msrWritePerTxn: 9.58 };
const base = { vcpus: 2, halt_poll_ns: 0, nohz: 'on', ipiv: 'off', duration_ns: 50_000_000 };

describe('tcp-rr exits per transaction', () => {
  it('vcpus=2, polling off, NOHZ, no IPIv: ≈2 HLT and ≈10 MSR_WRITE per transaction (S1, within 10%)', async () => {
    const r = await run('tcp-rr', base);
    const m = r.metrics as { transactions: number; exits_per_transaction: Counts; msr_writes_per_transaction: Counts };
    expect(m.transactions).toBeGreaterThan(1000);
    expect(relErr(m.exits_per_transaction.HLT, S1.hltPerTxn)).toBeLessThan(0.1);
    expect(relErr(m.exits_per_transaction.MSR_WRITE, S1.msrWritePerTxn)).toBeLessThan(0.1);
    // 8 writes to the LAPIC timer (TMICT, 0x838) and 2 to the ICR (0x830)
    expect(m.msr_writes_per_transaction['0x838']).toBeCloseTo(8, 0);
    expect(m.msr_writes_per_transaction['0x830']).toBeCloseTo(2, 0);
  });

  it('vcpus=1: a guest-internal context switch, almost no exits', async () => {
    const r = await run('tcp-rr', { ...base, vcpus: 1 });
    const m = r.metrics as { transactions: number; exits_per_transaction: Counts };
    const total = Object.values(m.exits_per_transaction).reduce((a, b) => a + b, 0);
    expect(m.transactions).toBeGreaterThan(1000);
    expect(total).toBeLessThan(0.1);
    expect(r.exits.HLT ?? 0).toBe(0);
  });

  it('IPI virtualization removes the ICR exits but not the timer writes', async () => {
    const r = await run('tcp-rr', { ...base, host: 'spr-6.x', timer: 'tmict', ipiv: 'on' });
    const m = r.metrics as { msr_writes_per_transaction: Counts };
    expect(m.msr_writes_per_transaction['0x830'] ?? 0).toBe(0);
    expect(m.msr_writes_per_transaction['0x838']).toBeCloseTo(8, 0);
  });

  it('halt-polling shortens the round trip', async () => {
    const sched = (await run('tcp-rr', base)).metrics as { rtt_ns: { p50: number } };
    const poll = (await run('tcp-rr', { ...base, halt_poll_ns: 200000 })).metrics as { rtt_ns: { p50: number } };
    expect(poll.rtt_ns.p50).toBeLessThan(sched.rtt_ns.p50 * 0.85);
  });

  it('a guest that polls in idle (cpuidle-haltpoll) needs neither HLT exits nor IPIs, and turns host polling off', async () => {
    const r = await run('tcp-rr', { ...base, halt_poll_ns: 200000, idle: 'haltpoll' });
    const m = r.metrics as { transactions: number; exits_per_transaction: Counts };
    expect(m.exits_per_transaction.HLT ?? 0).toBeLessThan(0.05);
    expect(r.msr_writes['0x4b564d05']).toBe(2); // MSR_KVM_POLL_CONTROL = 0, once per vCPU
    expect(r.halt.halt_attempted_poll).toBe(0);
  });
});
