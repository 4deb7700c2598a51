/**
 * Records dated in the future are refused on import. A record whose updatedAt is ahead of
 * every clock would win every later merge (the newer version wins), and a deletion dated in
 * the future would delete every later version of its record, so a file that holds one is
 * not restored at all, and the import report names each such record and field.
 *
 * Clocks differ a little: an instant up to CLOCK_SKEW_MS ahead of this device's clock is
 * allowed. A calendar date (a session's date, a closing date) is a date where the record was
 * made, which may be a day ahead of here: one is refused only when it is after today's date
 * everywhere on Earth (14 hours ahead of UTC), with the same allowance. Pure: `now` is passed
 * in.
 */
import { instantValue } from '../lib/instant';
import type { ProblemList } from './backup-checks';
import type { FullBackupRecords, RecordArray } from './backup-format';
import type { Deletion } from './schemas';

/** How far ahead of this device's clock a record's time may be: 5 minutes. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The farthest any time zone is ahead of UTC (Kiribati, UTC+14). */
const LATEST_ZONE_MS = 14 * 60 * 60 * 1000;

/** The instants of each kind of record. */
const INSTANT_FIELDS: Record<RecordArray, readonly string[]> = {
  youngPeople: ['createdAt', 'updatedAt'],
  goals: ['createdAt', 'updatedAt'],
  sessions: ['createdAt', 'updatedAt'],
  ratings: ['ratedAt', 'updatedAt'],
  closures: ['createdAt', 'updatedAt'],
  resilienceMaps: ['savedAt', 'updatedAt'],
};

/** The calendar dates of each kind of record. */
const DATE_FIELDS: Record<RecordArray, readonly string[]> = {
  youngPeople: ['dateOfBirth', 'referralDate', 'closedOn'],
  goals: [],
  sessions: ['date'],
  ratings: [],
  closures: ['closedOn', 'reopenedOn'],
  resilienceMaps: [],
};

const ARRAYS = Object.keys(INSTANT_FIELDS) as RecordArray[];

function instantMessage(value: string, now: Date): string {
  return `Dated ${value}, which is in the future: more than 5 minutes after this device's clock (${now.toISOString()}). A record from the future would win every later merge, so nothing in this file is restored. Check the clock of the device that made it, and of this one.`;
}

function dateMessage(value: string): string {
  return `Dated ${value}, which is after today's date anywhere in the world. A record from the future would win every later merge, so nothing in this file is restored. Check the clock of the device that made it, and of this one.`;
}

/**
 * Adds a problem for every record time and date in the future (see the module's rules).
 * `records` are the file's, each at its index in the file (so call once every record has
 * passed its schema).
 */
export function checkFutureDates(
  records: FullBackupRecords,
  deletions: readonly Deletion[],
  now: Date,
  problems: ProblemList,
): void {
  const latestInstant = now.getTime() + CLOCK_SKEW_MS;
  const latestDate = new Date(latestInstant + LATEST_ZONE_MS).toISOString().slice(0, 10);
  const read = (record: object, field: string): unknown =>
    Object.getOwnPropertyDescriptor(record, field)?.value;
  for (const array of ARRAYS) {
    records[array].forEach((record: { id: string }, index) => {
      for (const field of INSTANT_FIELDS[array]) {
        const value = read(record, field);
        if (typeof value === 'string' && instantValue(value) > latestInstant) {
          problems.add({ array, index, id: record.id, field, message: instantMessage(value, now) });
        }
      }
      for (const field of DATE_FIELDS[array]) {
        const value = read(record, field);
        if (typeof value === 'string' && value > latestDate) {
          problems.add({ array, index, id: record.id, field, message: dateMessage(value) });
        }
      }
    });
  }
  deletions.forEach((deletion, index) => {
    if (instantValue(deletion.deletedAt) > latestInstant) {
      problems.add({
        array: 'deletions',
        index,
        id: deletion.id,
        field: 'deletedAt',
        message: instantMessage(deletion.deletedAt, now),
      });
    }
  });
}
