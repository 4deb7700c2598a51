import { useLiveQuery } from 'dexie-react-hooks';
import { isKeyringStored } from '../encryption/lock-settings';
import { getGoalsWithOwners, getSessionWithRatings, getYoungPersonDetail } from '../queries';
import { getDb } from '../database';
import { getHandover } from '../repositories/handover-state';
import { TEAM_LEAD_KEY } from '../settings-keys';

/**
 * Live reads that need no validation code, so the app's shell (the lock and handover gates,
 * in the first screen's code) loads no zod. The caseload's are in ./caseload; the others,
 * which do load validation code, in ./records.
 * Each hook returns undefined while loading and null when the record does not exist.
 */

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

/**
 * While `watch` is true, whether a keyring has been stored (a passphrase chosen, perhaps in
 * another tab); false while not watching, undefined while loading.
 */
export function useKeyringStored(watch: boolean) {
  return useLiveQuery(async () => (watch ? isKeyringStored() : false), [watch]);
}

/**
 * Whether this device leads a team (Settings > Lead a team set up): for the "Team report"
 * link. Counts the row by its key without opening it, so the app's shell loads no team code.
 * Undefined while loading.
 */
export function useLeadsTeam() {
  return useLiveQuery(
    async () => (await getDb().settings.where('key').equals(TEAM_LEAD_KEY).count()) > 0,
    [],
  );
}
