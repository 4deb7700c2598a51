import { Link, useParams } from 'react-router-dom';
import { MissingMessage } from '../../components/ui/missing-message';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { useMapSnapshots } from '../../db/hooks/records';
import { MapEditor } from './map-editor';
import './resilience-map-page.css';

/**
 * /young-people/:youngPersonId/map: the coach and young person go through the framework
 * together, marking what they already do and what they would like to try. Every save keeps
 * a dated snapshot, so the page can show how the map grew.
 */
export function ResilienceMapPage() {
  const { youngPersonId } = useParams();
  const detail = useYoungPersonDetail(youngPersonId);
  const snapshots = useMapSnapshots(youngPersonId);

  if (detail === undefined || snapshots === undefined) return <p role="status">Loading…</p>;
  if (detail === null || !youngPersonId) {
    return (
      <MissingMessage title="Young person not found">
        There is no young person at this address. They may have been removed, or the link may be
        wrong. <Link to="/">Go to the caseload</Link>.
      </MissingMessage>
    );
  }
  return <MapEditor key={youngPersonId} youngPerson={detail.youngPerson} snapshots={snapshots} />;
}
