import { BackupReminder } from '../../features/backup/backup-reminder';
import { CaseloadPage } from '../../features/young-people/caseload-page';

/** The home page: the caseload, with the reminder to back up when one is due. */
export function CaseloadRoute() {
  return <CaseloadPage notices={<BackupReminder />} />;
}
