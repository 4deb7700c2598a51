import type { Ref } from 'react';
import { SecretField } from '../../components/ui/field';

interface PassphraseFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  /** "new-password" when choosing one, "current-password" when opening a file. */
  autoComplete: 'new-password' | 'current-password';
  inputRef?: Ref<HTMLInputElement>;
}

/** A masked passphrase box; pasting is allowed, so a password manager can fill it. */
export function PassphraseField(props: PassphraseFieldProps) {
  return <SecretField {...props} className="field__input field__input--medium" />;
}
