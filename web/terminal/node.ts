// The terminal in Node: the core in-process, for `kvmplay shell` and the tests.
import { loadCore } from '../sim/node';
import { Shell, type ShellOptions } from './shell';
import { COMMANDS } from './commands/index';
import type { ModelRunner } from './model';

export const nodeRunner: ModelRunner = {
  async run(req) {
    return (await loadCore()).run(req);
  },
};

export function nodeShell(opts: Omit<ShellOptions, 'runner' | 'commands'> = {}): Shell {
  return new Shell({ ...opts, runner: nodeRunner, commands: COMMANDS });
}
