import { useEffect, useMemo, type ReactNode } from 'react';
import {
  FEW_CASES_NOTE,
  WHICH_CASES,
  buildServiceReport,
  programmesOf,
  type ServiceReportRecords,
} from '../../domain/report';
import { formatDate } from '../../lib/dates';
import { preloadDomainChart } from './domain-chart';
import { ReportDownloads } from './report-downloads';
import { ReportFigures } from './report-figures';
import { ReportFilters } from './report-filters';
import { countWithUnit } from './report-format';
import { useReportFilters } from './use-report-filters';
import './service-report.css';

interface ReportOverRecordsProps {
  /** The records the report is worked out from; undefined while they load. */
  records: ServiceReportRecords | undefined;
  /** The reliable change threshold; undefined while it loads. */
  threshold: number | undefined;
  /** More filters, shown after the programme (the team report's coach). */
  extraFilters?: ReactNode;
  /** Said before the count in the summary line ("coach-amber: "). */
  scope?: string;
}

/**
 * The service report's filters, summary, downloads and figures over the records given: the
 * device's own (the service report) or every caseload of a team (the lead's team report).
 */
export function ReportOverRecords({
  records,
  threshold,
  extraFilters,
  scope,
}: ReportOverRecordsProps) {
  const filters = useReportFilters();
  const { valid } = filters;
  useEffect(() => {
    void preloadDomainChart();
  }, []);
  const programmes = useMemo(() => (records ? programmesOf(records.youngPeople) : []), [records]);
  const report = useMemo(
    () =>
      records && threshold !== undefined && valid
        ? buildServiceReport(records, { ...valid, threshold })
        : null,
    [records, threshold, valid],
  );

  return (
    <>
      <p className="service-report__intro">{WHICH_CASES}</p>
      <p className="service-report__intro">{FEW_CASES_NOTE}</p>
      <ReportFilters
        from={filters.from}
        to={filters.to}
        programme={filters.programme}
        programmes={programmes}
        errors={filters.errors}
        onChange={filters.setFilter}
      >
        {extraFilters}
      </ReportFilters>
      {records === undefined || threshold === undefined ? (
        <p role="status">Working out the report…</p>
      ) : report === null ? (
        <p>Fix the dates above to see the report.</p>
      ) : (
        <>
          <p className="service-report__summary" role="status">
            {scope ? `${scope}: ` : ''}
            {report.programme ?? 'All programmes'}, {formatDate(report.from)} to{' '}
            {formatDate(report.to)}: {countWithUnit(report.youngPeople.value, 'young people')}.
          </p>
          <ReportDownloads report={report} records={records} />
          <ReportFigures report={report} />
        </>
      )}
    </>
  );
}
