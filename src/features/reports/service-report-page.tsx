import { PageHeader } from '../../components/ui/page-header';
import { useReportData } from '../../db/hooks/records';
import { ReportOverRecords } from './report-over-records';
import './service-report.css';

/** The service report at /reports: figures across the service's cases for a range and programme. */
export function ServiceReportPage() {
  const data = useReportData();
  return (
    <div className="service-report">
      <PageHeader title="Service report" />
      <ReportOverRecords records={data?.records} threshold={data?.threshold} />
    </div>
  );
}
