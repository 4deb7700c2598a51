import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DraftGate, DraftSavedNote } from '../../components/ui/draft-notice';
import { DemoDataNotice } from '../../components/ui/demo-data-notice';
import { useExploringDemoData } from '../../db/hooks/use-lock-state';
import { PageHeader } from '../../components/ui/page-header';
import { useYoungPersonDetail } from '../../db/hooks/core';
import { createGoal, replaceGoal } from '../../db/repositories/goals';
import { useDraft } from '../../db/hooks/use-draft';
import { getDomain, type Move } from '../../domain/framework';
import type { Goal, YoungPerson } from '../../domain/schemas';
import { showToast } from '../../stores/toast-store';
import { goalDraftContext, goalDraftValues, goalValuesFromDraft } from './goal-draft';
import { GoalForm } from './goal-form';
import {
  SUGGESTED_ACTIVE_GOALS,
  countActiveGoals,
  goalFormValuesFromMove,
  goalPaths,
  initialGoalFormValues,
  moveFromQuery,
} from './goal-model';
import { MissingMessage } from '../../components/ui/missing-message';

/**
 * Sets a new goal with its starting score; with ?replaces=<goalId>, changes that goal: the
 * old goal is stopped (keeping its ratings) and the new one set with a score of its own.
 * With ?move=<moveId> (from the resilience map), a new goal starts linked to that move and
 * its domain.
 */
export function AddGoalPage() {
  const exploringDemo = useExploringDemoData();
  const { youngPersonId } = useParams();
  const [searchParams] = useSearchParams();
  const replacesId = searchParams.get('replaces');
  const fromMove = replacesId ? undefined : moveFromQuery(searchParams.get('move'));
  const detail = useYoungPersonDetail(youngPersonId);
  const navigate = useNavigate();
  const draft = useDraft('goal', youngPersonId ?? '');
  const context = goalDraftContext(replacesId, fromMove?.id ?? null);

  if (detail === undefined) return <p role="status">Loading…</p>;
  if (detail === null) return <MissingMessage title="Young person not found" />;

  const { youngPerson: yp, goals } = detail;
  const back = { to: goalPaths.youngPerson(yp.id), label: `Back to ${yp.name}` };
  const old = replacesId ? goals.find((g) => g.goal.id === replacesId)?.goal : undefined;
  if (replacesId && !old) {
    return (
      <MissingMessage title="Goal not found" back={back}>
        The goal you wanted to change is not on {yp.name}&apos;s page. It may have been removed.
      </MissingMessage>
    );
  }
  if (old?.status === 'achieved') {
    return (
      <MissingMessage title="This goal was achieved" back={back}>
        An achieved goal stays as it is, with its ratings. To work on something new, add a new goal.
      </MissingMessage>
    );
  }
  const title = old ? 'Change a goal' : 'Add a goal';
  if (yp.status !== 'open') {
    return (
      <>
        <PageHeader title={title} back={back} />
        <p>
          {yp.name}&apos;s case is closed, so goals cannot be added or changed. Reopen the case from
          their page to set new goals.
        </p>
        <Link to={back.to}>{back.label}</Link>
      </>
    );
  }

  const activeCount = countActiveGoals(
    goals.map((g) => g.goal),
    old?.id,
  );
  const fresh = fromMove ? goalFormValuesFromMove(fromMove) : initialGoalFormValues(old);
  return (
    <>
      <PageHeader title={title} back={back} />
      <DemoDataNotice shown={exploringDemo} />
      {old && <ReplaceExplanation old={old} />}
      {fromMove && <FromMoveNote move={fromMove} />}
      {activeCount >= SUGGESTED_ACTIVE_GOALS && (
        <FocusNote youngPerson={yp} activeCount={activeCount} />
      )}
      <DraftGate
        what={old ? 'this changed goal' : 'this goal'}
        found={draft.found}
        discard={draft.discard}
        fresh={fresh}
        fromDraft={(stored) => goalValuesFromDraft(stored, context, fresh)}
      >
        {(initial) => (
          <GoalForm
            key={context}
            initial={initial}
            onValuesChange={(values) => draft.keep(goalDraftValues(values, context))}
            save={(input) => (old ? replaceGoal(old.id, input) : createGoal(yp.id, input))}
            onSaved={() => {
              void draft.discard();
              showToast(
                old
                  ? 'Goal changed. The old goal was stopped and keeps its ratings.'
                  : 'Goal added',
              );
              navigate(back.to);
            }}
            onCancel={() => void draft.discard()}
            submitLabel={old ? 'Save the changed goal' : 'Save goal'}
            cancelTo={old ? goalPaths.goal(yp.id, old.id) : back.to}
            baselineNote={
              old && (
                <p className="goal-form__note">
                  A changed goal starts again: score it as it is now, not as the old goal was.
                </p>
              )
            }
          />
        )}
      </DraftGate>
      <DraftSavedNote savedAt={draft.savedAt} />
    </>
  );
}

function ReplaceExplanation({ old }: { old: Goal }) {
  return (
    <div className="goal-form__note">
      <p>
        You are changing the goal <q className="goal-form__old-words">{old.text}</q>.
      </p>
      <p>
        The old goal will be stopped and keep its ratings; this new goal gets its own starting
        score.
      </p>
    </div>
  );
}

function FromMoveNote({ move }: { move: Move }) {
  return (
    <p className="goal-form__note">
      This goal starts from the move <q>{move.practitioner}</q> in {getDomain(move.domain).name},
      from the resilience map. It is already chosen below; you can change it.
    </p>
  );
}

function FocusNote({
  youngPerson,
  activeCount,
}: {
  youngPerson: YoungPerson;
  activeCount: number;
}) {
  return (
    <p className="goal-form__note">
      {youngPerson.name} already has {activeCount} active goals. It often helps to focus on up to{' '}
      {SUGGESTED_ACTIVE_GOALS} at a time, perhaps by marking one as achieved or stopping one. You
      can still add this goal.
    </p>
  );
}
