import { useLiveQuery } from 'dexie-react-hooks';
import { getCaseloadPeople, getCaseloadRows } from './caseload-queries';
import { getGoalsWithOwners, getSessionWithRatings, getYoungPersonDetail } from './queries';
import { getHandover } from './repositories/handover-state';

/**
 * Live reads that need no validation code, so the first screen (the caseload behind the
 * handover gate) loads without zod. Re-exported by ./hooks with the others.
 * Each hook returns undefined while loading and null when the record does not exist.
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

export function useYoungPersonDetail(id: string | undefined) {
  return useLiveQuery(() => (id ? getYoungPersonDetail(id) : null), [id]);
}

export function useSessionWithRatings(id: string | undefined) {
  return useLiveQuery(() => (id ? getSessionWithRatings(id) : null), [id]);
}

export function useGoalsWithOwners() {
  return useLiveQuery(getGoalsWithOwners, []);
}

/** The handover in progress: undefined while loading, null when the coach holds the device. */
export function useHandover() {
  return useLiveQuery(getHandover, []);
}
