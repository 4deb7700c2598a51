import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorSummary } from '../../components/ui/error-summary';
import { TextAreaField } from '../../components/ui/field';
import { PageHeader } from '../../components/ui/page-header';
import { RatingControl } from '../../components/ui/rating-control';
import { useFormSubmit } from '../../components/ui/use-form-submit';
import { createGoal } from '../../db/repositories/goals';
import { findMove } from '../../domain/framework';
import { ValidationError } from '../../domain/validation';
import { showToast } from '../../stores/toast-store';
import { DomainPictureButtons } from './domain-picture-buttons';
import { MyMovesChecklist } from './my-moves-checklist';
import { SpaceContent } from './space-content';
import {
  GOAL_TEXT_MAX,
  SPACE_PATHS,
  checkMyGoal,
  friendlyErrors,
  initialMyGoal,
  keepMovesOf,
  type MyGoalValues,
} from './space-model';
import type { MySpace } from './use-my-space';
import './my-add-goal.css';

const BACK = { to: SPACE_PATHS.home, label: 'Back to my space' };

const SUMMARY_LABELS: Record<string, string> = {
  text: 'Your goal',
  domains: 'What it is about',
  moves: 'Things that could help',
  baseline: 'How close you are',
};

/**
 * /my-space/goals/new: the young person sets a goal in their own words, with their own score.
 * With ?move=<moveId> (from "Make this a goal" on their map) the move and its domain start chosen.
 */
export function MyAddGoalPage() {
  return (
    <SpaceContent>
      {(space) => (
        <>
          <PageHeader title="Add a goal" back={BACK} />
          {space.youngPerson.status === 'open' ? (
            <MyGoalForm space={space} />
          ) : (
            <p>You cannot add goals just now. Your coach can tell you why.</p>
          )}
        </>
      )}
    </SpaceContent>
  );
}

function MyGoalForm({ space }: { space: MySpace }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [fromMap] = useState(() => findMove(searchParams.get('move') ?? ''));
  const [values, setValues] = useState<MyGoalValues>(() => initialMyGoal(fromMap?.id ?? null));
  const update = (change: Partial<MyGoalValues>) => setValues((v) => ({ ...v, ...change }));
  const youngPersonId = space.youngPerson.id;

  const save = useCallback(async () => {
    const problems = checkMyGoal(values);
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    try {
      return await createGoal(youngPersonId, {
        text: values.text,
        domains: values.domains,
        moves: keepMovesOf(values.domains, values.moves),
        setBy: 'young-person',
        baseline: values.baseline ?? Number.NaN,
        baselineRatedBy: 'young-person',
      });
    } catch (error) {
      if (error instanceof ValidationError)
        throw new ValidationError(friendlyErrors(error.fieldErrors));
      throw new Error('Please ask your coach to help.');
    }
  }, [values, youngPersonId]);
  const onSaved = useCallback(() => {
    showToast('Your goal is saved. Well done!');
    navigate(SPACE_PATHS.home);
  }, [navigate]);
  const { submit, errors, saving } = useFormSubmit(save, onSaved);

  return (
    <form className="my-goal-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={SUMMARY_LABELS} />
      {fromMap && (
        <p className="my-goal-form__from-map">
          From your map: <q>{fromMap.youngPerson}</q>. It is ticked below, and you can change it.
        </p>
      )}
      <TextAreaField
        label="What would you like to be different?"
        name="text"
        value={values.text}
        onChange={(text) => update({ text })}
        hint="Write your goal in your own words. For example: I want to make friends at my new school."
        error={errors.text}
        rows={3}
        maxLength={GOAL_TEXT_MAX}
      />
      <DomainPictureButtons
        value={values.domains}
        onChange={(domains) => update({ domains, moves: keepMovesOf(domains, values.moves) })}
        error={errors.domains}
      />
      <MyMovesChecklist
        domains={values.domains}
        value={values.moves}
        onChange={(moves) => update({ moves })}
        error={errors.moves}
      />
      <RatingControl
        label="How close are you now?"
        value={values.baseline}
        onChange={(baseline) => update({ baseline })}
        error={errors.baseline}
        wording="young-person"
      />
      <div className="my-goal-form__actions">
        <button type="submit" className="button my-space__big-button" disabled={saving}>
          {saving ? 'Saving…' : 'Save my goal'}
        </button>
        <Link to={SPACE_PATHS.home} className="button button--secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
