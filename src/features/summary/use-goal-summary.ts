import { useLiveQuery } from 'dexie-react-hooks';
import { getYoungPersonDetail, type YoungPersonDetail } from '../../db/queries';
import { getClosures } from '../../db/repositories/closure';
import { getReliableChangeThreshold } from '../../db/repositories/settings';
import { buildGoalSummary, currentClosure, type GoalSummary } from '../../domain/summary';

export interface GoalSummaryData {
  detail: YoungPersonDetail;
  summary: GoalSummary;
}

async function loadGoalSummary(youngPersonId: string): Promise<GoalSummaryData | null> {
  const [detail, closures, threshold] = await Promise.all([
    getYoungPersonDetail(youngPersonId),
    getClosures(youngPersonId),
    getReliableChangeThreshold(),
  ]);
  if (!detail) return null;
  const summary = buildGoalSummary({
    youngPerson: detail.youngPerson,
    goals: detail.goals,
    sessions: detail.sessions,
    closure: currentClosure(detail.youngPerson, closures),
    threshold,
  });
  return { detail, summary };
}

/**
 * A young person's records with their goal summary, kept live: undefined while loading,
 * null when there is no such young person.
 */
export function useGoalSummary(youngPersonId: string | undefined) {
  return useLiveQuery(
    () => (youngPersonId ? loadGoalSummary(youngPersonId) : null),
    [youngPersonId],
  );
}
