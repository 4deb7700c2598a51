import { useLiveQuery } from 'dexie-react-hooks';
import { useHandover } from '../../db/hooks';
import { getYoungPersonDetail, type GoalWithRatings } from '../../db/queries';
import type { YoungPerson } from '../../domain/schemas';
import { visibleGoals } from './space-model';

/** What the young person's space may show: their name and their own goals. Never sessions. */
export interface MySpace {
  youngPerson: YoungPerson;
  /** Active goals, then achieved ones, with every rating (filter with ownRatings to show). */
  goals: GoalWithRatings[];
}

/** The young person's details, tagged with the id asked for so a stale answer is not used. */
async function loadSpace(youngPersonId: string) {
  const detail = await getYoungPersonDetail(youngPersonId);
  const space: MySpace | null = detail
    ? { youngPerson: detail.youngPerson, goals: visibleGoals(detail.goals) }
    : null;
  return { youngPersonId, space };
}

/**
 * The space of the young person the device is handed over to: undefined while loading,
 * 'none' when no handover is running, 'missing' when their record is gone, else MySpace.
 * Sessions and notes are dropped here, so no page of the space can show them.
 */
export function useMySpace(): MySpace | 'none' | 'missing' | undefined {
  const handover = useHandover();
  const id = handover?.youngPersonId;
  const loaded = useLiveQuery(() => (id ? loadSpace(id) : undefined), [id]);
  if (handover === undefined) return undefined;
  if (handover === null) return 'none';
  if (!loaded || loaded.youngPersonId !== handover.youngPersonId) return undefined;
  return loaded.space ?? 'missing';
}
