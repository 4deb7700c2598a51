import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PassphraseNeededError } from '../../db/encryption/session-key';
import { PinNeededError } from '../../db/repositories/coach-pin';
import { startHandover } from '../../db/repositories/handover';
import type { YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { errorReason } from '../../lib/errors';

/**
 * "Hand over to <name>": opens the young person's own space on this device. Without a coach
 * PIN that can be checked (or before a passphrase is chosen) it takes the coach straight to
 * the PIN form in Settings, which hands over once the PIN is saved.
 */
export function HandOverButton({ youngPerson }: { youngPerson: YoungPerson }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const handOver = async () => {
    setBusy(true);
    try {
      await startHandover(youngPerson.id);
      navigate('/my-space');
    } catch (error) {
      if (error instanceof PinNeededError || error instanceof PassphraseNeededError) {
        navigate(`/settings?handover=${encodeURIComponent(youngPerson.id)}`);
        return;
      }
      showToast(`Could not hand over. ${errorReason(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => void handOver()}
      disabled={busy}
    >
      Hand over to {youngPerson.name}
    </button>
  );
}
