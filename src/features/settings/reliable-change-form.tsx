import { useReliableChangeThreshold } from '../../db/hooks/records';
import { setReliableChangeThreshold } from '../../db/repositories/settings';
import { NumberSettingForm } from './number-setting-form';
import './settings.css';

function ThresholdForm({ current }: { current: number }) {
  return (
    <NumberSettingForm
      className="reliable-change-form"
      current={current}
      label="Reliable change threshold, in points"
      name="threshold"
      hint="A number from 1 to 10. Decimals are fine, such as 2.45."
      summaryLabel="Reliable change threshold"
      save={setReliableChangeThreshold}
      savedMessage="Reliable change threshold saved"
      submitLabel="Save threshold"
    >
      <p>
        <strong>Now: {current} points.</strong>
      </p>
    </NumberSettingForm>
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
