import { useId } from 'react';
import { Link, useParams } from 'react-router-dom';
import { MissingMessage } from '../../components/ui/missing-message';
import { PageHeader } from '../../components/ui/page-header';
import { PlainTextNote } from '../../components/ui/plain-text-note';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { useMapSnapshots } from '../../db/hooks/records';
import { DOMAINS } from '../../domain/framework';
import { formatDate, formatInstantDate, toIsoDate } from '../../lib/dates';
import { PrintDomainColumn } from './print-domain-column';
import './map-print.css';

/**
 * /young-people/:youngPersonId/map/print: the latest saved map in the young person's words,
 * laid out for A4 landscape to take home, with their name and the date.
 */
export function ResilienceMapPrintPage() {
  const { youngPersonId } = useParams();
  const detail = useYoungPersonDetail(youngPersonId);
  const snapshots = useMapSnapshots(youngPersonId);
  const noteId = useId();

  if (detail === undefined || snapshots === undefined) return <p role="status">Loading…</p>;
  if (detail === null) {
    return (
      <MissingMessage title="Young person not found">
        There is no young person at this address. They may have been removed, or the link may be
        wrong.
      </MissingMessage>
    );
  }
  const { youngPerson } = detail;
  const latest = snapshots.at(-1);
  const mapPath = `/young-people/${youngPerson.id}/map`;
  return (
    <div className="print-page map-print">
      <PageHeader
        title={`${youngPerson.name}'s resilience map`}
        documentTitle="Resilience map"
        back={{ to: mapPath, label: 'Back to the map' }}
      >
        <p className="map-print__date">
          Printed {formatDate(toIsoDate(new Date()))}
          {latest && ` · map saved ${formatInstantDate(latest.savedAt)}`}
        </p>
      </PageHeader>
      {latest ? (
        <>
          <div className="map-print__actions">
            <PlainTextNote id={noteId}>
              the printout (or PDF) holds {youngPerson.name}&apos;s map and examples in their own
              words, in plain text. Anyone who finds it can read it: give it to {youngPerson.name},
              or keep it somewhere secure.
            </PlainTextNote>
            <button
              type="button"
              className="button"
              aria-describedby={noteId}
              onClick={() => window.print()}
            >
              Print or save as PDF
            </button>
          </div>
          <p className="map-print__key">
            <span aria-hidden="true">✓</span> = I already do this ·{' '}
            <span aria-hidden="true">➜</span> = I&apos;d like to try this
          </p>
          <div className="map-print__domains">
            {DOMAINS.map((domain) => (
              <PrintDomainColumn key={domain.id} domain={domain} map={latest} />
            ))}
          </div>
        </>
      ) : (
        <p>
          The map has not been saved yet. <Link to={mapPath}>Go to the map</Link> to fill it in.
        </p>
      )}
    </div>
  );
}
