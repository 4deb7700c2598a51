import { DomainMarker } from '../../components/ui/domain-marker';
import { getDomain } from '../../domain/framework';
import type { LocationCount, MoveCount, NobleTruthCount } from '../../domain/report';
import { formatShare } from './report-format';

/** Sessions in each place, with their share. */
export function LocationsTable({ rows }: { rows: readonly LocationCount[] }) {
  return (
    <table className="report-table">
      <caption className="visually-hidden">Where sessions took place</caption>
      <thead>
        <tr>
          <th scope="col">Place</th>
          <th scope="col">Sessions</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.location}>
            <th scope="row">{row.label}</th>
            <td>{row.count}</td>
            <td>{row.share === null ? '-' : formatShare(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The moves made in most sessions, with their domain. */
export function MovesTable({ rows }: { rows: readonly MoveCount[] }) {
  if (rows.length === 0) return <p>No moves were recorded in these sessions.</p>;
  return (
    <table className="report-table">
      <caption className="visually-hidden">The moves made in most sessions</caption>
      <thead>
        <tr>
          <th scope="col">Move</th>
          <th scope="col">Domain</th>
          <th scope="col">Sessions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.moveId}>
            <th scope="row">{row.name}</th>
            <td>
              <span className="report-table__domain">
                <DomainMarker domain={row.domain} size={12} />
                {getDomain(row.domain).name}
              </span>
            </td>
            <td>{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The four noble truths with the sessions that drew on each. */
export function NobleTruthsTable({ rows }: { rows: readonly NobleTruthCount[] }) {
  return (
    <table className="report-table">
      <caption className="visually-hidden">Noble truths drawn on</caption>
      <thead>
        <tr>
          <th scope="col">Noble truth</th>
          <th scope="col">Sessions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">{row.name}</th>
            <td>{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
