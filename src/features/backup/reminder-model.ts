/**
 * The caseload page's backup reminder wording. Written without date-fns, so the first
 * screen loads no date library; the Backup page's fuller wording is in ./last-backup.ts.
 */

import { MONTHS } from '../../lib/short-date';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days from `from` to `to` on this device's clock (a change of clocks counts as none). */
function calendarDaysBetween(from: Date, to: Date): number {
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end.getTime() - start.getTime()) / DAY_MS);
}

/** The reminder on the caseload page, once a backup is due. */
export function reminderMessage(lastBackupAt: string | null, now: Date): string {
  if (lastBackupAt === null) return 'These records have never been backed up.';
  const when = new Date(lastBackupAt);
  const days = calendarDaysBetween(when, now);
  const daysText = days === 1 ? '1 day' : `${days} days`;
  const day = `${when.getDate()} ${MONTHS[when.getMonth()] ?? ''}`;
  return `Nothing has been backed up for ${daysText} (last backup: ${day}) and records have changed since.`;
}
