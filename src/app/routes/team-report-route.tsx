import type { ReactNode } from 'react';
import { useReliableChangeThreshold } from '../../db/hooks/records';
import type { ServiceReportRecords } from '../../domain/report';
import { ReportOverRecords } from '../../features/reports/report-over-records';
import { TeamReportPage } from '../../features/team-lead/team-report-page';

function TeamFigures({
  records,
  coachFilter,
  scope,
}: {
  records: ServiceReportRecords;
  coachFilter: ReactNode;
  scope: string;
}) {
  const threshold = useReliableChangeThreshold();
  return (
    <ReportOverRecords
      records={records}
      threshold={threshold}
      extraFilters={coachFilter}
      scope={scope}
    />
  );
}

/**
 * The lead's team report (/team-report): the team-lead feature's page, with the service
 * report's filters and figures (the reports feature) over the caseloads it opened.
 */
export function TeamReportRoute() {
  return <TeamReportPage renderReport={(args) => <TeamFigures {...args} />} />;
}
