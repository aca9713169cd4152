// Every problem with input as data: what kind, which parameter, the value as
// it was typed, the accepted range. The CLI words it in English
// (describeProblem); the UI words it in the reader's language from the same
// fields. A value is echoed on one line, at most VALUE_MAX characters, with
// control characters (newlines, ANSI escapes) made visible.

export type ProblemCode =
  | 'unknown_scenario' // value: the name; known: the scenarios
  | 'unknown_param' // param; scenario; known: its parameters
  | 'not_option' // param, value; options
  | 'not_integer' // param, value; min, max, unit
  | 'out_of_range' // param, value; min, max, unit
  | 'bad_seed' // value; min, max
  | 'not_assignment' // value: the argument
  | 'unavailable_on_host' // param, value, host; hosts: where it is available
  | 'duplicate'; // param: given more than once

export interface Problem {
  code: ProblemCode;
  param?: string;
  /** The value exactly as given (a string: numbers are echoed as typed). */
  value?: string;
  scenario?: string;
  min?: number;
  max?: number;
  unit?: string;
  options?: readonly string[];
  known?: readonly string[];
  host?: string;
  hosts?: readonly string[];
}

export const VALUE_MAX = 40;

/** A value as it may be shown: control characters escaped, one line, capped. */
export function showValue(raw: string): string {
  let s = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (ch === '\n') s += '\\n';
    else if (ch === '\r') s += '\\r';
    else if (ch === '\t') s += '\\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) s += `\\x${c.toString(16).padStart(2, '0')}`;
    else s += ch;
    if (s.length > VALUE_MAX) return s.slice(0, VALUE_MAX) + '…';
  }
  return s === '' ? "''" : s;
}

export function rangeText(p: Problem): string {
  if (p.options) return p.options.join(' | ');
  const unit = p.unit && p.unit.length <= 2 ? ' ' + p.unit : '';
  return `${p.min} – ${p.max}${unit}`;
}

/** The problem in one English line (the CLI's wording). */
export function describeProblem(p: Problem): string {
  const v = showValue(p.value ?? '');
  switch (p.code) {
    case 'unknown_scenario':
      return `unknown scenario '${v}' (known: ${p.known?.join(', ')})`;
    case 'unknown_param':
      return `unknown parameter '${showValue(p.param ?? '')}' for scenario '${p.scenario}' (known: ${p.known?.join(', ')})`;
    case 'not_option':
      return `${p.param}=${v} is not accepted: expected ${rangeText(p)}`;
    case 'not_integer':
      return `${p.param}=${v} is not an integer: expected ${rangeText(p)}`;
    case 'out_of_range':
      return `${p.param}=${v} is out of range: expected ${rangeText(p)}`;
    case 'bad_seed':
      return `seed=${v} is not accepted: expected an integer ${p.min} – ${p.max}`;
    case 'not_assignment':
      return `'${v}' is not a name=value parameter`;
    case 'unavailable_on_host':
      return `${p.param}=${v} is not available on host=${p.host}: its hardware lacks it (expected host=${p.hosts?.join(' | ')}, or another ${p.param})`;
    case 'duplicate':
      return `parameter '${showValue(p.param ?? '')}' given more than once`;
  }
}
