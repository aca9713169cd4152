// How a lesson's numbers are written: a value with the unit a prediction or a
// published figure declares, or — for a goal's condition, which names only a
// metric — the unit its path says (…_ns, …_pct, …cycles…, …per_sec…).
import { format } from 'd3-format';
import { fmtNs } from './format';
import { lessonStrings } from './lesson-i18n';
import type { Locale } from './lesson-types';

const number = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? format(',.0f')(v) : format(',.3~r')(v));

export function formatValue(v: number, unit: string | undefined, locale: Locale): string {
  if (unit === 'ns') return fmtNs(v);
  if (unit === 'percent') return `${format('.1f')(v)}%`;
  if (unit === 'times') return locale === 'zh-CN' ? `${format(',.2~f')(v)} 倍` : `${format(',.2~f')(v)}×`;
  const word = unit ? lessonStrings(locale).unit[unit] : '';
  return word ? `${number(v)} ${word}` : number(v);
}

/** The unit a metric path implies, for a goal condition. */
export function unitOf(metric: string): string | undefined {
  const keys = metric.split('.');
  if (keys.some((k) => k.endsWith('_pct'))) return 'percent';
  if (keys.some((k) => k.endsWith('_ns'))) return 'ns';
  if (keys.some((k) => k.includes('cycles'))) return 'cycles';
  if (keys.some((k) => k.includes('per_sec'))) return 'per_sec';
  if (keys.some((k) => k.includes('per_transaction'))) return 'per_transaction';
  return undefined;
}

export function formatMetric(metric: string, v: number, locale: Locale): string {
  return formatValue(v, unitOf(metric), locale);
}
