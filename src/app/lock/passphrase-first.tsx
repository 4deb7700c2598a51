import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { focusHeadingWhenShown } from '../../components/ui/use-focus-heading-on-navigation';
import { useLockState } from '../../db/hooks/use-lock-state';

const SetUpPassphrase = lazy(async () => ({
  default: (await import('../../features/lock/set-up-passphrase')).SetUpPassphrase,
}));

/**
 * For pages that store real records (adding a young person, restoring a backup): before a
 * passphrase is chosen, asks for one first (and shows the recovery key), then the page,
 * with focus on its heading.
 */
export function PassphraseFirst({ reason, children }: { reason: string; children: ReactNode }) {
  const state = useLockState();
  // Stays on the set-up steps until the coach has seen the recovery key and carried on.
  const [settingUp, setSettingUp] = useState(state === 'not-set-up');
  if (state === 'not-set-up' && !settingUp) setSettingUp(true);
  const wasSettingUp = useRef(settingUp);

  useEffect(() => {
    if (settingUp) {
      wasSettingUp.current = true;
      return undefined;
    }
    if (!wasSettingUp.current) return undefined;
    wasSettingUp.current = false;
    return focusHeadingWhenShown(document.getElementById('main') ?? document.body);
  }, [settingUp]);

  if (!settingUp) return <>{children}</>;
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <SetUpPassphrase reason={reason} onDone={() => setSettingUp(false)} />
    </Suspense>
  );
}
