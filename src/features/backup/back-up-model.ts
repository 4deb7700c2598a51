import { newPassphraseErrors } from '../../domain/passphrase';
import type { FieldErrors } from '../../domain/validation';

/** The "Back up now" form. */
export interface BackUpFormValues {
  protect: boolean;
  passphrase: string;
  confirmPassphrase: string;
}

export const EMPTY_BACK_UP_FORM: BackUpFormValues = {
  protect: false,
  passphrase: '',
  confirmPassphrase: '',
};

export const BACK_UP_FORM_LABELS: Record<string, string> = {
  passphrase: 'Passphrase',
  confirmPassphrase: 'Type the passphrase again',
};

/** What is wrong with the form, by field; empty when the backup can be made. */
export function backUpFormErrors(values: BackUpFormValues): FieldErrors {
  if (!values.protect) return {};
  return newPassphraseErrors(values.passphrase, values.confirmPassphrase, {
    passphrase: 'passphrase',
    again: 'confirmPassphrase',
  });
}

/** A protected backup's file name says so: "…-1405-protected.json". */
export function protectedFileName(fileName: string): string {
  return fileName.replace(/(\.json)?$/, '-protected.json');
}
