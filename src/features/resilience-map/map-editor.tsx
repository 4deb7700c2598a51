import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { MapGrowthWords } from '../../components/framework/resilience-map/map-growth-words';
import { mapErrorLabels } from '../../components/framework/resilience-map/map-wording';
import { MovesToTryList } from '../../components/framework/resilience-map/moves-to-try-list';
import { ResilienceMapGrid } from '../../components/framework/resilience-map/resilience-map-grid';
import { useMapDraft } from '../../components/framework/resilience-map/use-map-draft';
import { DemoDataNotice } from '../../components/ui/demo-data-notice';
import { useExploringDemoData } from '../../db/hooks/use-lock-state';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PageHeader } from '../../components/ui/page-header';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { saveResilienceMap } from '../../db/repositories/resilience-map';
import { mapGrowth } from '../../domain/resilience-map';
import type { ResilienceMap, YoungPerson } from '../../domain/schemas';
import { formatInstantDate } from '../../lib/dates';
import { showToast } from '../../stores/toast-store';
import { MapGrowthChart } from './map-growth-chart';

interface MapEditorProps {
  youngPerson: YoungPerson;
  /** Saved snapshots, oldest first. */
  snapshots: readonly ResilienceMap[];
}

/** The coach's side of the map: the grid, Save map, the moves to try and the growth. */
export function MapEditor({ youngPerson, snapshots }: MapEditorProps) {
  const exploringDemo = useExploringDemoData();
  const id = youngPerson.id;
  const first = snapshots[0] ?? null;
  const latest = snapshots.at(-1) ?? null;
  const [draft, setDraft] = useMapDraft(latest);
  const save = useCallback(
    () => saveResilienceMap(id, { ...draft, savedBy: 'coach' }),
    [id, draft],
  );
  const onSaved = useCallback(() => showToast('Map saved'), []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);

  return (
    <div className="map-page">
      <PageHeader
        title="Resilience map"
        back={{ to: `/young-people/${id}`, label: `Back to ${youngPerson.name}` }}
        actions={
          <Link className="button button--secondary" to={`/young-people/${id}/map/print`}>
            Print map
          </Link>
        }
      >
        <p className="map-page__saved">
          {latest
            ? `${youngPerson.name}'s map. Saved ${snapshots.length === 1 ? 'once' : `${snapshots.length} times`}, last on ${formatInstantDate(latest.savedAt)}.`
            : `${youngPerson.name}'s map has not been saved yet.`}
        </p>
      </PageHeader>
      <DemoDataNotice shown={exploringDemo} />
      <ErrorSummary errors={errors} labels={mapErrorLabels(errors, 'coach')} />
      <p>
        Go through the moves together. For each one, ask: do you already do this, or would you like
        to try it? Add an example in their own words if they have one. Saving keeps a dated
        snapshot, so you can see how the map grows.
      </p>
      {youngPerson.status !== 'open' ? (
        <p>This case is closed, so the map cannot be changed. Reopen the case to update it.</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ResilienceMapGrid
            tiles={draft.tiles}
            examples={draft.examples}
            onChange={setDraft}
            wording="coach"
            errors={errors}
          />
          <div className="map-page__save">
            <button type="submit" className="button" disabled={saving}>
              Save map
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="map-to-try-title">
        <h2 id="map-to-try-title">Moves to try</h2>
        <MovesToTryList
          map={latest}
          wording="coach"
          goalPath={(moveId) => `/young-people/${id}/goals/new?move=${moveId}`}
        />
      </section>
      <section aria-labelledby="map-growth-title">
        <h2 id="map-growth-title">How the map has grown</h2>
        <MapGrowthWords first={first} latest={latest} count={snapshots.length} wording="coach" />
        {snapshots.length >= 2 && <MapGrowthChart growth={mapGrowth(first, latest)} />}
      </section>
    </div>
  );
}
