// What a lesson's terminal steps are checked against at build time
// (lesson-format.ts StepRules): the terminal's own command table, the
// parameters its machine gives the model, and the schema's validation of a
// value, so a step can only name what the terminal can do and meet.
import { PARAMS } from '../sim/schema';
import { checkValue } from '../sim/validate';
import { COMMANDS } from '../terminal/commands/index';
import { machineParams } from '../terminal/model';
import { initialState } from '../terminal/state';
import type { StepRules } from './lesson-format';

/**
 * The parameters a step may require: those the terminal's machine state
 * gives the model (model.ts machineParams), plus the devices QEMU's -device
 * and -drive add (state.ts deviceParams). A step naming any other schema
 * parameter could never be met, so it is refused like an unknown one.
 */
function stepParamNames(): string[] {
  const names = new Set(Object.keys(machineParams(initialState(), 'en')));
  for (const device of ['nic', 'disk']) names.add(device);
  return [...names].filter((n) => Object.hasOwn(PARAMS, n)).sort();
}

export function stepRules(): StepRules {
  const params = stepParamNames();
  // checkValue checks a value for a scenario's parameters: here, the terminal's.
  const scope = { name: 'terminal', id: -1, title: '', summary: '', params };
  return {
    commands: new Map(COMMANDS.map((c) => [c.name, c.where])),
    params,
    checkValue: (name, raw) => checkValue(scope, name, raw),
  };
}
