import { formatInstantTime, formatTimeAgo } from '../../lib/dates';

/** "Last backup: 3 days ago (14:05 on 20 Nov 2026)", or that there has never been one. */
export function describeLastBackup(lastBackupAt: string | null, now: Date): string {
  if (lastBackupAt === null) return 'No backup has been made on this device yet.';
  const ago = formatTimeAgo(lastBackupAt, now);
  return `Last backup: ${ago} (${formatInstantTime(lastBackupAt)}).`;
}
