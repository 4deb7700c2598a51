import type { YoungPerson } from '../../domain/schemas';
import { ValidationError } from '../../domain/validation';
import { addCalendarMonths } from '../../lib/dates';
import { getDb } from '../database';
import { RETENTION_MONTHS_KEY } from '../settings-keys';

/** Closed cases are kept this many months after closure unless the service sets otherwise. */
export const DEFAULT_RETENTION_MONTHS = 12;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

function isRetention(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_RETENTION_MONTHS &&
    value <= MAX_RETENTION_MONTHS
  );
}

/** How many months after closure a closed case is kept: the service's setting, or 12. */
export async function getRetentionMonths(): Promise<number> {
  const stored = (await getDb().settings.get(RETENTION_MONTHS_KEY))?.value;
  return isRetention(stored) ? stored : DEFAULT_RETENTION_MONTHS;
}

/** Sets the retention period: whole months from 1 to 120. Throws a ValidationError keyed `months`. */
export async function setRetentionMonths(months: number): Promise<number> {
  if (!isRetention(months)) {
    throw new ValidationError({
      months: `Enter a whole number of months from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}.`,
    });
  }
  await getDb().settings.put({ key: RETENTION_MONTHS_KEY, value: months });
  return months;
}

/** A closed case kept longer than the retention period. */
export interface CasePastRetention {
  youngPerson: YoungPerson;
  closedOn: string;
  /** The date from which the case is past its retention period (yyyy-MM-dd). */
  dueOn: string;
}

/** The date a case closed on `closedOn` passes a retention period of `months`. */
export function retentionDueOn(closedOn: string, months: number): string {
  return addCalendarMonths(closedOn, months);
}

/**
 * Closed cases whose retention period has passed on `today` (yyyy-MM-dd), longest overdue
 * first: for the coach to export and erase.
 */
export async function getCasesPastRetention(today: string): Promise<CasePastRetention[]> {
  const months = await getRetentionMonths();
  const closed = await getDb().youngPeople.where('status').equals('closed').toArray();
  return closed
    .filter((yp): yp is YoungPerson & { closedOn: string } => yp.closedOn !== null)
    .map((yp) => ({
      youngPerson: yp,
      closedOn: yp.closedOn,
      dueOn: retentionDueOn(yp.closedOn, months),
    }))
    .filter((c) => c.dueOn <= today)
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) || a.youngPerson.name.localeCompare(b.youngPerson.name),
    );
}
