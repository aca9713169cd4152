// The shell's grammar, the part a learner types: words with '…', "…" and
// backslash quoting, `>`/`>>` redirection of standard output, pipelines with
// `|`, and lists joined by `&&`, `||`, `;` or ended by `&` (a background
// job). No variables, globs are expanded later against the model's files.
// Errors read as bash's own.

export interface Redirect {
  op: '>' | '>>';
  path: string;
}

export interface SimpleCommand {
  argv: string[];
  /** Which words were quoted (a quoted '*' is not a glob). */
  quoted: boolean[];
  redirect?: Redirect;
}

export interface ListItem {
  pipeline: SimpleCommand[];
  /** How this item is joined to the next one; '&' also runs it in the background. */
  op: '&&' | '||' | ';' | '&' | null;
  /** The item's text as typed (for `jobs` and the "Done" line). */
  text: string;
}

export class SyntaxError extends Error {
  override name = 'ShellSyntaxError';
}

type Tok = { kind: 'word'; text: string; quoted: boolean } | { kind: 'op'; text: string; at: number };

const OPS = ['&&', '||', '>>', '>', '|', ';', '&'];

function tokenize(line: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break; // a comment runs to the end of the line
    const op = OPS.find((o) => line.startsWith(o, i));
    if (op) {
      out.push({ kind: 'op', text: op, at: i });
      i += op.length;
      continue;
    }
    let word = '';
    let quoted = false;
    while (i < n) {
      const ch = line[i];
      if (ch === ' ' || ch === '\t' || OPS.some((o) => line.startsWith(o, i))) break;
      if (ch === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) throw new SyntaxError("unexpected EOF while looking for matching `''");
        word += line.slice(i + 1, end);
        quoted = true;
        i = end + 1;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < n && line[j] !== '"') {
          if (line[j] === '\\' && j + 1 < n && '"\\$`'.includes(line[j + 1])) j++;
          word += line[j];
          j++;
        }
        if (j >= n) throw new SyntaxError('unexpected EOF while looking for matching `"\'');
        quoted = true;
        i = j + 1;
      } else if (ch === '\\') {
        if (i + 1 < n) word += line[i + 1];
        quoted = true;
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    out.push({ kind: 'word', text: word, quoted });
  }
  return out;
}

/** Parse one line into a list of pipelines. An empty line gives []. */
export function parseLine(line: string): ListItem[] {
  const toks = tokenize(line);
  const items: ListItem[] = [];
  let pipeline: SimpleCommand[] = [];
  let cmd: SimpleCommand = { argv: [], quoted: [] };
  let start = 0;
  const unexpected = (t: string) => new SyntaxError(`syntax error near unexpected token \`${t}'`);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.kind === 'word') {
      cmd.argv.push(t.text);
      cmd.quoted.push(t.quoted);
      continue;
    }
    if (t.text === '>' || t.text === '>>') {
      const target = toks[k + 1];
      if (!target || target.kind !== 'word') throw unexpected(target && target.kind === 'op' ? target.text : 'newline');
      cmd.redirect = { op: t.text, path: target.text };
      k++;
      continue;
    }
    if (cmd.argv.length === 0) throw unexpected(t.text);
    pipeline.push(cmd);
    cmd = { argv: [], quoted: [] };
    if (t.text === '|') continue;
    items.push({ pipeline, op: t.text as ListItem['op'], text: line.slice(start, t.at).trim() });
    start = t.at + t.text.length;
    pipeline = [];
  }
  if (cmd.argv.length > 0) pipeline.push(cmd);
  else if (cmd.redirect) throw unexpected('newline');
  if (pipeline.length > 0) items.push({ pipeline, op: null, text: line.slice(start).trim() });
  else if (items.length > 0) {
    const last = items[items.length - 1];
    // "a &&" or "a |" waits for more in bash; here the line is complete.
    if (last.op === '&&' || last.op === '||') throw unexpected('newline');
  }
  return items;
}

/** Control characters made visible the way `cat -v` shows them, and a long word cut short. */
export function visible(s: string, max = 200): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20) out += '^' + String.fromCharCode(c + 64);
    else if (c === 0x7f) out += '^?';
    else if (c >= 0x80 && c < 0xa0) out += 'M-^' + String.fromCharCode(c - 0x80 + 64);
    else out += ch;
    if (out.length > max) return out.slice(0, max) + '…';
  }
  return out;
}
