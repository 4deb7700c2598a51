import { useId, useState } from 'react';
import { LeftOutNote } from '../../components/ui/left-out-note';
import { PlainTextNote } from '../../components/ui/plain-text-note';
import { SaveFileDialog } from '../../components/ui/save-file-dialog';
import { protectFile } from '../../domain/backup-crypto';
import { caseFileExposes } from '../../domain/file-exposure';
import { summaryCsv, summaryFileName, type GoalSummary } from '../../domain/summary';
import type { IsoDate } from '../../lib/dates';
import { CSV_MIME, JSON_MIME, downloadText } from '../../lib/download';
import { showToast } from '../../stores/toast-store';
import { requireCaseBackup } from '../../db/repositories/backup/export';
import type { YoungPersonDetail } from '../../db/queries';

interface SummaryActionsProps {
  summary: GoalSummary;
  detail: YoungPersonDetail;
  today: IsoDate;
}

/**
 * Print the summary, or download it as CSV (one row per goal) or as a backup-format JSON file.
 * The print and the CSV are plain text, and say so before they are made; the JSON file is
 * protected with a passphrase unless the coach turns that off.
 */
export function SummaryActions({ summary, detail, today }: SummaryActionsProps) {
  const noteId = useId();
  const [savingJson, setSavingJson] = useState(false);
  const [leftOut, setLeftOut] = useState(0);
  const { name } = summary;

  function downloadCsv() {
    downloadText(
      summaryFileName(summary, today, 'csv'),
      summaryCsv(summary, { bom: true }),
      CSV_MIME,
    );
    showToast('CSV downloaded');
  }

  /** Every record of the young person, closures and resilience maps included. */
  async function downloadBackupJson(passphrase: string | null) {
    const backup = await requireCaseBackup(detail.youngPerson.id);
    const file = await protectFile(
      summaryFileName(summary, today, 'json'),
      `${JSON.stringify(backup.file, null, 2)}\n`,
      passphrase,
    );
    downloadText(file.fileName, file.text, JSON_MIME);
    setLeftOut(backup.unread);
    setSavingJson(false);
    showToast(passphrase === null ? 'JSON downloaded' : 'Protected JSON downloaded');
  }

  return (
    <div className="summary-actions-block">
      <PlainTextNote id={noteId}>
        the printout (or PDF) and the CSV file hold {name}&apos;s personal data, goals and ratings
        in plain text. Anyone who finds them can read them: keep them somewhere secure and delete
        them when they are no longer needed.
      </PlainTextNote>
      <div className="summary-actions" role="group" aria-label="Print or download">
        <button
          type="button"
          className="button"
          aria-describedby={noteId}
          onClick={() => window.print()}
        >
          Print or save as PDF
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-describedby={noteId}
          onClick={downloadCsv}
        >
          Download CSV
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setSavingJson(true)}
        >
          Download JSON
        </button>
      </div>
      <LeftOutNote count={leftOut} file="the JSON file" />
      {savingJson && (
        <SaveFileDialog
          title="Download JSON"
          exposes={caseFileExposes(name)}
          saveLabel="Download JSON"
          failure="The JSON file could not be made."
          onSave={downloadBackupJson}
          onCancel={() => setSavingJson(false)}
        >
          <p>
            Every record of {name}&apos;s, in the backup format: it can be restored on this or
            another device.
          </p>
        </SaveFileDialog>
      )}
    </div>
  );
}
