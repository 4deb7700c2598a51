import { useCallback, useEffect, useId, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { FieldMessages, describedByIds } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { holdAutoLock } from '../../db/encryption/session-key';
import { ValidationError } from '../../domain/validation';
import { downloadText } from '../../lib/download';
import { recoveryKeyFileName, recoveryKeyFileText } from './recovery-key-file';
import { StepHeading, type StepHeadingProps } from './step-heading';

const CHECKBOX_LABEL = 'I have printed or saved the recovery key';

interface RecoveryKeyStepProps {
  heading: Omit<StepHeadingProps, 'children'>;
  recoveryKey: string;
  onDone: () => void;
  /** What just happened, above the key (by default: the passphrase was set up). */
  intro?: string;
  /** The heading's words (by default: "Keep your recovery key safe"). */
  title?: string;
}

/** The passphrase set-up's own words above the recovery key. */
export const SET_UP_INTRO =
  'Your passphrase is set, and the records on this device are now encrypted.';

/**
 * The recovery key, to print or save, ticked off before going on: the second step of setting
 * up a passphrase, and shown again whenever a new recovery key is made (after recovering with
 * the old one, making a new one, or changing the data key).
 */
export function RecoveryKeyStep({
  heading,
  recoveryKey,
  onDone,
  intro = SET_UP_INTRO,
  title = 'Keep your recovery key safe',
}: RecoveryKeyStepProps) {
  const checkboxId = `${useId()}-kept`;
  const [kept, setKept] = useState(false);
  const [saved, setSaved] = useState(false);
  // Shown only once: the app does not lock itself while it is on screen.
  useEffect(() => holdAutoLock(), []);

  const check = useCallback(async () => {
    if (!kept) {
      const message = 'Print or save the recovery key, then tick the box to say you have.';
      throw new ValidationError({ kept: message }, message);
    }
  }, [kept]);
  const { submit, errors } = useFormSubmit(check, onDone);

  const saveFile = () => {
    const now = new Date();
    downloadText(recoveryKeyFileName(now), recoveryKeyFileText(recoveryKey, now));
    setSaved(true);
  };

  return (
    <>
      <StepHeading {...heading}>{title}</StepHeading>
      <p>{intro}</p>
      <div className="recovery-key-panel">
        <p className="recovery-key-panel__title">Resilience Coaching: recovery key</p>
        <p className="recovery-key" translate="no">
          {recoveryKey}
        </p>
        <p>
          If you forget your passphrase, this key is the only way back in to the records. You can
          type it in capitals or small letters, with or without the dashes.
        </p>
      </div>
      <p>
        Keep it away from this device: print it and lock it away, or save it somewhere safe that is
        not this tablet or laptop. It is shown only now, so the app will not lock itself while it is
        on screen.
      </p>
      <div className="lock-form__actions">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" className="button button--secondary" onClick={saveFile}>
          Save as a file
        </button>
      </div>
      <p role="status" className="lock-form__status">
        {saved
          ? 'The file is in your downloads. Move it somewhere safe that is not this device.'
          : ''}
      </p>
      <form noValidate onSubmit={(e) => void submit(e)} className="lock-form">
        <ErrorSummary errors={errors} labels={{ kept: 'Recovery key' }} />
        <div className={errors.kept ? 'field field--error' : 'field'}>
          <FieldMessages id={checkboxId} error={errors.kept} />
          <div className="choice">
            <input
              id={checkboxId}
              type="checkbox"
              name="kept"
              checked={kept}
              onChange={(e) => setKept(e.target.checked)}
              aria-invalid={errors.kept ? true : undefined}
              aria-describedby={describedByIds(checkboxId, undefined, errors.kept)}
            />
            <label htmlFor={checkboxId}>{CHECKBOX_LABEL}</label>
          </div>
        </div>
        <div className="lock-form__actions">
          <button type="submit" className="button">
            Continue
          </button>
        </div>
      </form>
    </>
  );
}
