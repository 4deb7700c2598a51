import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ChangedElsewhereNote } from '../../components/ui/changed-elsewhere-note';
import { DemoDataNotice } from '../../components/ui/demo-data-notice';
import { useExploringDemoData } from '../../db/hooks/use-lock-state';
import { PageHeader } from '../../components/ui/page-header';
import { useSessionWithRatings, useYoungPersonDetail } from '../../db/hooks/core';
import { useMapSnapshots } from '../../db/hooks/records';
import { updateSession } from '../../db/repositories/sessions';
import { formatLongDate } from '../../lib/dates';
import { showToast } from '../../stores/toast-store';
import { DeleteSessionDialog } from './delete-session-dialog';
import { MissingMessage } from '../../components/ui/missing-message';
import { SessionForm } from './session-form';
import { latestMovesToTry, valuesFromSession } from './session-model';
import { SessionView } from './session-view';

/** /young-people/:youngPersonId/sessions/:sessionId: one session, to read, edit or delete. */
export function SessionPage() {
  const exploringDemo = useExploringDemoData();
  const { youngPersonId = '', sessionId = '' } = useParams();
  const navigate = useNavigate();
  const detail = useYoungPersonDetail(youngPersonId);
  const found = useSessionWithRatings(sessionId);
  const snapshots = useMapSnapshots(youngPersonId);
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  // The session's updatedAt when editing began: a save is refused if it changed since.
  const [editingFrom, setEditingFrom] = useState<string | undefined>(undefined);

  if (detail === undefined || found === undefined || snapshots === undefined) {
    return <p>Loading…</p>;
  }
  if (detail === null || found === null || found.session.youngPersonId !== youngPersonId) {
    const back = detail
      ? {
          to: `/young-people/${detail.youngPerson.id}`,
          label: `Back to ${detail.youngPerson.name}`,
        }
      : { to: '/', label: 'Back to the caseload' };
    return (
      <MissingMessage title="Session not found" back={back}>
        This session could not be found. It may have been deleted.
      </MissingMessage>
    );
  }

  const { youngPerson, goals } = detail;
  const { session, ratings } = found;
  const personPath = `/young-people/${youngPerson.id}`;
  const isOpen = youngPerson.status === 'open';
  const actions =
    isOpen && mode !== 'edit' ? (
      <>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setEditingFrom(found?.session.updatedAt);
            setMode('edit');
          }}
        >
          Edit
        </button>
        <button type="button" className="button button--danger" onClick={() => setMode('delete')}>
          Delete session
        </button>
      </>
    ) : undefined;

  return (
    <>
      <PageHeader
        title={`Session on ${formatLongDate(session.date)}`}
        documentTitle="A session"
        back={{ to: personPath, label: `Back to ${youngPerson.name}` }}
        actions={actions}
      >
        {!isOpen && (
          <p>{youngPerson.name}&apos;s case is closed: reopen it to change this session.</p>
        )}
      </PageHeader>
      {mode === 'edit' ? (
        <>
          <h2>Edit this session</h2>
          <ChangedElsewhereNote openedAt={editingFrom} storedAt={session.updatedAt} />
          <DemoDataNotice shown={exploringDemo} />
          <SessionForm
            goals={goals}
            initial={valuesFromSession(session, ratings)}
            sessionId={session.id}
            alreadyRated={new Set(ratings.map((r) => r.goalId))}
            save={(input) => updateSession(session.id, input, undefined, editingFrom)}
            onSaved={() => {
              showToast('Session saved');
              setMode('view');
            }}
            onCancel={() => setMode('view')}
            submitLabel="Save changes"
            addGoalPath={`${personPath}/goals/new`}
            movesToTry={latestMovesToTry(snapshots)}
          />
        </>
      ) : (
        <SessionView session={session} ratings={ratings} goals={goals} />
      )}
      {mode === 'delete' && (
        <DeleteSessionDialog
          sessionId={session.id}
          ratingCount={ratings.length}
          onDeleted={() => navigate(personPath)}
          onCancel={() => setMode('view')}
        />
      )}
    </>
  );
}
