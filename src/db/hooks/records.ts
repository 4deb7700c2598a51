import { useLiveQuery } from 'dexie-react-hooks';
import { getAutoLockMinutes } from '../encryption/lock-settings';
import { getUnlockLimitHours } from '../encryption/unlock-limit';
import { getYoungPersonDetail } from '../queries';
import { getGoalSummaryData } from '../summary-queries';
import { getReportData } from '../report-queries';
import { getRestoreSafetyCopy } from '../repositories/backup/safety-copy';
import { getClosures } from '../repositories/closure';
import { getPinState } from '../repositories/coach-pin';
import { getMapSnapshots } from '../repositories/resilience-map';
import { getCasesPastRetention, getRetentionMonths } from '../repositories/retention';
import { getReliableChangeThreshold } from '../repositories/settings';

// Each hook returns undefined while loading and null when the record does not exist. The
// reads the first screen needs are in ./first-screen, which loads no validation code.

/** Whether a coach PIN is set and whether it is locked: undefined while loading. */
export function usePinState() {
  return useLiveQuery(() => getPinState(), []);
}

/** The reliable change threshold in points (3 unless set in settings); undefined while loading. */
export function useReliableChangeThreshold() {
  return useLiveQuery(getReliableChangeThreshold, []);
}

/** A young person's closures, newest first: undefined while loading, [] without an id. */
export function useClosures(youngPersonId: string | undefined) {
  return useLiveQuery(() => (youngPersonId ? getClosures(youngPersonId) : []), [youngPersonId]);
}

/** A young person's map snapshots, oldest first: undefined while loading, [] without an id. */
export function useMapSnapshots(youngPersonId: string | undefined) {
  return useLiveQuery(() => (youngPersonId ? getMapSnapshots(youngPersonId) : []), [youngPersonId]);
}

/** The report's data (see getReportData), kept up to date: undefined while loading. */
export function useReportData() {
  return useLiveQuery(getReportData, []);
}

/**
 * A young person's records with their goal summary, kept live: undefined while loading,
 * null when there is no such young person.
 */
export function useGoalSummary(youngPersonId: string | undefined) {
  return useLiveQuery(
    () => (youngPersonId ? getGoalSummaryData(youngPersonId) : null),
    [youngPersonId],
  );
}

/**
 * A young person's page data tagged with the id asked for, so that a caller can tell an answer
 * for an earlier id from the one it wants: undefined while loading or without an id.
 */
export function useTaggedYoungPersonDetail(youngPersonId: string | undefined) {
  return useLiveQuery(
    async () =>
      youngPersonId
        ? { youngPersonId, detail: await getYoungPersonDetail(youngPersonId) }
        : undefined,
    [youngPersonId],
  );
}

/** The retention period in months (12 unless set in Settings): undefined while loading. */
export function useRetentionMonths() {
  return useLiveQuery(getRetentionMonths, []);
}

/** Closed cases kept longer than the retention period on `today`: undefined while loading. */
export function useCasesPastRetention(today: string) {
  return useLiveQuery(() => getCasesPastRetention(today), [today]);
}

/** Minutes without use before the app locks itself: undefined while loading. */
export function useAutoLockMinutes() {
  return useLiveQuery(getAutoLockMinutes, []);
}

/** Hours after unlocking before the app locks itself, even in use: undefined while loading. */
export function useUnlockLimitHours() {
  return useLiveQuery(getUnlockLimitHours, []);
}

/** The safety copy kept from before the last "replace everything": null when there is none. */
export function useRestoreSafetyCopy() {
  return useLiveQuery(getRestoreSafetyCopy, []);
}
