/** How the report's figures read on the page. Values arrive unrounded from the domain. */
import type { Basis, ValueKind } from '../../domain/report';

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

/** A figure's value as the page writes it, by what kind of number it is. */
export function formatValue(value: number | null, kind: ValueKind): string {
  switch (kind) {
    case 'count':
      return value === null ? NOTHING : String(value);
    case 'mean':
      return formatMean(value);
    case 'change':
      return formatMeanChange(value);
    case 'share':
      return formatShare(value);
    case 'days':
      return formatDays(value);
    case 'out-of-ten':
      return formatOutOfTen(value);
  }
}

/**
 * Rounds for the CSV: shares become percentages with one decimal place, counts stay as they
 * are, and every other kind of number is a mean, to two decimal places.
 */
export function roundForCsv(value: number | null, kind: ValueKind): number | null {
  if (value === null) return null;
  if (kind === 'share') return Math.round(value * 1000) / 10;
  if (kind === 'count') return value;
  return Math.round(value * 100) / 100;
}
