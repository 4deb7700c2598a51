import { useId, useMemo } from 'react';
import { PlainTextNote } from '../../components/ui/plain-text-note';
import { programmeCodes } from '../../domain/programme-codes';
import { programmesOf, type ServiceReport, type ServiceReportRecords } from '../../domain/report';
import { MIN_EXPORT_CASES, evaluationSnapshotCsv } from '../../domain/snapshot';
import { CSV_MIME, downloadText } from '../../lib/download';
import { safeFileName } from '../../lib/file-names';
import { showToast } from '../../stores/toast-store';
import { SUPPRESSION_NOTE, reportCsv } from './report-csv';
import { countWithUnit } from './report-format';

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

/** Which code the evaluation export writes for each programme on the device (on screen only). */
function ProgrammeCodeKey({ records }: { records: ServiceReportRecords }) {
  const codes = useMemo(() => [...programmeCodes(programmesOf(records.youngPeople))], [records]);
  if (codes.length === 0) return null;
  return (
    <details className="report-downloads__codes">
      <summary>Programme codes in the evaluation export</summary>
      <p>The file has the codes only; this list stays on this device.</p>
      <ul>
        {codes.map(([name, code]) => (
          <li key={name}>
            {code}: {name}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The report as CSV, and the anonymised evaluation export of the same cases. */
export function ReportDownloads({ report, records }: ReportDownloadsProps) {
  const noteId = useId();
  const stem = reportFileStem(report);
  const closedCases = report.closedCases.value;
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
      <PlainTextNote id={noteId}>
        these CSV files are plain text, for sharing with the service and its evaluators. They hold
        no names, dates of birth, goal words, notes or comments, and small numbers are hidden, but
        they still describe the young people you work with: share them only with those who need
        them.
      </PlainTextNote>
      <button
        type="button"
        className="button button--secondary"
        aria-describedby={noteId}
        onClick={downloadReport}
      >
        Download report CSV
      </button>
      {closedCases >= MIN_EXPORT_CASES && (
        <button
          type="button"
          className="button button--secondary"
          aria-describedby={noteId}
          onClick={downloadSnapshot}
        >
          Download evaluation export (anonymised)
        </button>
      )}
      <p className="report-downloads__hint">{SUPPRESSION_NOTE}</p>
      <p className="report-downloads__hint">
        {closedCases >= MIN_EXPORT_CASES
          ? 'The evaluation export has one row per closed case, with each goal’s first and closing scores and the months they were given. Every date is a month, the programme is a code, and a programme or closing reason that fewer than 5 of its cases share is written “<5”.'
          : `The evaluation export needs at least ${MIN_EXPORT_CASES} closed cases, so that no row can be told apart; this report has ${countWithUnit(closedCases, 'closed cases')}.`}
      </p>
      <ProgrammeCodeKey records={records} />
    </div>
  );
}
