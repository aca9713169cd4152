// The learner's progress, kept in this browser (localStorage) and movable as
// a JSON file: which lessons were opened, whose goal was reached, which
// guesses were locked in and revealed. Nothing leaves the machine.

export const PROGRESS_KEY = 'kvmplay:progress';
export const PROGRESS_FORMAT = 'kvmplay-progress';
export const PROGRESS_VERSION = 1;

export interface Guess {
  /** The choice the learner locked in. */
  choice: number;
  revealed: boolean;
}

export interface LessonProgress {
  visited: boolean;
  goal: boolean;
  /** The published figures were revealed (by the goal or by the learner). */
  published: boolean;
  guesses: Record<string, Guess>;
}

export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
}

const empty = (): LessonProgress => ({ visited: false, goal: false, published: false, guesses: {} });

const SLUG_RE = /^\d{2}-[a-z0-9-]+$/;
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

/** A progress file's lessons, checked field by field; throws an Error saying what is wrong. */
export function parseProgress(raw: unknown): Record<string, LessonProgress> {
  const o = raw as Partial<ProgressFile> | null;
  if (typeof o !== 'object' || o === null || o.format !== PROGRESS_FORMAT) throw new Error(`"format" is not "${PROGRESS_FORMAT}"`);
  if (o.version !== PROGRESS_VERSION) throw new Error(`"version" ${JSON.stringify(o.version)} is not ${PROGRESS_VERSION}`);
  if (typeof o.lessons !== 'object' || o.lessons === null || Array.isArray(o.lessons)) throw new Error('"lessons" is not a mapping');
  const out: Record<string, LessonProgress> = {};
  for (const [slug, v] of Object.entries(o.lessons)) {
    if (!SLUG_RE.test(slug)) throw new Error(`"${slug.slice(0, 40)}" is not a lesson`);
    const p = v as Partial<LessonProgress> | null;
    if (typeof p !== 'object' || p === null) throw new Error(`"${slug}" is not a mapping`);
    for (const k of ['visited', 'goal', 'published'] as const) {
      if (typeof p[k] !== 'boolean') throw new Error(`"${slug}".${k} is not true or false`);
    }
    const guesses: Record<string, Guess> = {};
    if (typeof p.guesses !== 'object' || p.guesses === null || Array.isArray(p.guesses)) throw new Error(`"${slug}".guesses is not a mapping`);
    for (const [id, g] of Object.entries(p.guesses)) {
      const guess = g as Partial<Guess> | null;
      if (!ID_RE.test(id) || typeof guess !== 'object' || guess === null) throw new Error(`"${slug}".guesses.${id.slice(0, 40)} is not a guess`);
      if (!Number.isInteger(guess.choice) || (guess.choice as number) < 0 || (guess.choice as number) > 20) {
        throw new Error(`"${slug}".guesses.${id}.choice is not a choice number`);
      }
      if (typeof guess.revealed !== 'boolean') throw new Error(`"${slug}".guesses.${id}.revealed is not true or false`);
      guesses[id] = { choice: guess.choice as number, revealed: guess.revealed };
    }
    out[slug] = { visited: p.visited!, goal: p.goal!, published: p.published!, guesses };
  }
  return out;
}

class Progress {
  lessons = $state<Record<string, LessonProgress>>({});
  /** Whether the browser lets the page keep it (false: private mode, a sandboxed frame). */
  persistent = $state(true);

  constructor() {
    try {
      const raw = localStorage.getItem(PROGRESS_KEY);
      if (raw) this.lessons = parseProgress(JSON.parse(raw));
    } catch (e) {
      // Unreadable storage: start afresh (a damaged entry is replaced on the next save).
      if (e instanceof DOMException) this.persistent = false;
    }
  }

  of(slug: string): LessonProgress {
    return this.lessons[slug] ?? empty();
  }

  #update(slug: string, change: (p: LessonProgress) => void): void {
    const p = structuredClone($state.snapshot(this.of(slug))) as LessonProgress;
    change(p);
    this.lessons = { ...this.lessons, [slug]: p };
    this.#save();
  }

  #save(): void {
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(this.file()));
      this.persistent = true;
    } catch {
      this.persistent = false;
    }
  }

  visit(slug: string): void {
    if (!this.of(slug).visited) this.#update(slug, (p) => (p.visited = true));
  }

  reachGoal(slug: string): void {
    if (!this.of(slug).goal) this.#update(slug, (p) => ((p.goal = true), (p.published = true), (p.visited = true)));
  }

  revealPublished(slug: string): void {
    if (!this.of(slug).published) this.#update(slug, (p) => (p.published = true));
  }

  guess(slug: string, id: string, choice: number): void {
    this.#update(slug, (p) => (p.guesses[id] = { choice, revealed: false }));
  }

  reveal(slug: string, id: string): void {
    this.#update(slug, (p) => {
      if (p.guesses[id]) p.guesses[id].revealed = true;
    });
  }

  file(): ProgressFile {
    return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons: $state.snapshot(this.lessons) as Record<string, LessonProgress> };
  }

  /** Merge a file's progress in (what was reached stays reached); returns how many lessons it had. */
  import(raw: unknown): number {
    const incoming = parseProgress(raw);
    const merged = { ...($state.snapshot(this.lessons) as Record<string, LessonProgress>) };
    for (const [slug, p] of Object.entries(incoming)) {
      const have = merged[slug] ?? empty();
      merged[slug] = {
        visited: have.visited || p.visited,
        goal: have.goal || p.goal,
        published: have.published || p.published,
        guesses: { ...p.guesses, ...have.guesses },
      };
    }
    this.lessons = merged;
    this.#save();
    return Object.keys(incoming).length;
  }

  forget(): void {
    this.lessons = {};
    this.#save();
  }
}

/** One per page. */
export const progress = new Progress();
