// Parameter slots. The TypeScript face (web/sim/schema.ts) owns each
// parameter's unit, default, range and documentation and writes values here by
// name; the core only reads them. Enumerations arrive as their option index.

export const PARAM_NAMES: StaticArray<string> = [
  'iterations',
  'warmup',
  'delay_ns',
  'virt',
  'halt_poll_ns',
  'halt_poll_ns_grow',
  'halt_poll_ns_grow_start',
  'halt_poll_ns_shrink',
];

export const P_ITERATIONS = 0;
export const P_WARMUP = 1;
export const P_DELAY_NS = 2;
export const P_VIRT = 3; // 0 = on, 1 = off
export const P_HALT_POLL_NS = 4;
export const P_HALT_POLL_NS_GROW = 5;
export const P_HALT_POLL_NS_GROW_START = 6;
export const P_HALT_POLL_NS_SHRINK = 7;

const values = new StaticArray<f64>(64);

export function setParamValue(index: i32, value: f64): void {
  if (index >= 0 && index < PARAM_NAMES.length) unchecked((values[index] = value));
}

@inline export function param(index: i32): f64 {
  return unchecked(values[index]);
}

@inline export function paramI64(index: i32): i64 {
  return <i64>unchecked(values[index]);
}
