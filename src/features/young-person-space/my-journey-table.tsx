import type { JourneyPoint } from './journey-points';

/** The same scores as the chart, as a table. */
export function MyJourneyTable({
  points,
  goalText,
}: {
  points: readonly JourneyPoint[];
  goalText: string;
}) {
  return (
    <table className="my-journey__table">
      <caption className="visually-hidden">Your scores for “{goalText}”</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">How close you felt</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.id}>
            <td>{p.dateLabel}</td>
            <td>{p.words}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
