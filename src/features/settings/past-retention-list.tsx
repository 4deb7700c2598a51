import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { requireCaseBackup } from '../../db/repositories/backup/export';
import type { CasePastRetention } from '../../db/repositories/retention';
import { formatDate, toIsoDate } from '../../lib/dates';
import { JSON_MIME, downloadText } from '../../lib/download';
import { youngPersonFileName } from '../../lib/file-names';
import { LeftOutNote } from '../../components/ui/left-out-note';
import { SaveFileDialog } from '../../components/ui/save-file-dialog';
import { protectFile } from '../../domain/backup-crypto';
import { caseFileExposes } from '../../domain/file-exposure';
import type { YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';

/** What the erase dialog is shown with (see RenderEraseDialog). */
export interface EraseDialogArgs {
  youngPerson: Pick<YoungPerson, 'id' | 'name'>;
  onCancel: () => void;
  /** Runs once everything of theirs is erased. */
  onErased: () => void;
  /** What the dialog says. */
  children: ReactNode;
}

/**
 * Shows the "Erase <name>'s records?" dialog, which erases once the name is typed (the
 * young-people feature's EraseYoungPersonDialog, which this feature may not import: the app
 * passes it in).
 */
export type RenderEraseDialog = (args: EraseDialogArgs) => ReactNode;

/**
 * Offers every record of one young person (closures and resilience maps included) as a backup
 * file, protected with the passphrase unless it is null. Throws when it cannot (the dialog
 * says why, e.g. "This young person is no longer on this device.").
 */
async function exportCase(id: string, name: string, passphrase: string | null): Promise<number> {
  const now = new Date();
  const backup = await requireCaseBackup(id, now);
  const file = await protectFile(
    youngPersonFileName('case', id, toIsoDate(now), 'json'),
    `${JSON.stringify(backup.file, null, 2)}\n`,
    passphrase,
  );
  downloadText(file.fileName, file.text, JSON_MIME);
  showToast(`${name}'s records downloaded`);
  return backup.unread;
}

/** The closed cases past their retention period, each with export and erase. */
export function PastRetentionList({
  cases,
  months,
  renderEraseDialog,
}: {
  cases: readonly CasePastRetention[];
  months: number;
  renderEraseDialog: RenderEraseDialog;
}) {
  const [erasing, setErasing] = useState<CasePastRetention | null>(null);
  const [exporting, setExporting] = useState<CasePastRetention['youngPerson'] | null>(null);
  // Records left out of the file just downloaded: said before the coach erases the case.
  const [leftOut, setLeftOut] = useState<{ name: string; count: number } | null>(null);
  if (cases.length === 0) {
    return <p>No closed case has been kept longer than {months} months.</p>;
  }
  return (
    <>
      {leftOut && <LeftOutNote count={leftOut.count} file={`${leftOut.name}'s file`} />}
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
                  onClick={() => setExporting(c.youngPerson)}
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
      {exporting && (
        <SaveFileDialog
          title={`Download ${exporting.name}'s records`}
          exposes={caseFileExposes(exporting.name)}
          saveLabel="Download records"
          failure={`${exporting.name}'s records were not downloaded.`}
          onSave={async (passphrase) => {
            const count = await exportCase(exporting.id, exporting.name, passphrase);
            setLeftOut({ name: exporting.name, count });
            setExporting(null);
          }}
          onCancel={() => setExporting(null)}
        >
          <p>
            Every record of {exporting.name}&apos;s, in the backup format: it can be restored on
            this or another device.
          </p>
        </SaveFileDialog>
      )}
      {erasing &&
        renderEraseDialog({
          youngPerson: erasing.youngPerson,
          onCancel: () => setErasing(null),
          onErased: () => setErasing(null),
          children: (
            <p>
              Everything recorded about {erasing.youngPerson.name} will be erased from this device.
              This cannot be undone. Download their records first if the service needs to keep them.
            </p>
          ),
        })}
    </>
  );
}
