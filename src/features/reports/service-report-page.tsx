import { countWithUnit } from './report-format';
import { useEffect, useMemo } from 'react';
import { PageHeader } from '../../components/ui/page-header';
import { useReportData } from '../../db/hooks/records';
import { FEW_CASES_NOTE, WHICH_CASES, buildServiceReport, programmesOf } from '../../domain/report';
import { formatDate } from '../../lib/dates';
import { preloadDomainChart } from './domain-chart';
import { ReportDownloads } from './report-downloads';
import { ReportFigures } from './report-figures';
import { ReportFilters } from './report-filters';
import { useReportFilters } from './use-report-filters';
import './service-report.css';

/** The service report at /reports: figures across the service's cases for a range and programme. */
export function ServiceReportPage() {
  const data = useReportData();
  const filters = useReportFilters();
  const { valid } = filters;
  useEffect(() => {
    void preloadDomainChart();
  }, []);
  const programmes = useMemo(() => (data ? programmesOf(data.records.youngPeople) : []), [data]);
  const report = useMemo(
    () =>
      data && valid
        ? buildServiceReport(data.records, { ...valid, threshold: data.threshold })
        : null,
    [data, valid],
  );

  return (
    <div className="service-report">
      <PageHeader title="Service report" />
      <p className="service-report__intro">{WHICH_CASES}</p>
      <p className="service-report__intro">{FEW_CASES_NOTE}</p>
      <ReportFilters
        from={filters.from}
        to={filters.to}
        programme={filters.programme}
        programmes={programmes}
        errors={filters.errors}
        onChange={filters.setFilter}
      />
      {data === undefined ? (
        <p role="status">Working out the report…</p>
      ) : report === null ? (
        <p>Fix the dates above to see the report.</p>
      ) : (
        <>
          <p className="service-report__summary" role="status">
            {report.programme ?? 'All programmes'}, {formatDate(report.from)} to{' '}
            {formatDate(report.to)}: {countWithUnit(report.youngPeople.value, 'young people')}.
          </p>
          <ReportDownloads report={report} records={data.records} />
          <ReportFigures report={report} />
        </>
      )}
    </div>
  );
}
