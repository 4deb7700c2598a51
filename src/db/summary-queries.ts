import { buildGoalSummary, currentClosure, type GoalSummary } from '../domain/summary';
import { getYoungPersonDetail, type YoungPersonDetail } from './queries';
import { getClosures } from './repositories/closure';
import { getReliableChangeThreshold } from './repositories/settings';

/** A young person's records with their goal summary. */
export interface GoalSummaryData {
  detail: YoungPersonDetail;
  summary: GoalSummary;
}

/** A young person's records and goal summary, or null if there is no such young person. */
export async function getGoalSummaryData(youngPersonId: string): Promise<GoalSummaryData | null> {
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
