/** How the report's figures read on the page. Values arrive unrounded from the domain. */
import type { Basis } from '../../domain/report';

const NOTHING = 'No data yet';

/** 0.6 -> "60%" */
export function formatShare(value: number | null): string {
  return value === null ? NOTHING : `${Math.round(value * 100)}%`;
}

/** 3.4 -> "3.4" (one decimal place; whole numbers stay whole). */
export function formatMean(value: number | null): string {
  if (value === null) return NOTHING;
  return String(Math.round(value * 10) / 10);
}

/** 2.6 -> "+2.6", -1 -> "-1" */
export function formatMeanChange(value: number | null): string {
  if (value === null) return NOTHING;
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** 71 -> "71 days" */
export function formatDays(value: number | null): string {
  if (value === null) return NOTHING;
  const days = Math.round(value);
  return days === 1 ? '1 day' : `${days} days`;
}

/** 9.5 -> "9.5 out of 10" */
export function formatOutOfTen(value: number | null): string {
  return value === null ? NOTHING : `${formatMean(value)} out of 10`;
}

const SINGULAR: [RegExp, string][] = [
  [/^young people's/, "young person's"],
  [/^young people/, 'young person'],
  [/^closed cases/, 'closed case'],
  [/^cases/, 'case'],
  [/^goals/, 'goal'],
  [/^sessions/, 'session'],
];

/** "5 goals with two ratings", "1 goal with two ratings": units are written in the plural. */
export function countWithUnit(count: number, unit: string): string {
  const words = count === 1 ? SINGULAR.reduce((u, [from, to]) => u.replace(from, to), unit) : unit;
  return `${count.toLocaleString('en-GB')} ${words}`;
}

/** "From 5 goals with two ratings" */
export function describeBasis(basis: Basis): string {
  return `From ${countWithUnit(basis.count, basis.unit)}`;
}

/** Rounds for the CSV: shares become percentages with one decimal place. */
export function roundForCsv(value: number | null, kind: 'share' | 'mean' | 'count'): number | null {
  if (value === null) return null;
  if (kind === 'share') return Math.round(value * 1000) / 10;
  if (kind === 'mean') return Math.round(value * 100) / 100;
  return value;
}
