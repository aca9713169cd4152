// A terminal session in Node for the tests: each line is shown after its
// prompt, as the browser would show it, followed by what it printed; a live
// view shows `frames` frames and is then stopped as Ctrl-C stops it.
import { nodeShell } from '../../web/terminal/node';
import type { Shell } from '../../web/terminal/shell';
import type { InitialConfig } from '../../web/terminal/state';
import type { Locale } from '../../web/lib/lesson-types';

export interface SessionOptions extends InitialConfig {
  frames?: number;
  locale?: Locale;
}

export async function transcript(sh: Shell, lines: string[], frames = 1): Promise<string> {
  let text = '';
  const out = { write: (s: string) => (text += s), clear: () => (text += '<clear>\n') };
  for (const line of lines) {
    text += sh.prompt() + line + '\n';
    const r = await sh.exec(line, out);
    if (r.live) {
      const n = r.live.frames ?? frames;
      for (let k = 0; k < n; k++) {
        const f = await r.live.next();
        if (f !== '') text += f + '\n';
      }
      const interrupted = r.live.frames === undefined;
      if (interrupted) text += '^C\n';
      const end = await r.live.finish(interrupted);
      if (end) text += end + '\n';
      sh.reapJobs(out);
    }
  }
  return text;
}

export async function session(lines: string[], opts: SessionOptions = {}): Promise<{ text: string; shell: Shell }> {
  const shell = nodeShell(opts);
  const text = await transcript(shell, lines, opts.frames ?? 1);
  return { text, shell };
}

/** The state a command must not change, as plain data. */
export function snapshotState(sh: Shell): string {
  const { runs, clockNs, ...rest } = sh.state;
  void runs;
  void clockNs;
  return JSON.stringify(rest);
}
