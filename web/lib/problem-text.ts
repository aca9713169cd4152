// Problems with input in the reader's language. web/sim/problem.ts gives each
// problem as data (code, parameter, value as typed, range) and words it in
// English for the CLI; the page words the same fields here, in English and
// 简体中文, for URL warnings and inline errors. The page adds a few problems of
// its own (an unknown view, lesson or language in the address) as PageProblem.
// Every value is echoed through showValue (one line, escaped, capped), every
// list of names is capped, and a list of warnings is capped to a few lines.
import { getContext, setContext } from 'svelte';
import { describeProblem, rangeText, showValue, type Problem } from '../sim/problem';
import { problemOf } from '../sim/validate';
import type { Locale } from './lesson-types';

export type PageProblemCode =
  | 'unknown_view' // value; known: the views
  | 'unknown_lesson' // value; known: the lessons
  | 'unknown_locale' // value; known: the locales
  | 'not_on_this_view' // value: the key; known: what the view reads; used: the view
  | 'bad_state' // value: the packed state (?s=) that could not be read; used: 'defaults'
  | 'state_version' // value: its version; known: the versions this build reads
  | 'wrong_scenario'; // value: the scenario a packed state names; used: the widget's own

export interface PageProblem {
  code: PageProblemCode;
  value: string;
  known: readonly string[];
  /** What is shown instead. */
  used: string;
}

/** Anything the address or a text box can be wrong about. */
export type InputProblem = Problem | PageProblem;

/** At most this many names of a known list are echoed. */
const KNOWN_MAX = 6;
/** A warning line is never longer than this (values are capped already; this bounds the rest). */
export const LINE_MAX = 200;
/** A list of warnings shows this many lines, then "and N more". */
export const WARNINGS_MAX = 5;

function names(list: readonly string[] | undefined, sep: string): string {
  const all = (list ?? []).map((s) => showValue(s));
  const shown = all.slice(0, KNOWN_MAX);
  return shown.join(sep) + (all.length > KNOWN_MAX ? `${sep}…` : '');
}

function oneLine(s: string): string {
  // Already escaped; make sure of it, and bound the length.
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return flat.length > LINE_MAX ? flat.slice(0, LINE_MAX - 1) + '…' : flat;
}

function english(p: InputProblem): string {
  const v = showValue(p.value ?? '');
  switch (p.code) {
    case 'unknown_view':
      return `unknown view '${v}' (known: ${names(p.known, ', ')}): showing the ${p.used === 'explore' ? 'explorer' : 'lessons'}`;
    case 'unknown_lesson':
      return `unknown lesson '${v}' (known: ${names(p.known, ', ')}): showing ${showValue(p.used)}`;
    case 'unknown_locale':
      return `unknown language '${v}' (known: ${names(p.known, ', ')}): using ${p.used}`;
    case 'not_on_this_view':
      return `'${v}' means nothing to the ${p.used === 'explore' ? 'explorer' : 'lessons'} (they read: ${names(p.known, ', ')}): ignored`;
    case 'bad_state':
      return `the saved state s=${v} could not be read (cut short or mistyped?): using the defaults`;
    case 'state_version':
      return `the saved state is format version ${v}, which this version of the playground cannot read (it reads: ${names(p.known, ', ')}): using the defaults`;
    case 'wrong_scenario':
      return `the saved state is for scenario '${v}', not this widget's: using ${showValue(p.used)}`;
    case 'unknown_param':
      return `unknown parameter '${showValue(p.param ?? '')}' for scenario '${p.scenario}' (known: ${names(p.known, ', ')})`;
    case 'unknown_scenario':
      return `unknown scenario '${v}' (known: ${names(p.known, ', ')})`;
    case 'duplicate':
      return p.value === undefined
        ? describeProblem(p)
        : `parameter '${showValue(p.param ?? '')}' given more than once: only the first, ${v}, is read`;
    default:
      return describeProblem(p);
  }
}

function chinese(p: InputProblem): string {
  const v = showValue(p.value ?? '');
  switch (p.code) {
    case 'unknown_view':
      return `没有名为“${v}”的视图（可选：${names(p.known, '、')}），改为显示${p.used === 'explore' ? '场景探索器' : '课程'}`;
    case 'unknown_lesson':
      return `没有名为“${v}”的课程（可选：${names(p.known, '、')}），改为显示 ${showValue(p.used)}`;
    case 'unknown_locale':
      return `不支持语言“${v}”（可选：${names(p.known, '、')}），改用 ${p.used}`;
    case 'not_on_this_view':
      return `${p.used === 'explore' ? '场景探索器' : '课程页面'}不读取“${v}”（它读取：${names(p.known, '、')}），已忽略`;
    case 'bad_state':
      return `无法读取保存的状态 s=${v}（可能被截断或输错了），改用默认值`;
    case 'state_version':
      return `保存的状态是第 ${v} 版格式，这个版本的实验场无法读取（可读取：${names(p.known, '、')}），改用默认值`;
    case 'wrong_scenario':
      return `保存的状态属于场景“${v}”，不是这个组件的场景，改用 ${showValue(p.used)}`;
    case 'unknown_scenario':
      return `没有名为“${v}”的场景（可选：${names(p.known, '、')}）`;
    case 'unknown_param':
      return `场景 ${p.scenario} 没有参数“${showValue(p.param ?? '')}”（可用的参数：${names(p.known, '、')}）`;
    case 'not_option':
      return `${p.param}=${v} 不是可选的值：应为 ${rangeText(p)} 之一`;
    case 'not_integer':
      return `${p.param}=${v} 不是整数：应为 ${rangeText(p)} 之间的整数`;
    case 'out_of_range':
      return `${p.param}=${v} 超出范围：应在 ${rangeText(p)} 之间`;
    case 'bad_seed':
      return `seed=${v} 无效：应为 ${p.min} – ${p.max} 之间的整数`;
    case 'bad_timeline':
      return p.param
        ? `时间线的 ${p.param}=${v} 无效：应为 ${p.min} – ${p.max} ns 之间的整数`
        : `--timeline ${v} 无效：应为 [start_ns]:[duration_ns]，单位 ns 的整数，任一侧可省略以使用场景的默认值`;
    case 'not_assignment':
      return `“${v}”不是 名称=值 形式的参数`;
    case 'unavailable_on_host':
      return `${p.param}=${v} 在 host=${p.host} 上不可用：这台主机的硬件不支持它（需要 host=${p.hosts?.join(' | ')}，或换一个 ${p.param} 的值）`;
    case 'duplicate':
      return p.value === undefined
        ? `参数“${showValue(p.param ?? '')}”出现了不止一次`
        : `参数“${showValue(p.param ?? '')}”出现了不止一次：只读取第一个值 ${v}`;
    // The command line's own problems: not met in the page, worded all the same.
    case 'unknown_command':
      return `没有名为“${v}”的命令（可选：${names(p.known, '、')}）`;
    case 'unknown_option':
      return `没有选项“${v}”（可用的选项：${names(p.known, '、')}）`;
    case 'option_takes_no_value':
      return `选项“${showValue(p.param ?? '')}”不接受值（给出的是 ${v}）`;
    case 'option_needs_value':
      return `选项“${showValue(p.param ?? '')}”需要一个值：${p.min} – ${p.max} 之间的整数`;
    case 'duplicate_option':
      return `选项“${showValue(p.param ?? '')}”出现了不止一次`;
    case 'unexpected_argument':
      return `多余的参数“${v}”${p.known ? `（应为：${names(p.known, ' ')}）` : ''}`;
    case 'missing_scenario':
      return `run 需要一个场景名称（可选：${names(p.known, '、')}）`;
    default:
      // A code added later: English until it is translated.
      return english(p);
  }
}

/** One problem in one line of the reader's language. */
export function problemText(locale: Locale, p: InputProblem): string {
  return oneLine(locale === 'zh-CN' ? chinese(p) : english(p));
}

/** An error from validation in the reader's language (an error of another kind: its message, capped). */
export function errorText(locale: Locale, e: unknown): string {
  const p = problemOf(e);
  if (p) return problemText(locale, p);
  return oneLine(showLong(e instanceof Error ? e.message : String(e)));
}

function showLong(s: string): string {
  return s.length > LINE_MAX ? s.slice(0, LINE_MAX) + '…' : s;
}

/** "and N more" for a list cut short. */
export function moreText(locale: Locale, n: number): string {
  return locale === 'zh-CN' ? `……另有 ${n} 条` : `…and ${n} more`;
}

/** Problems as warning lines: at most WARNINGS_MAX, then one "and N more". */
export function problemLines(locale: Locale, problems: readonly InputProblem[]): string[] {
  const lines = problems.slice(0, WARNINGS_MAX).map((p) => problemText(locale, p));
  if (problems.length > WARNINGS_MAX) lines.push(moreText(locale, problems.length - WARNINGS_MAX));
  return lines;
}

// The page's language for components its callers do not tell (the controls
// inside the lesson widget and the explorer): the shell puts a getter in the
// context, a control reads it.
const LOCALE_KEY = Symbol('kvmplay:locale');

export function provideLocale(get: () => Locale): void {
  setContext(LOCALE_KEY, get);
}

/** The page's language as a getter (call during component set-up); English outside the shell. */
export function pageLocale(): () => Locale {
  return getContext<(() => Locale) | undefined>(LOCALE_KEY) ?? (() => 'en');
}
