import { useRef, useState } from 'react';
import { Outlet, useNavigate } from 'react-router-dom';
import { useFocusHeadingOnNavigation } from '../../components/ui/use-focus-heading-on-navigation';
import { PinDialog } from '../../components/ui/pin-dialog';
import { countPinWait } from '../../db/repositories/coach-pin';
import { endHandover } from '../../db/repositories/handover';
import { ForgotPinDialog } from './forgot-pin-dialog';
import { SpaceClosed } from './space-content';
import { useMySpace } from './use-my-space';
import './my-space.css';

/**
 * The full-screen frame of the young person's space: their greeting and the way back to the
 * coach (behind the coach's PIN, or the passphrase or recovery key when it is forgotten), with
 * no coach navigation at all.
 */
export function MySpaceLayout() {
  const space = useMySpace();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  const [asking, setAsking] = useState<'pin' | 'passphrase' | null>(null);
  useFocusHeadingOnNavigation(mainRef);

  // The coach must be able to take the device back even when the record has gone.
  const canGiveBack = space !== undefined && space !== 'none';
  const name = typeof space === 'object' ? space.youngPerson.name : null;
  const youngPersonId = typeof space === 'object' ? space.youngPerson.id : null;

  return (
    <div className="my-space">
      <a className="my-space__skip" href="#my-space-main">
        Skip to the main part
      </a>
      <header className="my-space__header">
        <p className="my-space__hello">{name ? `Hi ${name}!` : 'Hi!'}</p>
        {canGiveBack && (
          <button
            type="button"
            className="button button--secondary my-space__give-back"
            onClick={() => setAsking('pin')}
          >
            Give back to my coach
          </button>
        )}
      </header>
      <main id="my-space-main" ref={mainRef} className="my-space__main" tabIndex={-1}>
        {space === undefined && <p role="status">Loading…</p>}
        {space === 'none' && <SpaceClosed />}
        {space === 'missing' && <SpaceClosed />}
        {typeof space === 'object' && <Outlet />}
      </main>
      {asking === 'pin' && (
        <PinDialog
          title="Give back to your coach"
          description="Only your coach can do this. Pass the device to them so they can type their PIN."
          check={(pin) => endHandover(pin)}
          countWait={countPinWait}
          forgotten={{ label: 'Forgot the PIN?', onClick: () => setAsking('passphrase') }}
          onCancel={() => setAsking(null)}
          onSuccess={() => {
            setAsking(null);
            navigate(youngPersonId ? `/young-people/${youngPersonId}` : '/', { replace: true });
          }}
        />
      )}
      {asking === 'passphrase' && <ForgotPinDialog onCancel={() => setAsking(null)} />}
    </div>
  );
}
