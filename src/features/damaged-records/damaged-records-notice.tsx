import { Link } from 'react-router-dom';
import { useDamagedRecords } from '../../db/hooks/damaged-records';
import './damaged-records.css';

/**
 * On a young person's page: how many records that say they belong to this young person are
 * damaged and so not shown, with the way to them in Settings. Nothing when there are none.
 */
export function DamagedRecordsNotice({ youngPersonId }: { youngPersonId: string }) {
  const damaged = useDamagedRecords(youngPersonId);
  if (!damaged || damaged.length === 0) return null;
  const count = damaged.length === 1 ? 'One record' : `${damaged.length} records`;
  return (
    <div className="damaged-records__notice" role="note">
      <p>
        <strong>
          {count} of this young person’s could not be checked and{' '}
          {damaged.length === 1 ? 'is' : 'are'} not shown.
        </strong>{' '}
        {damaged.length === 1 ? 'It' : 'They'} may have been changed outside this app.{' '}
        <Link to="/settings#damaged-heading">See damaged records in Settings</Link>
      </p>
    </div>
  );
}
