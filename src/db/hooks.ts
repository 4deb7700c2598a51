import { useLiveQuery } from 'dexie-react-hooks';
import {
  getCaseload,
  getGoalsWithOwners,
  getSessionWithRatings,
  getYoungPersonDetail,
} from './queries';

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
