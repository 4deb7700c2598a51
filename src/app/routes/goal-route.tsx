import { GoalPage } from '../../features/goals/goal-page';
import { GoalChart } from '../../features/progress/goal-chart';

/** The goal page with its progress chart (features compose here, not in each other). */
export function GoalRoute() {
  return <GoalPage renderChart={(chart) => <GoalChart {...chart} />} />;
}
