import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { useDemoIds } from '../../db/hooks/caseload';
import { showToast } from '../../stores/toast-store';
import { errorReason } from '../../lib/errors';

// Building, validating and removing demo records loads only when asked for, so the first
// screen stays small.
const demoRepository = () => import('../../db/repositories/demo');

/** The empty caseload: what to do first, and fictional demo data to explore. */
export function FirstRun() {
  const [busy, setBusy] = useState(false);
  const loadDemo = async () => {
    setBusy(true);
    try {
      const { loadDemoData } = await demoRepository();
      const count = await loadDemoData();
      showToast(`${count} fictional young people added to explore`);
    } catch (error) {
      showToast(`The demo data could not be added. ${errorReason(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="empty-state first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Your caseload is empty</h2>
      <p>
        Start by adding a young person you work with. Then, with them, add their goals in their own
        words, and log each session with a score from 0 to 10 for every goal.
      </p>
      <p>Everything stays on this device: nothing is sent anywhere.</p>
      <div className="form-actions">
        <Link to="/young-people/new" className="button">
          Add your first young person
        </Link>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void loadDemo()}
          disabled={busy}
        >
          Explore with demo data
        </button>
      </div>
      <p className="first-run__note">
        Demo data is five made-up young people, each named “Demo: …”. You can remove it at any time.
      </p>
    </section>
  );
}

/** Shown while demo records are in the caseload, with a way to remove them. */
export function DemoBanner() {
  const demoIds = useDemoIds();
  const [confirming, setConfirming] = useState(false);
  if (!demoIds || demoIds.length === 0) return null;
  const remove = async () => {
    setConfirming(false);
    const { removeDemoData } = await demoRepository();
    await removeDemoData();
    showToast('Demo data removed');
  };
  return (
    <div className="demo-banner">
      <p>
        <strong>Demo data:</strong> the young people named “Demo: …” are made up, for exploring.
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setConfirming(true)}
      >
        Remove demo data
      </button>
      {confirming && (
        <ConfirmDialog
          title="Remove the demo data?"
          confirmLabel="Remove demo data"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            The made-up young people and all their goals and sessions will be deleted. Your own
            records stay.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
