// A driver writes down the guest ops of one code path in program order here;
// the caller then puts them at the front of a vCPU's queue (they run next,
// before what was interrupted) or at the back (a task's next steps).
import * as ops from '../hw/ops';

const CAP = 64;
const sType = new StaticArray<i32>(CAP);
const sArg = new StaticArray<i64>(CAP);
const sArg2 = new StaticArray<i32>(CAP);
let n = 0;

export function stageReset(): void {
  n = 0;
}

export function stage(type: i32, arg: i64, arg2: i32): void {
  if (n >= CAP) return; // a path longer than this is a model bug; the ops queue would overflow first
  unchecked((sType[n] = type));
  unchecked((sArg[n] = arg));
  unchecked((sArg2[n] = arg2));
  n++;
}

export function flushFront(v: i32): void {
  for (let i = n - 1; i >= 0; i--) ops.pushFront(v, unchecked(sType[i]), unchecked(sArg[i]), unchecked(sArg2[i]));
  n = 0;
}

export function flushBack(v: i32): void {
  for (let i = 0; i < n; i++) ops.pushBack(v, unchecked(sType[i]), unchecked(sArg[i]), unchecked(sArg2[i]));
  n = 0;
}
