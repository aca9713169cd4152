// The core's TypeScript face: instantiate the wasm, write parameters into
// their slots by name, run, and decode the result arrays into the JSON shape
// the CLI, the UI and the tests share.
import { instantiate } from '../../build/core.js';
import { PARAMS, type Params } from './schema';
import { requireScenario, resolveParams, checkSeed } from './validate';
import { exitReasonName } from './exit_reasons';
import { scenarioMetrics } from './metrics/index';

type CoreExports = Awaited<ReturnType<typeof instantiate>>;

/** Events one run may handle before it stops with a message. */
export const EVENT_BUDGET = 20_000_000;

export interface RunRequest {
  scenario: string;
  params?: Record<string, unknown>;
  seed?: number | string;
  /** Include the raw per-iteration samples (for histograms). */
  samples?: boolean;
  /** Override EVENT_BUDGET (tests use it to check the budget stop). */
  maxEvents?: number;
}

export type Counts = Record<string, number>;

export interface PcpuTime {
  guest_ns: number;
  host_ns: number;
  poll_ns: number;
  other_ns: number;
  idle_ns: number;
}

export interface RunResult {
  scenario: string;
  seed: number;
  params: Params;
  status: 'ok' | 'budget_exhausted';
  message?: string;
  sim_time_ns: number;
  events: number;
  exits: Counts;
  exits_per_vcpu: Counts[];
  msr_writes: Counts;
  halt: Counts;
  pcpu: PcpuTime[];
  metrics: Record<string, unknown>;
  samples?: Record<string, number[]>;
}

/** What the metrics builders read: the decoded raw arrays. */
export interface Decoded {
  params: Params;
  cpuMhz: number;
  sampleCount: number;
  /** Column c of the sample rows. */
  column(c: number): Int32Array;
}

const HALT_STAT_NAMES = [
  'halt_exits', 'halt_attempted_poll', 'halt_successful_poll', 'halt_poll_invalid',
  'halt_wakeup', 'halt_poll_success_ns', 'halt_poll_fail_ns', 'halt_wait_ns',
] as const;

export const DEFAULT_SEED = 1;

export class Core {
  private readonly slot = new Map<string, number>();

  constructor(private readonly wasm: CoreExports) {
    for (let i = 0; i < wasm.paramCount(); i++) this.slot.set(wasm.paramName(i) as string, i);
    for (const name of Object.keys(PARAMS)) {
      if (!this.slot.has(name)) throw new Error(`core has no parameter slot '${name}'`);
    }
  }

  /** Parameter names the core declares, in slot order. */
  paramNames(): string[] {
    return [...this.slot.keys()];
  }

  run(req: RunRequest): RunResult {
    const spec = requireScenario(req.scenario);
    const params = resolveParams(spec, req.params ?? {});
    const seed = checkSeed(req.seed ?? DEFAULT_SEED);
    const w = this.wasm;
    for (const name of spec.params) {
      const p = PARAMS[name];
      const v = params[name];
      w.setParam(this.slot.get(name)!, p.kind === 'enum' ? p.options.indexOf(v as string) : (v as number));
    }
    const status = w.run(spec.id, seed, req.maxEvents ?? EVENT_BUDGET);
    if (status === w.STATUS_QUEUE_FULL.value || status === w.STATUS_BAD_SCENARIO.value) {
      throw new Error(`core failed with status ${status} on ${spec.name}`);
    }
    const mem = w.memory.buffer;
    const vcpus = w.resultVcpuCount();
    const pcpus = w.resultPcpuCount();

    const slots = w.exitReasonSlots();
    const exitArr = new BigInt64Array(mem, w.exitCountsPtr(), w.maxVcpus() * slots);
    const exits: Counts = {};
    const perVcpu: Counts[] = [];
    for (let v = 0; v < vcpus; v++) {
      const mine: Counts = {};
      for (let r = 0; r < slots; r++) {
        const n = Number(exitArr[v * slots + r]);
        if (n === 0) continue;
        const name = exitReasonName(r);
        mine[name] = n;
        exits[name] = (exits[name] ?? 0) + n;
      }
      perVcpu.push(mine);
    }

    const msrCount = w.trackedMsrCount();
    const msrArr = new BigInt64Array(mem, w.msrWritesPtr(), w.maxVcpus() * msrCount);
    const msr: Counts = {};
    for (let s = 0; s < msrCount; s++) {
      let n = 0;
      for (let v = 0; v < vcpus; v++) n += Number(msrArr[v * msrCount + s]);
      if (n > 0) msr['0x' + w.trackedMsr(s).toString(16)] = n;
    }

    const hs = w.haltStatCount();
    const haltArr = new BigInt64Array(mem, w.haltStatsPtr(), w.maxVcpus() * hs);
    const halt: Counts = {};
    HALT_STAT_NAMES.forEach((name, i) => {
      let n = 0;
      for (let v = 0; v < vcpus; v++) n += Number(haltArr[v * hs + i]);
      halt[name] = n;
    });

    const modes = w.pcpuModeCount();
    const pcArr = new BigInt64Array(mem, w.pcpuTimePtr(), w.maxPcpus() * modes);
    const pcpu: PcpuTime[] = [];
    for (let p = 0; p < pcpus; p++) {
      const b = p * modes;
      pcpu.push({
        guest_ns: Number(pcArr[b]), host_ns: Number(pcArr[b + 1]), poll_ns: Number(pcArr[b + 2]),
        other_ns: Number(pcArr[b + 3]), idle_ns: Number(pcArr[b + 4]),
      });
    }

    const stride = w.sampleStride();
    const count = w.resultSampleCount();
    const rows = new Int32Array(mem, w.samplesPtr(), count * stride);
    const decoded: Decoded = {
      params,
      cpuMhz: w.cpuMhz(),
      sampleCount: count,
      column(c: number) {
        const out = new Int32Array(count);
        for (let i = 0; i < count; i++) out[i] = rows[i * stride + c];
        return out;
      },
    };
    const built = scenarioMetrics(spec.name, decoded);

    const result: RunResult = {
      scenario: spec.name,
      seed,
      params,
      status: status === w.STATUS_BUDGET.value ? 'budget_exhausted' : 'ok',
      sim_time_ns: w.resultSimTimeNs(),
      events: w.resultEvents(),
      exits,
      exits_per_vcpu: perVcpu,
      msr_writes: msr,
      halt,
      pcpu,
      metrics: built.metrics,
    };
    if (result.status === 'budget_exhausted') {
      result.message = `simulation stopped after ${result.events} events (budget ${req.maxEvents ?? EVENT_BUDGET}); results cover ${result.sim_time_ns} ns of simulated time — lower iterations or duration`;
      // keep the key order stable: message right after status
      const { message, ...rest } = result;
      return { scenario: rest.scenario, seed: rest.seed, params: rest.params, status: rest.status, message, ...rest } as RunResult;
    }
    if (req.samples) result.samples = built.samples;
    return result;
  }
}

export async function createCore(module: WebAssembly.Module): Promise<Core> {
  return new Core(await instantiate(module, { env: {} }));
}
