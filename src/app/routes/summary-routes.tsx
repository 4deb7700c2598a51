import { GoalChart } from '../../features/progress/goal-chart';
import { GoalSummaryPage } from '../../features/summary/goal-summary-page';
import { MyJourneySummaryPage } from '../../features/summary/my-journey-summary-page';
import type { SummaryChart } from '../../features/summary/summary-chart';

const renderChart = (chart: SummaryChart) => <GoalChart {...chart} />;

/** The coach's goal summary, print-ready, with each goal's chart. */
export function GoalSummaryRoute() {
  return <GoalSummaryPage renderChart={renderChart} />;
}

/** "My resilience journey": the young person's own print-out. */
export function MyJourneySummaryRoute() {
  return <MyJourneySummaryPage renderChart={renderChart} />;
}
