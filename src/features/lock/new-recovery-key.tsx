import { useEffect, useRef } from 'react';
import { RecoveryKeyStep } from './recovery-key-step';
import './lock.css';

interface NewRecoveryKeyProps {
  recoveryKey: string;
  /** What just happened, above the key. */
  intro: string;
  /** Called once the coach has printed or saved it and ticked the box. */
  onDone: () => void;
  headingLevel?: 1 | 2 | 3;
}

/**
 * A new recovery key (after recovering with the old one, or made in Settings: a new recovery
 * key, or a new data key), shown once in place, with focus on its heading: the same step as
 * when the passphrase was set up.
 */
export function NewRecoveryKey({
  recoveryKey,
  intro,
  onDone,
  headingLevel = 3,
}: NewRecoveryKeyProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="set-up-passphrase">
      <RecoveryKeyStep
        heading={{ level: headingLevel, headingRef }}
        title="Keep your new recovery key safe"
        intro={intro}
        recoveryKey={recoveryKey}
        onDone={onDone}
      />
    </div>
  );
}
