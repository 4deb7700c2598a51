/**
 * Instants without date-fns: the lock screens use them, and they paint before date-fns is
 * loaded (issue 7's first-screen budget). ./dates.ts re-exports both.
 */

/** An instant stored as an ISO 8601 string with a time zone (always UTC "Z" when we write it). */
export type Instant = string;

export function toInstant(date: Date): Instant {
  return date.toISOString();
}

/** An instant in milliseconds; an unreadable one counts as the epoch, so ordering never throws. */
export function instantValue(instant: Instant): number {
  const value = Date.parse(instant);
  return Number.isNaN(value) ? 0 : value;
}

/**
 * Earlier first. Compared as instants, not text: ISO strings with other offsets or precision
 * ("10:00+01:00", "09:30:00Z", "09:30:00.5Z") do not sort as text.
 */
export function compareInstants(a: Instant, b: Instant): number {
  return instantValue(a) - instantValue(b);
}
