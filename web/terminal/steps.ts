// Lesson steps in the terminal, as data a lesson can carry: "run netperf in
// the guest with halt_poll_ns at 0" is { command: 'netperf', where: 'guest',
// params: { halt_poll_ns: 0 } }. A step is done when a command of that name
// ran there and succeeded while the machine's model parameters (model.ts
// machineParams) had those values, so any way of getting there counts.
import type { CommandListener } from './shell';
import { machineParams } from './model';
import type { ParamValue } from '../sim/schema';
import type { Where } from './state';

export interface TerminalStep {
  id: string;
  /** The command's name (argv[0]), e.g. 'netperf'. */
  command: string;
  /** Its first arguments, when they matter (e.g. ['kvm', 'stat'] for perf kvm stat). */
  args?: string[];
  where?: Where;
  /** Model parameters the machine must have when it runs. */
  params?: Record<string, ParamValue>;
}

type CommandEvent = Parameters<CommandListener>[0];

export function stepDone(step: TerminalStep, e: CommandEvent): boolean {
  if (e.status !== 0 || e.argv[0] !== step.command) return false;
  if (step.where && e.where !== step.where) return false;
  if (step.args && !step.args.every((a, i) => e.argv[i + 1] === a)) return false;
  if (!step.params) return true;
  let p: Record<string, ParamValue>;
  try {
    p = machineParams(e.state, 'en');
  } catch {
    return false;
  }
  return Object.entries(step.params).every(([k, v]) => p[k] === v);
}

/** Watch a shell for a lesson's steps; `ondone` is told each step's id once, in the order they are met. */
export function watchSteps(
  shell: { onCommand(l: CommandListener): () => void },
  steps: readonly TerminalStep[],
  ondone: (id: string) => void,
): () => void {
  const done = new Set<string>();
  return shell.onCommand((e) => {
    for (const s of steps) {
      if (done.has(s.id) || !stepDone(s, e)) continue;
      done.add(s.id);
      ondone(s.id);
    }
  });
}
