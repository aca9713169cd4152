// The terminal in the browser: the model runs in a simulation worker of its
// own (web/sim/client.ts), one run at a time in the order the shell asks.
import { createSimClient, type SimClient } from '../sim/client';
import type { ModelRunner } from './model';
import { Shell } from './shell';
import { COMMANDS } from './commands/index';
import type { Locale } from '../lib/lesson-types';

export function workerRunner(client: SimClient): ModelRunner {
  return {
    async run(req) {
      const r = await client.run(req);
      // The shell waits for each run, so none is ever superseded; null means the client was stopped.
      if (!r) throw new Error('the simulator was stopped');
      return r;
    },
  };
}

export async function browserShell(locale: Locale, createClient: () => Promise<SimClient> = () => createSimClient()): Promise<{ shell: Shell; client: SimClient }> {
  const client = await createClient();
  return { shell: new Shell({ runner: workerRunner(client), locale, commands: COMMANDS }), client };
}
