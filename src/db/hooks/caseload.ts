import { useLiveQuery } from 'dexie-react-hooks';
import { backupReminder } from '../backup-reminder';
import { getCaseloadPeople, getCaseloadRows } from '../caseload-queries';
import { getDemoIds } from '../repositories/demo-ids';

/**
 * The caseload page's live reads. Like ./core, they load no validation code: the caseload is
 * the first screen. Each returns undefined while loading.
 */

/** Every young person in caseload order (open first, then by name). */
export function useCaseloadPeople() {
  return useLiveQuery(getCaseloadPeople, []);
}

/**
 * The caseload rows (counts, last session) of these young people, in this order. When the
 * ids change, the previous rows stay until the new ones are read.
 */
export function useCaseloadRows(ids: readonly string[]) {
  const key = ids.join('\n');
  return useLiveQuery(() => getCaseloadRows(key ? key.split('\n') : []), [key]);
}

/** The ids of demo young people still in the caseload. */
export function useDemoIds() {
  return useLiveQuery(getDemoIds, []);
}

/** Whether to remind the coach to back up (see backupReminder). */
export function useBackupReminder() {
  return useLiveQuery(() => backupReminder(), []);
}
