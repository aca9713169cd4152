// The one parameter schema: the UI's controls, the CLI's name=value
// arguments, the URL state and the tests all read it. Names follow the
// kernel's where the kernel has one.

export interface IntParam {
  kind: 'int';
  name: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  description: string;
  /** Where the real knob lives, when it is a kernel one. */
  knob?: string;
}

export interface EnumParam {
  kind: 'enum';
  name: string;
  unit: '';
  default: string;
  options: readonly string[];
  description: string;
  knob?: string;
}

export type ParamSpec = IntParam | EnumParam;
export type ParamValue = number | string;
export type Params = Record<string, ParamValue>;

export const PARAMS: Record<string, ParamSpec> = {
  iterations: {
    kind: 'int', name: 'iterations', unit: '', default: 2000, min: 1, max: 100000,
    description: 'Measured wake-ups (IPI sent, handler reached) after the warm-up.',
  },
  warmup: {
    kind: 'int', name: 'warmup', unit: '', default: 10, min: 0, max: 10000,
    description: 'Wake-ups run first and left out of the statistics, while the poll window adapts.',
  },
  delay_ns: {
    kind: 'int', name: 'delay_ns', unit: 'ns', default: 100000, min: 1000, max: 10000000,
    description: 'How long vCPU0 stays halted before vCPU1 sends the IPI (S1 used about 100 µs).',
  },
  virt: {
    kind: 'enum', name: 'virt', unit: '', default: 'on', options: ['on', 'off'],
    description: 'on: the benchmark runs in a KVM guest; off: the same benchmark on bare metal.',
  },
  halt_poll_ns: {
    kind: 'int', name: 'halt_poll_ns', unit: 'ns', default: 200000, min: 0, max: 10000000,
    description: 'Upper bound of the per-vCPU halt-poll window; 0 means always schedule on HLT.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns',
  },
  halt_poll_ns_grow: {
    kind: 'int', name: 'halt_poll_ns_grow', unit: '×', default: 2, min: 0, max: 16,
    description: 'Factor the window grows by after a halt it missed; 0 freezes it.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns_grow',
  },
  halt_poll_ns_grow_start: {
    kind: 'int', name: 'halt_poll_ns_grow_start', unit: 'ns', default: 10000, min: 0, max: 10000000,
    description: 'First non-zero window; a shrink below it resets the window to 0.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns_grow_start',
  },
  halt_poll_ns_shrink: {
    kind: 'int', name: 'halt_poll_ns_shrink', unit: '÷', default: 2, min: 0, max: 16,
    description: 'Divisor applied after a halt longer than halt_poll_ns; 0 resets the window to 0.',
    knob: '/sys/module/kvm/parameters/halt_poll_ns_shrink',
  },
};

export interface ScenarioSpec {
  name: string;
  /** The core's scenario number. */
  id: number;
  title: string;
  summary: string;
  params: readonly string[];
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  {
    name: 'ipi-hlt',
    id: 0,
    title: 'IPI → HLT wake-up latency',
    summary:
      'vCPU0 halts; after delay_ns vCPU1 writes the x2APIC ICR to send it an IPI. Measures the cycles from that write to the first instruction of the IPI handler (S1, KVM Forum 2015).',
    params: ['iterations', 'warmup', 'delay_ns', 'virt', 'halt_poll_ns', 'halt_poll_ns_grow', 'halt_poll_ns_grow_start', 'halt_poll_ns_shrink'],
  },
];

export function findScenario(name: string): ScenarioSpec | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export function defaultParams(scenario: ScenarioSpec): Params {
  const out: Params = {};
  for (const name of scenario.params) out[name] = PARAMS[name].default;
  return out;
}

/** "0 – 10000000 ns" or "on | off": the accepted range, as error messages and help show it. */
export function describeRange(spec: ParamSpec): string {
  if (spec.kind === 'enum') return spec.options.join(' | ');
  return `${spec.min} – ${spec.max}${spec.unit && spec.unit.length <= 2 ? ' ' + spec.unit : ''}`;
}
