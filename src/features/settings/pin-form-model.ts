import { isValidPin } from '../../lib/pin';
import type { FieldErrors } from '../../domain/validation';

export interface PinFormValues {
  currentPin: string;
  pin: string;
  confirmPin: string;
}

export const EMPTY_PIN_FORM: PinFormValues = { currentPin: '', pin: '', confirmPin: '' };

/** The form's field labels, in the order the form shows them, for the error summary. */
export function pinFormLabels(changing: boolean): Record<string, string> {
  return {
    ...(changing ? { currentPin: 'Current PIN' } : {}),
    pin: 'New PIN',
    confirmPin: 'Type the new PIN again',
  };
}

/**
 * What the coach must fix before the PIN is checked or saved: a PIN of 4 to 8 digits, typed
 * the same twice, and (when changing it) the current PIN filled in.
 */
export function pinFormErrors(values: PinFormValues, changing: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (changing && values.currentPin === '') errors.currentPin = 'Enter your current PIN.';
  if (!isValidPin(values.pin)) errors.pin = 'Use 4 to 8 digits.';
  if (values.confirmPin === '') errors.confirmPin = 'Type the new PIN again to check it.';
  else if (values.confirmPin !== values.pin) {
    errors.confirmPin = 'The two PINs are different. Type the same PIN twice.';
  }
  return errors;
}
