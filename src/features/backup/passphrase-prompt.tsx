import { useEffect, useRef, useState } from 'react';
import { PassphraseField } from './passphrase-field';

interface PassphrasePromptProps {
  fileName: string;
  /** The message after a wrong passphrase. */
  error: string | null;
  opening: boolean;
  onOpen: (passphrase: string) => void;
}

/** Asks for the passphrase a protected backup was made with. */
export function PassphrasePrompt({ fileName, error, opening, onOpen }: PassphrasePromptProps) {
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (error) inputRef.current?.focus();
  }, [error]);

  return (
    <form
      className="backup__panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(passphrase === '');
        if (passphrase !== '') onOpen(passphrase);
      }}
    >
      <h3>This backup is protected</h3>
      <p>
        <span className="backup__file-name">{fileName}</span> was saved with a passphrase. Type it
        to open the backup.
      </p>
      <PassphraseField
        label="Passphrase for this backup"
        name="openPassphrase"
        autoComplete="current-password"
        inputRef={inputRef}
        value={passphrase}
        onChange={setPassphrase}
        error={missing ? 'Type the passphrase this backup was saved with.' : (error ?? undefined)}
      />
      <button type="submit" className="button" disabled={opening}>
        {opening ? 'Opening…' : 'Open backup'}
      </button>
      {opening && (
        <p role="status" className="backup__busy">
          Opening the backup…
        </p>
      )}
    </form>
  );
}
