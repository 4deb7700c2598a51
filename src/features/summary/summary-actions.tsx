import { summaryCsv, summaryFileName, type GoalSummary } from '../../domain/summary';
import type { IsoDate } from '../../lib/dates';
import { CSV_MIME, downloadJson, downloadText } from '../../lib/download';
import { errorReason } from '../../lib/errors';
import { showToast } from '../../stores/toast-store';
import { requireCaseBackup } from '../../db/repositories/backup/export';
import type { YoungPersonDetail } from '../../db/queries';

interface SummaryActionsProps {
  summary: GoalSummary;
  detail: YoungPersonDetail;
  today: IsoDate;
}

/** Print the summary, or download it as CSV (one row per goal) or as a backup-format JSON file. */
export function SummaryActions({ summary, detail, today }: SummaryActionsProps) {
  function downloadCsv() {
    downloadText(
      summaryFileName(summary, today, 'csv'),
      summaryCsv(summary, { bom: true }),
      CSV_MIME,
    );
    showToast('CSV downloaded');
  }

  /** Every record of the young person, closures and resilience maps included. */
  async function downloadBackupJson() {
    try {
      const file = await requireCaseBackup(detail.youngPerson.id);
      downloadJson(summaryFileName(summary, today, 'json'), file);
      showToast('JSON downloaded');
    } catch (error) {
      showToast(`The JSON file could not be made. ${errorReason(error)}`, 'error');
    }
  }

  return (
    <div className="summary-actions" role="group" aria-label="Print or download">
      <button type="button" className="button" onClick={() => window.print()}>
        Print or save as PDF
      </button>
      <button type="button" className="button button--secondary" onClick={downloadCsv}>
        Download CSV
      </button>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void downloadBackupJson()}
      >
        Download JSON
      </button>
    </div>
  );
}
