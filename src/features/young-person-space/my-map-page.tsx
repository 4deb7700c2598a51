import { useCallback } from 'react';
import { MapGrowthWords } from '../../components/framework/resilience-map/map-growth-words';
import { mapErrorLabels } from '../../components/framework/resilience-map/map-wording';
import { MovesToTryList } from '../../components/framework/resilience-map/moves-to-try-list';
import { ResilienceMapGrid } from '../../components/framework/resilience-map/resilience-map-grid';
import { useMapDraft } from '../../components/framework/resilience-map/use-map-draft';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PageHeader } from '../../components/ui/page-header';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { useMapSnapshots } from '../../db/hooks/records';
import { saveResilienceMap } from '../../db/repositories/resilience-map';
import type { ResilienceMap, YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { SpaceContent } from './space-content';
import { SPACE_PATHS } from './space-model';
import './my-map.css';

const BACK = { to: SPACE_PATHS.home, label: 'Back to my space' };

/** /my-space/map: the young person marks what they already do and what they would like to try. */
export function MyMapPage() {
  return (
    <SpaceContent>{({ youngPerson }) => <MyMapLoader youngPerson={youngPerson} />}</SpaceContent>
  );
}

function MyMapLoader({ youngPerson }: { youngPerson: YoungPerson }) {
  const snapshots = useMapSnapshots(youngPerson.id);
  if (snapshots === undefined) return <p role="status">Loading…</p>;
  return <MyMap key={youngPerson.id} youngPerson={youngPerson} snapshots={snapshots} />;
}

function MyMap({
  youngPerson,
  snapshots,
}: {
  youngPerson: YoungPerson;
  snapshots: readonly ResilienceMap[];
}) {
  const first = snapshots[0] ?? null;
  const latest = snapshots.at(-1) ?? null;
  const [draft, setDraft] = useMapDraft(latest);
  const save = useCallback(
    () => saveResilienceMap(youngPerson.id, { ...draft, savedBy: 'young-person' }),
    [youngPerson.id, draft],
  );
  const onSaved = useCallback(() => showToast('Your map is saved'), []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  const open = youngPerson.status === 'open';

  return (
    <>
      <PageHeader title="My resilience map" back={BACK} />
      <ErrorSummary errors={errors} labels={mapErrorLabels(errors, 'young-person')} />
      {open ? (
        <form onSubmit={submit} noValidate>
          <p>
            Tap “I already do this” for the things you already do, and “I&apos;d like to try this”
            for things you would like to try. Tap it again to change your mind. You can add an
            example in your own words, like “I walk the dog every day”.
          </p>
          <ResilienceMapGrid
            tiles={draft.tiles}
            examples={draft.examples}
            onChange={setDraft}
            wording="young-person"
            errors={errors}
          />
          <div className="my-map__save">
            <button type="submit" className="button my-space__big-button" disabled={saving}>
              Save my map
            </button>
          </div>
        </form>
      ) : (
        <p>You cannot change your map just now. Your coach can tell you why.</p>
      )}
      <section aria-labelledby="my-map-try-title">
        <h2 id="my-map-try-title">Things I&apos;d like to try</h2>
        <MovesToTryList
          map={latest}
          wording="young-person"
          goalPath={(moveId) => `${SPACE_PATHS.addGoal}?move=${moveId}`}
        />
      </section>
      <section aria-labelledby="my-map-growth-title">
        <h2 id="my-map-growth-title">How my map has grown</h2>
        <MapGrowthWords
          first={first}
          latest={latest}
          count={snapshots.length}
          wording="young-person"
        />
      </section>
    </>
  );
}
