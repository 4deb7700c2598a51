import { useMemo } from 'react';
import { useHandover } from '../../db/hooks/core';
import { useTaggedYoungPersonDetail } from '../../db/hooks/records';
import type { GoalWithRatings } from '../../db/queries';
import type { YoungPerson } from '../../domain/schemas';
import { visibleGoals } from './space-model';

/** What the young person's space may show: their name and their own goals. Never sessions. */
export interface MySpace {
  youngPerson: YoungPerson;
  /** Active goals, then achieved ones, with every rating (filter with ownRatings to show). */
  goals: GoalWithRatings[];
}

/**
 * The space of the young person the device is handed over to: undefined while loading,
 * 'none' when no handover is running, 'missing' when their record is gone, else MySpace.
 * Sessions and notes are dropped here, so no page of the space can show them.
 */
export function useMySpace(): MySpace | 'none' | 'missing' | undefined {
  const handover = useHandover();
  const loaded = useTaggedYoungPersonDetail(handover?.youngPersonId);
  const space = useMemo(() => {
    const detail = loaded?.detail;
    return detail ? { youngPerson: detail.youngPerson, goals: visibleGoals(detail.goals) } : null;
  }, [loaded]);
  if (handover === undefined) return undefined;
  if (handover === null) return 'none';
  // An answer read for an earlier handover is not used.
  if (!loaded || loaded.youngPersonId !== handover.youngPersonId) return undefined;
  return space ?? 'missing';
}
