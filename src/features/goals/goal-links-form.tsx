import { useEffect, useRef, useState } from 'react';
import { MovePicker } from '../../components/framework/move-picker';
import { ChangedElsewhereNote } from '../../components/ui/changed-elsewhere-note';
import { ErrorSummary } from '../../components/ui/error-summary';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { updateGoalLinks } from '../../db/repositories/goals';
import type { DomainId } from '../../domain/framework';
import type { Goal } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { DomainCheckboxes } from './domain-checkboxes';
import './goal-form.css';

interface GoalLinksFormProps {
  goal: Goal;
  /** Called after saving or cancelling. */
  onDone: () => void;
}

/** Changes the domains and moves a goal links to. The words cannot be changed here. */
export function GoalLinksForm({ goal, onDone }: GoalLinksFormProps) {
  const [domains, setDomains] = useState<DomainId[]>(goal.domains);
  const [moves, setMoves] = useState<string[]>(goal.moves);
  const [openedAt] = useState(goal.updatedAt);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { submit, errors, saving } = useFormSubmit(
    () => updateGoalLinks(goal.id, { domains, moves }, undefined, openedAt),
    () => {
      showToast("Goal's links saved");
      onDone();
    },
  );

  useEffect(() => headingRef.current?.focus(), []);

  return (
    <form className="goal-links-form" noValidate onSubmit={submit}>
      <h3 ref={headingRef} tabIndex={-1}>
        Change the goal&apos;s links
      </h3>
      <p className="goal-form__note">
        A goal&apos;s words stay as they were set; to change them, change the goal.
      </p>
      <ChangedElsewhereNote openedAt={openedAt} storedAt={goal.updatedAt} />
      <ErrorSummary errors={errors} />
      <DomainCheckboxes value={domains} onChange={setDomains} error={errors.domains} />
      <MovePicker
        label="Which resilient moves could help?"
        hint="Optional. Moves from the domains you chose come first."
        value={moves}
        onChange={setMoves}
        highlightDomains={domains}
        error={errors.moves}
      />
      <div className="goal-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : 'Save links'}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
