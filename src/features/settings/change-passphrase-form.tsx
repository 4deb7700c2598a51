import { useCallback, useState } from 'react';
import { ErrorSummary } from '../../components/ui/error-summary';
import { SecretField } from '../../components/ui/field';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { MIN_PASSPHRASE_LENGTH, changePassphrase } from '../../db/encryption/lock-control';
import { checkedNewPassphraseErrors } from '../../domain/passphrase-strength';
import { usePassphraseChecker } from '../../components/ui/use-passphrase-checker';
import { ValidationError, type FieldErrors } from '../../domain/validation';
import { showToast } from '../../stores/toast-store';

const LABELS = {
  currentPassphrase: 'Current passphrase',
  newPassphrase: 'New passphrase',
  confirmPassphrase: 'Type the new passphrase again',
};
const EMPTY = { currentPassphrase: '', newPassphrase: '', confirmPassphrase: '' };
type Values = typeof EMPTY;

/** What to fix before the current passphrase is checked. */
async function formErrors(values: Values): Promise<FieldErrors> {
  const errors = await checkedNewPassphraseErrors(values.newPassphrase, values.confirmPassphrase, {
    passphrase: 'newPassphrase',
    again: 'confirmPassphrase',
  });
  if (values.currentPassphrase === '') {
    errors.currentPassphrase = 'Enter your current passphrase.';
  }
  return errors;
}

/** Changes the passphrase; the records stay as they are and the recovery key keeps working. */
export function ChangePassphraseForm() {
  const [values, setValues] = useState<Values>(EMPTY);
  usePassphraseChecker();
  const save = useCallback(async () => {
    const errors = await formErrors(values);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await changePassphrase(values.currentPassphrase, values.newPassphrase);
  }, [values]);
  const onSaved = useCallback(() => {
    setValues(EMPTY);
    showToast('Passphrase changed');
  }, []);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  const set = (key: keyof Values) => (value: string) => setValues({ ...values, [key]: value });

  return (
    <div className="lock-section__part">
      <h3>Change the passphrase</h3>
      <p>Your recovery key keeps working after a change: you do not need a new one.</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="change-passphrase-form">
        <ErrorSummary errors={errors} labels={LABELS} />
        <SecretField
          label={LABELS.currentPassphrase}
          name="currentPassphrase"
          autoComplete="current-password"
          value={values.currentPassphrase}
          onChange={set('currentPassphrase')}
          error={errors.currentPassphrase}
        />
        <SecretField
          label={LABELS.newPassphrase}
          name="newPassphrase"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters, and not a common password. A few words you will remember work well.`}
          value={values.newPassphrase}
          onChange={set('newPassphrase')}
          error={errors.newPassphrase}
        />
        <SecretField
          label={LABELS.confirmPassphrase}
          name="confirmPassphrase"
          autoComplete="new-password"
          value={values.confirmPassphrase}
          onChange={set('confirmPassphrase')}
          error={errors.confirmPassphrase}
        />
        <div className="coach-pin-form__actions">
          <button type="submit" className="button" disabled={saving}>
            Change passphrase
          </button>
        </div>
        <p role="status" className="lock-section__status">
          {saving ? 'Checking…' : ''}
        </p>
      </form>
    </div>
  );
}
