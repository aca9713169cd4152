// The interpreter: a line is parsed (parse.ts), each command is looked up in
// the table (commands/index.ts) and run with a context that holds the
// machine's state and the model runner. It knows nothing of xterm: the
// browser panel and `kvmplay shell` both drive it, so they print the same.
import { parseLine, visible, SyntaxError as ShellSyntaxError, type SimpleCommand } from './parse';
import { initialState, type InitialConfig, type ShellState, type Where } from './state';
import { messages, type Messages } from './messages';
import { ModelRefusal, type ModelRunner } from './model';
import { glob, writeFile, STRERROR, tree as treeOf, resolvePath as resolveFrom } from './vfs';
import type { Locale } from '../lib/lesson-types';

/** A view that redraws until stopped: kvm_stat, perf kvm stat live, top, mpstat 1, stress in the foreground. */
export interface LiveView {
  /** The next frame (the model runs the next interval). */
  next(): Promise<string>;
  /** Wall-clock pause between frames in the browser. */
  intervalMs: number;
  /** clear: each frame replaces the screen; append: frames follow one another. */
  mode: 'clear' | 'append';
  /** Ends by itself after this many frames; undefined: only when stopped. */
  frames?: number;
  /** What is printed when it ends (Ctrl-C, q, or its last frame); `interrupted` when stopped by the user. */
  finish(interrupted: boolean): Promise<string>;
  /** Keys that end the view (kvm_stat's q). */
  quitKeys?: string[];
  /** Any other key (kvm_stat's x); the view is redrawn at once after it. */
  key?(k: string): void;
}

export type Outcome = number | LiveView;

export interface Ctx {
  name: string;
  /** Arguments after the command's name, globs expanded. */
  args: string[];
  state: ShellState;
  runner: ModelRunner;
  locale: Locale;
  msg: Messages;
  history: readonly string[];
  /** The command table (help lists it). */
  commands: readonly CommandSpec[];
  /** Run in the background (the line ended with &). */
  background: boolean;
  /** The command as typed (for jobs). */
  text: string;
  out(text: string): void;
  err(text: string): void;
  /** A line of the playground's own (prefixed, in the reader's language) on stderr. */
  note(text: string): void;
  /** Clear the screen (the terminal's escape; nothing in Node). */
  clear(): void;
}

export interface CommandSpec {
  name: string;
  where: Where | 'both';
  desc: keyof Messages['desc'];
  /** Words that may follow (options, subcommands, paths are completed by the shell). */
  complete?(args: string[], state: ShellState): string[];
  run(ctx: Ctx): Promise<Outcome> | Outcome;
}

export interface Output {
  write(text: string): void;
  clear?(): void;
}

export interface ShellOptions extends InitialConfig {
  runner: ModelRunner;
  locale?: Locale;
  commands: readonly CommandSpec[];
}

/** What a finished line left behind. */
export interface LineResult {
  status: number;
  /** A live view to drive (the terminal until Ctrl-C; kvmplay shell for --frames). */
  live?: LiveView;
}

export type CommandListener = (e: { line: string; argv: string[]; where: Where; status: number; state: ShellState }) => void;

export class Shell {
  readonly state: ShellState;
  readonly history: string[] = [];
  locale: Locale;
  private readonly runner: ModelRunner;
  private readonly table = new Map<string, CommandSpec>();
  private readonly listeners = new Set<CommandListener>();

  constructor(opts: ShellOptions) {
    this.state = initialState(opts);
    this.runner = opts.runner;
    this.locale = opts.locale ?? 'en';
    for (const c of opts.commands) this.table.set(c.name, c);
  }

  get commands(): CommandSpec[] {
    return [...this.table.values()];
  }

  prompt(): string {
    const cwd = this.state.cwd[this.state.where];
    const shown = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? '~' + cwd.slice(5) : cwd;
    return `root@${this.state.where}:${shown}# `;
  }

  /** Told after every command: what ran, where, with what status (lessons watch for their step). */
  onCommand(l: CommandListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Run one line; output goes to `out` as it is produced. */
  async exec(line: string, out: Output): Promise<LineResult> {
    const msg = messages(this.locale);
    const trimmed = line.trim();
    if (trimmed) this.history.push(line);
    let items;
    try {
      items = parseLine(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        out.write(`bash: ${e.message}\n`);
        this.state.status = 2;
        return { status: 2 };
      }
      throw e;
    }
    let status = this.state.status;
    let skip = false;
    for (const item of items) {
      if (!skip) {
        if (item.pipeline.length > 1) {
          out.write(`${msg.prefix}${msg.pipeUnsupported}\n`);
          status = 2;
        } else {
          const r = await this.runCommand(item.pipeline[0], item.op === '&', item.text, out);
          if (typeof r !== 'number') {
            this.state.status = 0;
            return { status: 0, live: r };
          }
          status = r;
        }
        this.state.status = status;
      }
      // a && b runs b only if a succeeded; a || b only if it failed; ; and & always.
      skip = item.op === '&&' ? status !== 0 : item.op === '||' ? status === 0 : false;
    }
    this.reapJobs(out);
    return { status };
  }

  /** Jobs whose time has passed on the simulated clock end, with bash's notice. */
  reapJobs(out: Output): void {
    const done = this.state.jobs.filter((j) => j.endNs !== null && j.endNs <= this.state.clockNs);
    if (done.length === 0) return;
    this.state.jobs = this.state.jobs.filter((j) => !done.includes(j));
    for (const j of done) if (j.id > 0) out.write(`[${j.id}]+  ${'Done'.padEnd(24)}${j.text}\n`);
  }

  private async runCommand(cmd: SimpleCommand, background: boolean, text: string, out: Output): Promise<number | LiveView> {
    const msg = messages(this.locale);
    const [name, ...rawArgs] = cmd.argv;
    const args: string[] = [];
    rawArgs.forEach((a, i) => (cmd.quoted[i + 1] ? args.push(a) : args.push(...glob(this.state, a))));
    const where = this.state.where;
    const spec = this.table.get(name);
    const notify = (status: number) => {
      for (const l of this.listeners) l({ line: text, argv: cmd.argv, where, status, state: this.state });
    };
    if (!spec) {
      out.write(`bash: ${visible(name)}: command not found\n`);
      notify(127);
      return 127;
    }
    let stdout = '';
    const redirect = cmd.redirect;
    const ctx: Ctx = {
      name,
      args,
      state: this.state,
      runner: this.runner,
      locale: this.locale,
      msg,
      history: this.history,
      commands: this.commands,
      background,
      text,
      out: (s) => (redirect ? (stdout += s + '\n') : out.write(s + '\n')),
      err: (s) => out.write(s + '\n'),
      note: (s) => out.write(`${msg.prefix}${s}\n`),
      clear: () => out.clear?.(),
    };
    if (spec.where !== 'both' && spec.where !== where) {
      out.write(`bash: ${name}: command not found\n`);
      ctx.note(where === 'guest' ? msg.notInGuest(name) : msg.notOnHost(name));
      notify(127);
      return 127;
    }
    let r: Outcome;
    try {
      r = await spec.run(ctx);
    } catch (e) {
      if (e instanceof ModelRefusal) {
        ctx.note(e.message);
        notify(1);
        return 1;
      }
      throw e;
    }
    if (typeof r !== 'number') return r;
    if (redirect) {
      const errno = writeFile(this.state, redirect.path, stdout);
      if (errno) {
        // bash reports a failed open with the path; a refused write(2) as echo's write error.
        if (errno === 'EINVAL' || errno === 'ERANGE') out.write(`bash: ${name}: write error: ${STRERROR[errno]}\n`);
        else out.write(`bash: ${visible(redirect.path)}: ${STRERROR[errno]}\n`);
        if (errno === 'EACCES' && /^\/sys\/module\/kvm_intel\/parameters\//.test(this.resolve(redirect.path))) {
          ctx.note(msg.loadTimeHint(this.resolve(redirect.path).split('/').pop()!));
        }
        r = 1;
      }
    }
    notify(r);
    return r;
  }

  private resolve(p: string): string {
    return p.startsWith('/') ? p : this.state.cwd[this.state.where] + '/' + p;
  }

  /** Tab completion: the candidates for the word under the cursor at the end of `line`. */
  complete(line: string): { word: string; candidates: string[] } {
    const words = line.split(/\s+/);
    const word = words[words.length - 1] ?? '';
    let candidates: string[];
    if (words.length <= 1) {
      candidates = this.commands.filter((c) => c.where === 'both' || c.where === this.state.where).map((c) => c.name);
    } else if (word.includes('/') || word.startsWith('.') || word.startsWith('~')) {
      candidates = this.completePath(word);
    } else {
      const spec = this.table.get(words[0]);
      candidates = spec?.complete?.(words.slice(1), this.state) ?? [];
      if (candidates.length === 0) candidates = this.completePath(word);
    }
    return { word, candidates: [...new Set(candidates.filter((c) => c.startsWith(word)))].sort() };
  }

  private completePath(word: string): string[] {
    const slash = word.lastIndexOf('/');
    const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
    const dirAbs = dirPart === '' ? this.state.cwd[this.state.where] : dirPart === '/' ? '/' : dirPart.slice(0, -1);
    const t = treeOf(this.state);
    const key = resolveFrom(this.state, dirAbs);
    const node = t[key];
    if (!node || node.kind !== 'dir') return [];
    return node.list().map((n) => {
      const child = t[(key === '/' ? '' : key) + '/' + n];
      return dirPart + n + (child?.kind === 'dir' ? '/' : '');
    });
  }
}


/** Longest common prefix of completion candidates. */
export function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}
