import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { getPinState } from '../../db/repositories/coach-pin';
import { startHandover } from '../../db/repositories/handover';
import type { YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { errorReason } from '../../lib/errors';

/**
 * "Hand over to <name>": opens the young person's own space on this device. Without a coach
 * PIN it first asks the coach to set one (Settings), then hands over.
 */
export function HandOverButton({ youngPerson }: { youngPerson: YoungPerson }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const handOver = async () => {
    setBusy(true);
    try {
      const pin = await getPinState();
      if (!pin.isSet) {
        navigate(`/settings?handover=${encodeURIComponent(youngPerson.id)}`);
        return;
      }
      await startHandover(youngPerson.id);
      navigate('/my-space');
    } catch (error) {
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
