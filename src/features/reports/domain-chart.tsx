import { Suspense, lazy } from 'react';
import { DomainMarker } from '../../components/ui/domain-marker';
import type { GoalsPerDomain } from '../../domain/report';

let barsModule: Promise<typeof import('./domain-bars')> | null = null;

/** Starts loading the chart's module (and its charting library) early, while data is read. */
export function preloadDomainChart() {
  barsModule ??= import('./domain-bars');
  return barsModule;
}

const DomainBars = lazy(async () => ({ default: (await preloadDomainChart()).DomainBars }));

/** Goals per domain: a bar chart, a note on goals counted twice, and the same numbers as a table. */
export function DomainChart({ value }: { value: GoalsPerDomain }) {
  return (
    <figure className="domain-chart">
      <Suspense fallback={<div className="domain-chart__placeholder" />}>
        <DomainBars domains={value.domains} />
      </Suspense>
      <figcaption className="domain-chart__caption">
        {value.multiDomainGoals === 1
          ? '1 goal is linked to more than one domain and counts in each.'
          : `${value.multiDomainGoals} goals are linked to more than one domain and count in each.`}
      </figcaption>
      <DomainTable value={value} />
    </figure>
  );
}

/** The same numbers as the chart, as a table. */
function DomainTable({ value }: { value: GoalsPerDomain }) {
  return (
    <table className="report-table">
      <caption>Goals per domain as a table</caption>
      <thead>
        <tr>
          <th scope="col">Domain</th>
          <th scope="col">Goals</th>
        </tr>
      </thead>
      <tbody>
        {value.domains.map((d) => (
          <tr key={d.domain}>
            <th scope="row">
              <span className="report-table__domain">
                <DomainMarker domain={d.domain} size={12} />
                {d.name}
              </span>
            </th>
            <td>{d.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
