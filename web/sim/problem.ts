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
  | 'duplicate' // param: given more than once
  // The command line's own problems (kvmplay), worded by the same function:
  | 'unknown_command' // value: the command; known: the commands
  | 'unknown_option' // value: the option as typed; known: the accepted options
  | 'option_takes_no_value' // param: the option; value: what followed '='
  | 'option_needs_value' // param: the option; min, max: what it accepts
  | 'duplicate_option' // param: the option, given more than once
  | 'unexpected_argument' // value: the argument; known: what the command takes
  | 'missing_scenario' // known: the scenarios
  | 'bad_timeline'; // param: start_ns or duration_ns (absent: the whole option); value as given; min, max

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

/** A value as it may be shown: control characters escaped, one line, capped at `max` characters. */
export function showValue(raw: string, max = VALUE_MAX): string {
  let s = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (ch === '\n') s += '\\n';
    else if (ch === '\r') s += '\\r';
    else if (ch === '\t') s += '\\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) s += `\\x${c.toString(16).padStart(2, '0')}`;
    else s += ch;
    if (s.length > max) return s.slice(0, max) + '…';
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
    case 'unknown_command':
      return `unknown command '${v}' (known: ${p.known?.join(', ')})`;
    case 'unknown_option':
      return `unknown option '${v}' (accepted: ${p.known?.join(', ')})`;
    case 'option_takes_no_value':
      return `option '${showValue(p.param ?? '')}' takes no value (given '${showValue(p.param ?? '')}=${p.value ? v : ''}')`;
    case 'option_needs_value':
      return `option '${showValue(p.param ?? '')}' needs a value: an integer ${p.min} – ${p.max}`;
    case 'duplicate_option':
      return `option '${showValue(p.param ?? '')}' given more than once`;
    case 'unexpected_argument':
      return `unexpected argument '${v}'${p.known ? ` (expected: ${p.known.join(' ')})` : ''}`;
    case 'missing_scenario':
      return `run needs a scenario name (known: ${p.known?.join(', ')})`;
    case 'bad_timeline':
      return p.param
        ? `timeline ${p.param}=${v} is not accepted: expected an integer ${p.min} – ${p.max} ns`
        : `--timeline ${v} is not accepted: expected [start_ns]:[duration_ns], integers in ns, either left out for the scenario's default`;
  }
}
