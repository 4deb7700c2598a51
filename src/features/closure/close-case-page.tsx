import { Link, useNavigate, useParams } from 'react-router-dom';
import { DemoDataNotice } from '../../components/ui/demo-data-notice';
import { useExploringDemoData } from '../../db/hooks/use-lock-state';
import { MissingMessage } from '../../components/ui/missing-message';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { showToast } from '../../stores/toast-store';
import { CloseCaseForm } from './close-case-form';

/** /young-people/:youngPersonId/close: close a case with closing scores, outcomes and feedback. */
export function CloseCasePage() {
  const exploringDemo = useExploringDemoData();
  const { youngPersonId = '' } = useParams();
  const navigate = useNavigate();
  const detail = useYoungPersonDetail(youngPersonId);
  if (detail === undefined) return <p role="status">Loading…</p>;
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
  const { youngPerson, goals } = detail;
  const personPath = `/young-people/${youngPerson.id}`;
  const title = `Close ${youngPerson.name}’s case`;
  const back = { to: personPath, label: `Back to ${youngPerson.name}` };

  if (youngPerson.status === 'closed') {
    return (
      <>
        <PageHeader title={title} documentTitle="Close a case" back={back} />
        <p>
          {youngPerson.name}’s case is already closed. You can reopen it from{' '}
          <Link to={personPath}>{youngPerson.name}’s page</Link>.
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title={title} documentTitle="Close a case" back={back}>
        <p className="close-case__intro">
          Closing makes the case read-only until it is reopened. The closing scores are compared
          with each goal’s first score.
        </p>
      </PageHeader>
      <DemoDataNotice shown={exploringDemo} />
      <CloseCaseForm
        youngPersonId={youngPerson.id}
        goals={goals}
        onSaved={() => {
          showToast('Case closed');
          navigate(personPath);
        }}
        onCancel={() => navigate(personPath)}
      />
    </>
  );
}
