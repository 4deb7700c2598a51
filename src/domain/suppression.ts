/**
 * Small-number suppression for the files a service shares (the report CSV and the evaluation
 * export), as CORC and NHS statistics do: a count from 1 to 4 could single out a young person,
 * so it is written as "<5" instead. A count of 0 is written as it is: it says nothing about
 * any one young person. Pure TypeScript.
 */

/** Counts below this (and above 0) are suppressed. */
export const SUPPRESS_BELOW = 5;

/** What a suppressed count is written as. */
export const SUPPRESSED = '<5';

/** True for a count from 1 to 4: one that must not appear in a shared file. */
export function isSmallCount(count: number): boolean {
  return count > 0 && count < SUPPRESS_BELOW;
}

/** A count as a shared file writes it: "<5" from 1 to 4, otherwise the number. */
export function suppressedCount(count: number): number | typeof SUPPRESSED {
  return isSmallCount(count) ? SUPPRESSED : count;
}
