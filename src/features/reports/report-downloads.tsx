import type { ServiceReport, ServiceReportRecords } from '../../domain/report';
import { evaluationSnapshotCsv } from '../../domain/snapshot';
import { CSV_MIME, downloadText } from '../../lib/download';
import { safeFileName } from '../../lib/file-names';
import { showToast } from '../../stores/toast-store';
import { reportCsv } from './report-csv';

/**
 * "2026-01-01-to-2026-06-30": the range only. Never the programme, even when the report keeps
 * to one: a programme's name can say what the young people are helped with, and the browser
 * keeps its list of downloads unencrypted. The file itself says which programme it covers.
 */
export function reportFileStem(report: Pick<ServiceReport, 'from' | 'to'>): string {
  return safeFileName(`${report.from}-to-${report.to}`);
}

interface ReportDownloadsProps {
  report: ServiceReport;
  records: ServiceReportRecords;
}

/** The report as CSV, and the anonymised evaluation export of the same cases. */
export function ReportDownloads({ report, records }: ReportDownloadsProps) {
  const stem = reportFileStem(report);
  const downloadReport = () => {
    downloadText(`service-report-${stem}.csv`, reportCsv(report), CSV_MIME);
    showToast('Report CSV downloaded');
  };
  const downloadSnapshot = () => {
    const { from, to, programme } = report;
    downloadText(
      `evaluation-export-${stem}.csv`,
      evaluationSnapshotCsv(records, { from, to, programme }),
      CSV_MIME,
    );
    showToast('Evaluation export downloaded');
  };
  return (
    <div className="report-downloads">
      <button type="button" className="button button--secondary" onClick={downloadReport}>
        Download report CSV
      </button>
      <button type="button" className="button button--secondary" onClick={downloadSnapshot}>
        Download evaluation export (anonymised)
      </button>
      <p className="report-downloads__hint">
        The evaluation export has one row per closed case, with each goal&apos;s first and closing
        scores and their dates. It has no names, dates of birth, goal words, notes or comments.
      </p>
    </div>
  );
}
