import { formatInstantTime } from '../lib/dates';

/**
 * Thrown when a record was changed elsewhere (another tab or window) after the form changing
 * it was opened: the save is refused, so neither change silently overwrites the other.
 */
export class ConflictError extends Error {
  constructor(what: string, changedAt: string) {
    super(
      `${what} changed in another tab or window at ${formatInstantTime(changedAt)}, after you opened this form. Your changes were not saved, so that change is kept. Open the page again to see it, then make your changes.`,
    );
    this.name = 'ConflictError';
  }
}

/**
 * Refuses a save when the stored record's updatedAt is not the one the form opened with.
 * `expected` undefined means the caller does not check (a save not made from a form).
 */
export function assertUnchanged(
  stored: { updatedAt: string },
  expected: string | undefined,
  what: string,
): void {
  if (expected !== undefined && stored.updatedAt !== expected) {
    throw new ConflictError(what, stored.updatedAt);
  }
}
