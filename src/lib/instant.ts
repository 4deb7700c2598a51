/**
 * Instants without date-fns: the lock screens use them, and they paint before date-fns is
 * loaded (issue 7's first-screen budget). ./dates.ts re-exports both.
 */

/** An instant stored as an ISO 8601 string with a time zone (always UTC "Z" when we write it). */
export type Instant = string;

export function toInstant(date: Date): Instant {
  return date.toISOString();
}
