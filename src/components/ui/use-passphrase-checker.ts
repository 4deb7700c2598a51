import { useEffect } from 'react';
import { loadPassphraseChecker } from '../../domain/passphrase-strength';

/**
 * Starts loading the common-password check (about a megabyte of dictionaries) as a screen that
 * sets a passphrase opens, so it is ready by the time the coach presses the button. Only such
 * screens call this: the app's other pages never load the dictionaries.
 */
export function usePassphraseChecker(): void {
  useEffect(() => {
    void loadPassphraseChecker();
  }, []);
}
