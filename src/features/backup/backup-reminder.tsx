import { Link } from 'react-router-dom';
import { useBackupReminder } from '../../db/hooks/caseload';
import { reminderMessage } from './reminder-model';
import './backup.css';

/**
 * A polite notice on the caseload page when nothing has been backed up for 7 days and
 * records have changed since (or there has never been a backup). Nothing otherwise.
 */
export function BackupReminder() {
  const reminder = useBackupReminder();
  if (!reminder?.due) return null;
  return (
    <section className="backup-reminder" aria-labelledby="backup-reminder-title">
      <h2 id="backup-reminder-title" className="backup-reminder__title">
        Time for a backup
      </h2>
      <p>{reminderMessage(reminder.lastBackupAt, new Date())}</p>
      <Link to="/backup" className="button button--secondary">
        Back up now
      </Link>
    </section>
  );
}
