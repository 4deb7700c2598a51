import type { ChartPoint } from '../../domain/progress';

interface GoalChartTableProps {
  id: string;
  title: string;
  points: readonly ChartPoint[];
  hidden: boolean;
}

/** The chart's numbers as a table, for anyone who would rather read than look. */
export function GoalChartTable({ id, title, points, hidden }: GoalChartTableProps) {
  return (
    <div id={id} className="goal-chart__table-wrap" hidden={hidden}>
      <table className="goal-chart__table">
        <caption>Scores for &quot;{title}&quot;</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Score (out of 10)</th>
            <th scope="col">Rated by</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.id}>
              <th scope="row">{point.dateLabel}</th>
              <td>{point.score}</td>
              <td>{point.raterLabel}</td>
              <td>{point.isBaseline ? 'Baseline' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
