import { Link } from 'react-router-dom';
import { useCasesPastRetention, useRetentionMonths } from '../../db/hooks/records';
import { setRetentionMonths } from '../../db/repositories/retention';
import { toIsoDate } from '../../lib/dates';
import { NumberSettingForm } from './number-setting-form';
import { PastRetentionList, type RenderEraseDialog } from './past-retention-list';
import './settings.css';

function RetentionForm({ current }: { current: number }) {
  return (
    <NumberSettingForm
      current={current}
      label="Keep closed cases for, in months"
      name="months"
      hint="Whole months after the case was closed, from 1 to 120. Your service's records policy says how long."
      summaryLabel="Retention period"
      inputProps={{ inputMode: 'numeric' }}
      save={setRetentionMonths}
      savedMessage="Retention period saved"
      submitLabel="Save retention period"
    />
  );
}

/** Settings: how long closed cases are kept, and the closed cases now past that time. */
export function RetentionSection({ renderEraseDialog }: { renderEraseDialog: RenderEraseDialog }) {
  const months = useRetentionMonths();
  const today = toIsoDate(new Date());
  const overdue = useCasesPastRetention(today);
  return (
    <section className="settings__section" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Keeping records</h2>
      <p>
        Closed cases stay on this device until they are erased. Once a case has been closed for
        longer than the retention period, it is listed here for you to export (the{' '}
        <Link to="/backup">backup</Link> or its goal summary) and erase.
      </p>
      {months === undefined ? (
        <p role="status">Loading…</p>
      ) : (
        <RetentionForm key={months} current={months} />
      )}
      <h3>Closed cases past the retention period</h3>
      {overdue === undefined || months === undefined ? (
        <p role="status">Loading…</p>
      ) : (
        <PastRetentionList cases={overdue} months={months} renderEraseDialog={renderEraseDialog} />
      )}
    </section>
  );
}
