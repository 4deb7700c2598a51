import { useCallback, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { useReliableChangeThreshold } from '../../db/hooks';
import { setReliableChangeThreshold } from '../../db/repositories/settings';
import { showToast } from '../../stores/toast-store';
import './settings.css';

/** The typed threshold as a number; blank or non-numbers become NaN, which is refused. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

function ThresholdForm({ current }: { current: number }) {
  const [text, setText] = useState(String(current));
  const save = useCallback(() => setReliableChangeThreshold(toNumber(text)), [text]);
  const onSaved = useCallback((value: number) => {
    setText(String(value));
    showToast('Reliable change threshold saved');
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="reliable-change-form">
      <ErrorSummary errors={errors} labels={{ threshold: 'Reliable change threshold' }} />
      <p>
        <strong>Now: {current} points.</strong>
      </p>
      <TextField
        label="Reliable change threshold, in points"
        name="threshold"
        hint="A number from 1 to 10. Decimals are fine, such as 2.45."
        width="short"
        value={text}
        onChange={setText}
        error={errors.threshold}
      />
      <div className="coach-pin-form__actions">
        <button type="submit" className="button" disabled={saving}>
          Save threshold
        </button>
      </div>
    </form>
  );
}

/** The "Reliable change" settings section: the threshold summaries and reports use. */
export function ReliableChangeForm() {
  const current = useReliableChangeThreshold();
  return (
    <section className="settings__section" aria-labelledby="reliable-change-heading">
      <h2 id="reliable-change-heading">Reliable change</h2>
      <p>
        A goal&apos;s change counts as a reliable improvement when its score goes up by at least
        this many points, and as a reliable deterioration when it goes down by as many. NHS England
        uses 3 points; some services use 2.45.
      </p>
      {current === undefined ? (
        <p role="status">Loading…</p>
      ) : (
        <ThresholdForm key={current} current={current} />
      )}
    </section>
  );
}
