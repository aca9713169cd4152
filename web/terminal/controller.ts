// Line editing and live views between a Shell and a screen that speaks
// xterm's escape sequences: typing, ← → Home End, ↑ ↓ history, Tab
// completion, Ctrl-C, Ctrl-L, Ctrl-U, pastes (several lines run one after
// the other). Control characters never reach the line; a live view redraws
// every interval until Ctrl-C or its quit key. No xterm import: the panel
// passes its Terminal in as a Screen, tests a string buffer.
import { Shell, commonPrefix, type LiveView } from './shell';
import { messages } from './messages';
import type { Locale } from '../lib/lesson-types';

export interface Screen {
  write(data: string): void;
  clear(): void;
}

const CLEAR = '\x1b[H\x1b[2J';
/** Longest line the editor holds: a paste past it is cut (bash has no limit; a browser tab does). */
export const LINE_MAX = 128 * 1024;

export type Phase = 'idle' | 'running' | 'live';

export class TerminalController {
  line = '';
  cursor = 0;
  phase: Phase = 'idle';
  private histIndex = -1;
  private live: LiveView | null = null;
  private stopLive: ((interrupted: boolean) => void) | null = null;
  private refreshLive: (() => void) | null = null;
  private pending: string[] = [];
  onphase?: (p: Phase) => void;

  constructor(
    readonly shell: Shell,
    private readonly screen: Screen,
  ) {}

  get locale(): Locale {
    return this.shell.locale;
  }

  start(): void {
    this.screen.write(messages(this.locale).welcome + '\r\n');
    this.showPrompt();
  }

  private setPhase(p: Phase) {
    this.phase = p;
    this.onphase?.(p);
  }

  private out = {
    write: (s: string) => this.screen.write(s.replace(/\r?\n/g, '\r\n')),
    clear: () => this.screen.write(CLEAR),
  };

  private showPrompt() {
    this.screen.write(this.shell.prompt());
  }

  /** Keyboard input as xterm's onData delivers it (one key, an escape sequence, or a paste). */
  input(data: string): void {
    if (this.phase === 'live') {
      if (data === '\x03') this.stopLive?.(true);
      else if (this.live?.quitKeys?.includes(data)) this.stopLive?.(false);
      else if (this.live?.key) {
        this.live.key(data);
        this.refreshLive?.();
      }
      return;
    }
    if (this.phase === 'running') {
      // Typed ahead while a command runs: kept for after it (Ctrl-C drops it).
      if (data === '\x03') this.pending = [];
      else this.pending.push(data);
      return;
    }
    const seqs: Record<string, () => void> = {
      '\x1b[A': () => this.recall(-1),
      '\x1b[B': () => this.recall(1),
      '\x1b[C': () => this.move(1),
      '\x1b[D': () => this.move(-1),
      '\x1b[H': () => this.move(-this.cursor),
      '\x1bOH': () => this.move(-this.cursor),
      '\x1b[F': () => this.move(this.line.length - this.cursor),
      '\x1bOF': () => this.move(this.line.length - this.cursor),
      '\x1b[3~': () => this.del(),
    };
    for (let i = 0; i < data.length; i++) {
      const ch = data[i];
      if (ch === '\x1b') {
        // An escape sequence: a key we know, else skipped whole (function keys, mouse reports).
        const known = Object.keys(seqs).find((k) => data.startsWith(k, i));
        if (known) {
          seqs[known]();
          i += known.length - 1;
        } else {
          const m = /^\x1b(\[[0-?]*[ -/]*[@-~]|O.|.)?/.exec(data.slice(i, i + 32));
          i += (m?.[0].length ?? 1) - 1;
        }
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && data[i - 1] === '\r') continue;
        const rest = data.slice(i + 1);
        this.enter().then(() => {
          if (rest) this.input(rest);
        });
        return;
      }
      if (ch === '\x7f' || ch === '\b') this.backspace();
      else if (ch === '\x03') this.interrupt();
      else if (ch === '\x0c') this.clearScreen();
      else if (ch === '\x15') this.killLine();
      else if (ch === '\t') this.tab();
      else if (ch === '\x01') this.move(-this.cursor);
      else if (ch === '\x05') this.move(this.line.length - this.cursor);
      else if (ch < ' ' || ch === '\x7f' || (ch >= '\x80' && ch < '\xa0')) continue;
      else {
        // Insert the run of printable characters at once (a 100 KB paste stays one write).
        let j = i;
        while (j < data.length && data[j] >= ' ' && data[j] !== '\x7f' && !(data[j] >= '\x80' && data[j] < '\xa0')) j++;
        this.insert(data.slice(i, j));
        i = j - 1;
      }
    }
  }

  private insert(s: string) {
    const room = LINE_MAX - this.line.length;
    if (room <= 0) return;
    const text = s.slice(0, room);
    const tail = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor) + text + tail;
    this.cursor += text.length;
    this.screen.write(text + tail + (tail.length ? `\x1b[${tail.length}D` : ''));
  }

  private backspace() {
    if (this.cursor === 0) return;
    const tail = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor - 1) + tail;
    this.cursor--;
    this.screen.write('\b' + tail + ' ' + `\x1b[${tail.length + 1}D`);
  }

  private del() {
    if (this.cursor >= this.line.length) return;
    const tail = this.line.slice(this.cursor + 1);
    this.line = this.line.slice(0, this.cursor) + tail;
    this.screen.write(tail + ' ' + `\x1b[${tail.length + 1}D`);
  }

  private move(d: number) {
    const to = Math.max(0, Math.min(this.line.length, this.cursor + d));
    const n = to - this.cursor;
    if (n > 0) this.screen.write(`\x1b[${n}C`);
    if (n < 0) this.screen.write(`\x1b[${-n}D`);
    this.cursor = to;
  }

  private replaceLine(text: string) {
    this.move(-this.cursor);
    this.screen.write(text + '\x1b[K');
    this.line = text;
    this.cursor = text.length;
  }

  private recall(dir: number) {
    const h = this.shell.history;
    if (h.length === 0) return;
    let i = this.histIndex === -1 ? h.length : this.histIndex;
    i += dir;
    if (i >= h.length) {
      this.histIndex = -1;
      this.replaceLine('');
      return;
    }
    if (i < 0) i = 0;
    this.histIndex = i;
    this.replaceLine(h[i]);
  }

  private killLine() {
    this.replaceLine('');
  }

  private interrupt() {
    this.screen.write('^C\r\n');
    this.line = '';
    this.cursor = 0;
    this.histIndex = -1;
    this.showPrompt();
  }

  private clearScreen() {
    this.screen.write(CLEAR);
    this.showPrompt();
    this.screen.write(this.line);
    this.cursor = this.line.length;
  }

  private tab() {
    if (this.cursor !== this.line.length) return;
    const { word, candidates } = this.shell.complete(this.line);
    if (candidates.length === 0) return;
    const common = commonPrefix(candidates);
    if (common.length > word.length) {
      const add = common.slice(word.length) + (candidates.length === 1 && !common.endsWith('/') && !common.endsWith('=') ? ' ' : '');
      this.insert(add);
      return;
    }
    if (candidates.length > 1) {
      this.screen.write('\r\n' + candidates.join('  ') + '\r\n');
      this.showPrompt();
      this.screen.write(this.line);
    }
  }

  /** Run the line; resolves when the prompt is back. */
  async enter(): Promise<void> {
    const line = this.line;
    this.line = '';
    this.cursor = 0;
    this.histIndex = -1;
    this.screen.write('\r\n');
    this.setPhase('running');
    try {
      const r = await this.shell.exec(line, this.out);
      if (r.live) await this.runLive(r.live);
    } catch (e) {
      // Never a stack trace: the simulator's failure in one line of the playground's own.
      const m = messages(this.locale);
      this.out.write(`${m.prefix}${m.loadFailed} ${e instanceof Error ? e.message : String(e)}\n`);
    }
    this.setPhase('idle');
    this.showPrompt();
    const typed = this.pending.join('');
    this.pending = [];
    if (typed) this.input(typed);
  }

  private async runLive(view: LiveView): Promise<void> {
    this.live = view;
    this.setPhase('live');
    let stopped: boolean | null = null;
    let wake: (() => void) | null = null;
    this.stopLive = (interrupted) => {
      if (stopped === null) stopped = interrupted;
      wake?.();
    };
    this.refreshLive = () => wake?.();
    let n = 0;
    while (stopped === null) {
      const frame = await view.next();
      if (stopped !== null) break;
      if (view.mode === 'clear') this.out.write(CLEAR + frame + '\n');
      else if (frame !== '') this.out.write(frame + '\n');
      n++;
      if (view.frames !== undefined && n >= view.frames) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, view.intervalMs);
      });
      wake = null;
    }
    const interrupted = stopped === true;
    if (interrupted) this.out.write('^C\n');
    const end = await view.finish(interrupted);
    if (end) this.out.write(end + '\n');
    this.shell.reapJobs(this.out);
    this.live = null;
    this.stopLive = null;
    this.refreshLive = null;
  }

  /** Type a command and run it (the touch buttons, lessons' "try it"). */
  async run(command: string): Promise<void> {
    if (this.phase === 'live') {
      this.stopLive?.(true);
      return;
    }
    if (this.phase !== 'idle') return;
    this.replaceLine(command);
    await this.enter();
  }

  /** The touch buttons' keys: Ctrl-C, Tab, history. */
  key(k: 'ctrl-c' | 'tab' | 'up' | 'down'): void {
    this.input({ 'ctrl-c': '\x03', tab: '\t', up: '\x1b[A', down: '\x1b[B' }[k]);
  }
}
