import {
  MAX_UNLOCK_LIMIT_HOURS,
  MIN_UNLOCK_LIMIT_HOURS,
  setUnlockLimitHours,
} from '../../db/encryption/unlock-limit';
import { useUnlockLimitHours } from '../../db/hooks/records';
import { NumberSettingForm } from './number-setting-form';

const LABEL = 'Lock after this many hours, even in use';

function HoursForm({ current }: { current: number }) {
  return (
    <NumberSettingForm
      className="unlock-limit-form"
      current={current}
      label={LABEL}
      name="unlockLimitHours"
      hint={`A whole number from ${MIN_UNLOCK_LIMIT_HOURS} to ${MAX_UNLOCK_LIMIT_HOURS}.`}
      summaryLabel={LABEL}
      inputProps={{
        type: 'number',
        inputMode: 'numeric',
        min: MIN_UNLOCK_LIMIT_HOURS,
        max: MAX_UNLOCK_LIMIT_HOURS,
      }}
      save={setUnlockLimitHours}
      savedMessage="Time limit saved"
      submitLabel="Save time limit"
    />
  );
}

/** How long the app may stay unlocked, however much it is used (8 hours unless changed). */
export function UnlockLimitForm() {
  const current = useUnlockLimitHours();
  return (
    <div className="lock-section__part">
      <h3>Time limit</h3>
      <p>
        However busy the app is, it locks itself this long after it was unlocked, and asks for the
        passphrase again.
      </p>
      {current === undefined ? <p role="status">Loading…</p> : <HoursForm current={current} />}
    </div>
  );
}
