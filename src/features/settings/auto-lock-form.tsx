import { useCallback, useEffect, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import {
  MAX_AUTO_LOCK_MINUTES,
  MIN_AUTO_LOCK_MINUTES,
  getAutoLockMinutes,
  setAutoLockMinutes,
} from '../../db/encryption/lock-control';
import { showToast } from '../../stores/toast-store';

const LABEL = 'Lock after this many minutes without use';

/** The typed minutes as a number; blank or non-numbers become NaN, which is refused. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

function MinutesForm({ current }: { current: number }) {
  const [text, setText] = useState(String(current));
  const save = useCallback(() => setAutoLockMinutes(toNumber(text)), [text]);
  const onSaved = useCallback((minutes: number) => {
    setText(String(minutes));
    showToast('Auto-lock saved');
    // The running auto-lock timer listens for this and picks up the new time.
    window.dispatchEvent(new Event('autolockchange'));
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="auto-lock-form">
      <ErrorSummary errors={errors} labels={{ autoLockMinutes: LABEL }} />
      <TextField
        label={LABEL}
        name="autoLockMinutes"
        type="number"
        inputMode="numeric"
        min={MIN_AUTO_LOCK_MINUTES}
        max={MAX_AUTO_LOCK_MINUTES}
        width="short"
        hint={`A whole number from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES}.`}
        value={text}
        onChange={setText}
        error={errors.autoLockMinutes}
      />
      <div className="coach-pin-form__actions">
        <button type="submit" className="button" disabled={saving}>
          Save auto-lock
        </button>
      </div>
    </form>
  );
}

/** How long the app waits, unused, before it locks itself (5 minutes unless changed). */
export function AutoLockForm() {
  const [current, setCurrent] = useState<number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getAutoLockMinutes().then((minutes) => {
      if (live) setCurrent(minutes);
    });
    return () => {
      live = false;
    };
  }, []);
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
