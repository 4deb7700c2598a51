import { backupForYoungPerson } from '../../domain/backup-file';
import { summaryCsv, summaryFileName, type GoalSummary } from '../../domain/summary';
import type { IsoDate } from '../../lib/dates';
import { CSV_MIME, downloadJson, downloadText } from '../../lib/download';
import { showToast } from '../../stores/toast-store';
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

  function downloadBackupJson() {
    try {
      downloadJson(
        summaryFileName(summary, today, 'json'),
        backupForYoungPerson(detail, new Date()),
      );
      showToast('JSON downloaded');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      showToast(`The JSON file could not be made. ${reason}`, 'error');
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
      <button type="button" className="button button--secondary" onClick={downloadBackupJson}>
        Download JSON
      </button>
    </div>
  );
}
