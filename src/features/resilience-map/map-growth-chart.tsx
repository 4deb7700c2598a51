import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, XAxis, YAxis } from 'recharts';
import { DomainMarker } from '../../components/ui/domain-marker';
import { useContainerWidth } from '../../components/ui/use-container-width';
import { getDomain } from '../../domain/framework';
import type { DomainGrowth } from '../../domain/resilience-map';

const HEIGHT = 260;

/** The chart's words for screen readers: the same numbers as the bars. */
export function growthSummary(growth: readonly DomainGrowth[]): string {
  return growth.map((g) => `${g.name}: ${g.first} at the first map, ${g.now} now`).join('; ');
}

/**
 * Strengths per domain at the first map (outlined bars) and now (filled in the domain's
 * colour), with the counts on the bars and the same numbers as a table underneath.
 */
export function MapGrowthChart({ growth }: { growth: readonly DomainGrowth[] }) {
  const { setElement, width } = useContainerWidth(560);
  const data = growth.map((g) => ({ ...g }));
  return (
    <figure className="map-growth-chart">
      <div
        ref={setElement}
        role="img"
        aria-label={`Bar chart of strengths per domain. ${growthSummary(growth)}`}
      >
        <BarChart
          width={Math.min(width, 720)}
          height={HEIGHT}
          data={data}
          margin={{ top: 24, right: 8, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#d1d5db" />
          <XAxis dataKey="name" interval={0} tick={{ fill: '#1f2937', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: '#1f2937' }} width={32} />
          <Legend />
          <Bar
            dataKey="first"
            name="First map (outlined)"
            fill="#ffffff"
            stroke="#1f2937"
            isAnimationActive={false}
          >
            <LabelList dataKey="first" position="top" fill="#1f2937" />
          </Bar>
          <Bar dataKey="now" name="Now (filled)" fill="#4b5563" isAnimationActive={false}>
            {growth.map((g) => (
              <Cell key={g.domain} fill={getDomain(g.domain).colour} />
            ))}
            <LabelList dataKey="now" position="top" fill="#1f2937" />
          </Bar>
        </BarChart>
      </div>
      <details className="map-growth-chart__table">
        <summary>Show as table</summary>
        <table className="map-table">
          <caption>Strengths per domain, at the first map and now</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">First map</th>
              <th scope="col">Now</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {growth.map((g) => (
              <tr key={g.domain}>
                <th scope="row">
                  <span className="map-table__domain">
                    <DomainMarker domain={g.domain} size={12} />
                    {g.name}
                  </span>
                </th>
                <td>{g.first}</td>
                <td>{g.now}</td>
                <td>{g.difference > 0 ? `+${g.difference}` : g.difference}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
