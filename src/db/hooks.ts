import { useLiveQuery } from 'dexie-react-hooks';
import {
  getCaseload,
  getGoalsWithOwners,
  getSessionWithRatings,
  getYoungPersonDetail,
} from './queries';
import { getClosures } from './repositories/closure';
import { getPinState } from './repositories/coach-pin';
import { getHandover } from './repositories/handover';
import { getMapSnapshots } from './repositories/resilience-map';
import { getReliableChangeThreshold } from './repositories/settings';

// Each hook returns undefined while loading and null when the record does not exist.

export function useCaseload() {
  return useLiveQuery(getCaseload, []);
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
