/** What the report's section builders share: means, shares and what a figure rests on. */
import type { Basis, Figure, ReportScope } from './types';

/** CORC analyses a measure only where there are at least this many paired cases. */
export const FEW_CLOSED_CASES = 10;

/** True when a figure rests on closed cases and on fewer than 10 of them. */
export function restsOnFewClosedCases(figure: Figure<unknown>): boolean {
  const { closedCases } = figure.basis;
  return closedCases !== null && closedCases < FEW_CLOSED_CASES;
}

/** The plain mean, or null with nothing to average. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** part / whole from 0 to 1, or null when the whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The basis of a plain count, which does not rest on closed cases. */
export function countBasis(count: number, unit: string): Basis {
  return { count, unit, closedCases: null };
}

/** How many of the cases (indexes into scope.cases, repeats counted once) are closed. */
export function closedAmong(scope: ReportScope, caseIndexes: Iterable<number>): number {
  let n = 0;
  for (const i of new Set(caseIndexes)) if (scope.cases[i]?.closed) n += 1;
  return n;
}
