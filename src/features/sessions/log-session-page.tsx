import { useNavigate, useParams } from 'react-router-dom';
import { DraftGate, DraftSavedNote } from '../../components/ui/draft-notice';
import { DemoDataNotice } from '../../components/ui/demo-data-notice';
import { useExploringDemoData } from '../../db/hooks/use-lock-state';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { useMapSnapshots } from '../../db/hooks/records';
import { logSession } from '../../db/repositories/sessions';
import { useDraft } from '../../db/hooks/use-draft';
import { toIsoDate } from '../../lib/dates';
import { showToast } from '../../stores/toast-store';
import { sessionValuesFromDraft } from './session-draft';
import { SessionForm } from './session-form';
import { latestMovesToTry, newSessionValues } from './session-model';
import { MissingMessage } from '../../components/ui/missing-message';

/** /young-people/:youngPersonId/sessions/new: log a session on one screen. */
export function LogSessionPage() {
  const exploringDemo = useExploringDemoData();
  const { youngPersonId = '' } = useParams();
  const navigate = useNavigate();
  const detail = useYoungPersonDetail(youngPersonId);
  const snapshots = useMapSnapshots(youngPersonId);
  const draft = useDraft('session', youngPersonId);
  if (detail === undefined || snapshots === undefined) return <p>Loading…</p>;
  if (detail === null) {
    return (
      <MissingMessage
        title="Young person not found"
        back={{ to: '/', label: 'Back to the caseload' }}
      >
        This young person is not in the caseload. They may have been deleted.
      </MissingMessage>
    );
  }
  const { youngPerson, goals, sessions } = detail;
  const personPath = `/young-people/${youngPerson.id}`;
  const back = { to: personPath, label: `Back to ${youngPerson.name}` };

  if (youngPerson.status === 'closed') {
    return (
      <>
        <PageHeader
          title={`Log a session with ${youngPerson.name}`}
          documentTitle="Log a session"
          back={back}
        />
        <p>
          {youngPerson.name}&apos;s case is closed, so no new sessions can be logged. Reopen the
          case from their page to log a session.
        </p>
      </>
    );
  }

  const fresh = newSessionValues(toIsoDate(new Date()), sessions[0]?.location);
  return (
    <>
      <PageHeader
        title={`Log a session with ${youngPerson.name}`}
        documentTitle="Log a session"
        back={back}
      />
      <DemoDataNotice shown={exploringDemo} />
      <DraftGate
        what="this session"
        found={draft.found}
        discard={draft.discard}
        fresh={fresh}
        fromDraft={(stored) => sessionValuesFromDraft(stored, fresh)}
      >
        {(initial) => (
          <SessionForm
            goals={goals}
            initial={initial}
            onValuesChange={draft.keep}
            save={(input) => logSession(youngPerson.id, input)}
            onSaved={() => {
              void draft.discard();
              showToast('Session saved');
              navigate(personPath);
            }}
            onCancel={() => {
              void draft.discard();
              navigate(personPath);
            }}
            submitLabel="Save session"
            addGoalPath={`${personPath}/goals/new`}
            movesToTry={latestMovesToTry(snapshots)}
          />
        )}
      </DraftGate>
      <DraftSavedNote savedAt={draft.savedAt} />
    </>
  );
}
