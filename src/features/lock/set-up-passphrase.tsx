import { useRef, useState, type ReactNode } from 'react';
import { PassphraseStep } from './passphrase-step';
import { RecoveryKeyStep } from './recovery-key-step';
import { useFocusOnChange } from './use-focus-on-change';
import './lock.css';

interface SetUpPassphraseProps {
  /** Why a passphrase is asked for now, shown above the form. */
  reason?: ReactNode;
  /** Called once the passphrase is set and the coach has kept the recovery key. */
  onDone: () => void;
  /** 1 (the default) when shown as the whole page; 2 or 3 inside a page with its own h1. */
  headingLevel?: 1 | 2 | 3;
}

/**
 * Setting up the lock: the coach chooses a passphrase (the records are then encrypted), and
 * is shown the recovery key once, to print or save. The app is already unlocked during the
 * second step, so whoever shows this should keep it on screen until `onDone`.
 */
export function SetUpPassphrase({ reason, onDone, headingLevel = 1 }: SetUpPassphraseProps) {
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(headingRef, recoveryKey === null);
  const heading = { level: headingLevel, headingRef };

  return (
    <div className="set-up-passphrase">
      {recoveryKey === null ? (
        <PassphraseStep heading={heading} reason={reason} onSetUp={setRecoveryKey} />
      ) : (
        <RecoveryKeyStep heading={heading} recoveryKey={recoveryKey} onDone={onDone} />
      )}
    </div>
  );
}
