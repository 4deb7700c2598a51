import {
  MAX_AUTO_LOCK_MINUTES,
  MIN_AUTO_LOCK_MINUTES,
  setAutoLockMinutes,
} from '../../db/encryption/lock-control';
import { useAutoLockMinutes } from '../../db/hooks/records';
import { NumberSettingForm } from './number-setting-form';

const LABEL = 'Lock after this many minutes without use';

function MinutesForm({ current }: { current: number }) {
  return (
    <NumberSettingForm
      className="auto-lock-form"
      current={current}
      label={LABEL}
      name="autoLockMinutes"
      hint={`A whole number from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES}.`}
      summaryLabel={LABEL}
      inputProps={{
        type: 'number',
        inputMode: 'numeric',
        min: MIN_AUTO_LOCK_MINUTES,
        max: MAX_AUTO_LOCK_MINUTES,
      }}
      save={setAutoLockMinutes}
      savedMessage="Auto-lock saved"
      submitLabel="Save auto-lock"
    />
  );
}

/** How long the app waits, unused, before it locks itself (5 minutes unless changed). */
export function AutoLockForm() {
  // Not keyed by the value: the form stays as it is (focus included) after a save.
  const current = useAutoLockMinutes();
  return (
    <div className="lock-section__part">
      <h3>Auto-lock</h3>
      <p>
        The app locks itself when it has not been used for a while, and asks for the passphrase.
      </p>
      {current === undefined ? <p role="status">Loading…</p> : <MinutesForm current={current} />}
    </div>
  );
}
