import { useState } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { setGoalStatus } from '../../db/repositories/goals';
import type { Goal, GoalStatus } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { errorReason } from '../../lib/errors';

const DONE: Record<GoalStatus, string> = {
  achieved: 'Goal marked as achieved',
  stopped: 'Goal stopped. Its ratings are kept.',
  active: 'Goal is active again',
};

/** Mark as achieved or stop an active goal; make an achieved or stopped goal active again. */
export function GoalStatusActions({ goal }: { goal: Goal }) {
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [busy, setBusy] = useState(false);

  async function change(status: GoalStatus) {
    setConfirmingStop(false);
    setBusy(true);
    try {
      await setGoalStatus(goal.id, status);
      showToast(DONE[status]);
    } catch (error) {
      showToast(`Nothing was changed. ${errorReason(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  if (goal.status !== 'active') {
    return (
      <div className="goal-page__actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void change('active')}
        >
          Make active again
        </button>
      </div>
    );
  }
  return (
    <div className="goal-page__actions">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void change('achieved')}
      >
        Mark as achieved
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => setConfirmingStop(true)}
      >
        Stop this goal
      </button>
      {confirmingStop && (
        <ConfirmDialog
          title="Stop this goal?"
          confirmLabel="Stop goal"
          danger
          onConfirm={() => void change('stopped')}
          onCancel={() => setConfirmingStop(false)}
        >
          <p>
            “{goal.text}” will no longer be rated in sessions. Its ratings are kept, and you can
            make it active again later.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
