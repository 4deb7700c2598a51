import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorSummary } from '../../components/ui/error-summary';
import { PinField } from '../../components/ui/pin-dialog';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { setCoachPin } from '../../db/repositories/coach-pin';
import { startHandover } from '../../db/repositories/handover';
import type { YoungPerson } from '../../domain/schemas';
import { ValidationError } from '../../domain/validation';
import { showToast } from '../../stores/toast-store';
import { EMPTY_PIN_FORM, pinFormErrors, pinFormLabels, type PinFormValues } from './pin-form-model';

interface CoachPinFormProps {
  /** True when a PIN is set already: the form then changes it and needs the current one. */
  changing: boolean;
  /** Who to hand the device to once the PIN is saved, if the coach came here to hand over. */
  handoverTo: YoungPerson | null;
}

/** The result of a save: whether the young person's space opened, and why not. */
type Saved = { handedOver: boolean; problem: string | null };

/** Sets the coach's PIN, or changes it, then hands over when that is what the coach was doing. */
export function CoachPinForm({ changing, handoverTo }: CoachPinFormProps) {
  const navigate = useNavigate();
  const [values, setValues] = useState<PinFormValues>(EMPTY_PIN_FORM);

  const save = useCallback(async (): Promise<Saved> => {
    const errors = pinFormErrors(values, changing);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await setCoachPin(values.pin, changing ? values.currentPin : null);
    if (!handoverTo) return { handedOver: false, problem: null };
    try {
      await startHandover(handoverTo.id);
      return { handedOver: true, problem: null };
    } catch (error) {
      return { handedOver: false, problem: error instanceof Error ? error.message : null };
    }
  }, [values, changing, handoverTo]);

  const onSaved = useCallback(
    ({ handedOver, problem }: Saved) => {
      setValues(EMPTY_PIN_FORM);
      showToast(changing ? 'PIN changed' : 'PIN saved');
      if (handedOver) navigate('/my-space');
      else if (handoverTo) {
        showToast(`${handoverTo.name}'s space did not open. ${problem ?? ''}`.trim(), 'error');
      }
    },
    [changing, handoverTo, navigate],
  );
  const { submit, errors, saving } = useFormSubmit(save, onSaved);
  const set = (key: keyof PinFormValues) => (value: string) =>
    setValues({ ...values, [key]: value });

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="coach-pin-form">
      <ErrorSummary errors={errors} labels={pinFormLabels(changing)} />
      {changing && (
        <PinField
          label="Current PIN"
          name="currentPin"
          value={values.currentPin}
          onChange={set('currentPin')}
          error={errors.currentPin}
        />
      )}
      <PinField
        label="New PIN"
        name="pin"
        hint="4 to 8 digits. Choose one that young people will not guess."
        value={values.pin}
        onChange={set('pin')}
        error={errors.pin}
      />
      <PinField
        label="Type the new PIN again"
        name="confirmPin"
        value={values.confirmPin}
        onChange={set('confirmPin')}
        error={errors.confirmPin}
      />
      <div className="coach-pin-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {changing ? 'Change PIN' : 'Save PIN'}
        </button>
      </div>
    </form>
  );
}
