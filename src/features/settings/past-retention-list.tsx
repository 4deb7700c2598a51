import { useState } from 'react';
import { Link } from 'react-router-dom';
import { TypeToConfirmDialog } from '../../components/ui/type-to-confirm-dialog';
import { makeCaseBackup } from '../../db/repositories/backup';
import type { CasePastRetention } from '../../db/repositories/retention';
import { deleteYoungPersonWithRecords } from '../../db/repositories/young-people';
import { formatDate, toIsoDate } from '../../lib/dates';
import { downloadJson, youngPersonFileName } from '../../lib/download';
import { errorReason } from '../../lib/errors';
import { showToast } from '../../stores/toast-store';

/**
 * Downloads every record of one young person (closures and resilience maps included) as a
 * backup file; says so plainly when it cannot.
 */
async function exportCase(id: string, name: string) {
  try {
    const now = new Date();
    const file = await makeCaseBackup(id, now);
    if (!file) {
      showToast(
        `${name}'s records were not downloaded: they are no longer on this device.`,
        'error',
      );
      return;
    }
    const fileName = youngPersonFileName('case', id, toIsoDate(now), 'json');
    downloadJson(fileName, file);
    showToast(`${name}'s records downloaded`);
  } catch (error) {
    showToast(`${name}'s records were not downloaded. ${errorReason(error)}`, 'error');
  }
}

/** The closed cases past their retention period, each with export and erase. */
export function PastRetentionList({
  cases,
  months,
}: {
  cases: readonly CasePastRetention[];
  months: number;
}) {
  const [erasing, setErasing] = useState<CasePastRetention | null>(null);
  if (cases.length === 0) {
    return <p>No closed case has been kept longer than {months} months.</p>;
  }
  return (
    <>
      <ul className="retention-list">
        {cases.map((c) => {
          const { id, name } = c.youngPerson;
          return (
            <li key={id} className="retention-list__item">
              <p>
                <Link to={`/young-people/${id}`}>{name}</Link>: closed on {formatDate(c.closedOn)};
                kept {months} months from then, so due to be erased from {formatDate(c.dueOn)}.
              </p>
              <div className="retention-list__actions">
                <Link className="button button--secondary" to={`/young-people/${id}/summary`}>
                  Goal summary<span className="visually-hidden"> for {name}</span>
                </Link>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void exportCase(id, name)}
                >
                  Download records<span className="visually-hidden"> of {name}</span>
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => setErasing(c)}
                >
                  Erase<span className="visually-hidden"> {name}&apos;s records</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {erasing && (
        <TypeToConfirmDialog
          title={`Erase ${erasing.youngPerson.name}'s records?`}
          expected={erasing.youngPerson.name}
          confirmLabel="Erase everything"
          onCancel={() => setErasing(null)}
          onConfirm={async () => {
            await deleteYoungPersonWithRecords(erasing.youngPerson.id);
            showToast(`${erasing.youngPerson.name}'s records were erased from this device`);
            setErasing(null);
          }}
        >
          <p>
            Everything recorded about {erasing.youngPerson.name} will be erased from this device.
            This cannot be undone. Download their records first if the service needs to keep them.
          </p>
        </TypeToConfirmDialog>
      )}
    </>
  );
}
