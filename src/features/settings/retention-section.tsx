import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import {
  getCasesPastRetention,
  getRetentionMonths,
  setRetentionMonths,
} from '../../db/repositories/retention';
import { toIsoDate } from '../../lib/dates';
import { showToast } from '../../stores/toast-store';
import { PastRetentionList } from './past-retention-list';
import './settings.css';

const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

function RetentionForm({ current }: { current: number }) {
  const [text, setText] = useState(String(current));
  const save = useCallback(() => setRetentionMonths(toNumber(text)), [text]);
  const onSaved = useCallback((months: number) => {
    setText(String(months));
    showToast('Retention period saved');
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary errors={errors} labels={{ months: 'Retention period' }} />
      <TextField
        label="Keep closed cases for, in months"
        name="months"
        hint="Whole months after the case was closed, from 1 to 120. Your service's records policy says how long."
        width="short"
        inputMode="numeric"
        value={text}
        onChange={setText}
        error={errors.months}
      />
      <div className="coach-pin-form__actions">
        <button type="submit" className="button" disabled={saving}>
          Save retention period
        </button>
      </div>
    </form>
  );
}

/** Settings: how long closed cases are kept, and the closed cases now past that time. */
export function RetentionSection() {
  const months = useLiveQuery(getRetentionMonths, []);
  const today = toIsoDate(new Date());
  const overdue = useLiveQuery(() => getCasesPastRetention(today), [today]);
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
        <PastRetentionList cases={overdue} months={months} />
      )}
    </section>
  );
}
