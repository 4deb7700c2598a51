import { useLiveQuery } from 'dexie-react-hooks';
import { getClosures } from './repositories/closure';
import { getPinState } from './repositories/coach-pin';
import { getMapSnapshots } from './repositories/resilience-map';
import { getReliableChangeThreshold } from './repositories/settings';

// Each hook returns undefined while loading and null when the record does not exist.
// The reads that need no validation code live in ./core-hooks (the first screen imports them
// from there); they are re-exported here so every page can import its hooks from one place.
export {
  useGoalsWithOwners,
  useHandover,
  useSessionWithRatings,
  useYoungPersonDetail,
} from './core-hooks';

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
