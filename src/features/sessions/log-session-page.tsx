import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/ui/page-header';
import { useMapSnapshots, useYoungPersonDetail } from '../../db/hooks';
import { logSession } from '../../db/repositories/sessions';
import { toIsoDate } from '../../lib/dates';
import { showToast } from '../../stores/toast-store';
import { SessionForm } from './session-form';
import { latestMovesToTry, newSessionValues } from './session-model';
import { MissingMessage } from '../../components/ui/missing-message';

/** /young-people/:youngPersonId/sessions/new: log a session on one screen. */
export function LogSessionPage() {
  const { youngPersonId = '' } = useParams();
  const navigate = useNavigate();
  const detail = useYoungPersonDetail(youngPersonId);
  const snapshots = useMapSnapshots(youngPersonId);
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
        <PageHeader title={`Log a session with ${youngPerson.name}`} back={back} />
        <p>
          {youngPerson.name}&apos;s case is closed, so no new sessions can be logged. Reopen the
          case from their page to log a session.
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title={`Log a session with ${youngPerson.name}`} back={back} />
      <SessionForm
        goals={goals}
        initial={newSessionValues(toIsoDate(new Date()), sessions[0]?.location)}
        save={(input) => logSession(youngPerson.id, input)}
        onSaved={() => {
          showToast('Session saved');
          navigate(personPath);
        }}
        onCancel={() => navigate(personPath)}
        submitLabel="Save session"
        addGoalPath={`${personPath}/goals/new`}
        movesToTry={latestMovesToTry(snapshots)}
      />
    </>
  );
}
