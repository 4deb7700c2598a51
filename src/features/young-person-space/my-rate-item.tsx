import { useState } from 'react';
import { RatingControl } from '../../components/ui/rating-control';
import type { GoalWithRatings } from '../../db/queries';
import { rateGoal } from '../../db/repositories/ratings';
import { showToast } from '../../stores/toast-store';
import { Celebration } from './celebration';
import { celebrationFor, latestOwnScore, thanksFor } from './space-model';

const CHOOSE_FIRST = 'Choose a number from 0 to 10 first.';
const NOT_SAVED = 'That did not save. Please ask your coach to help.';

/** One goal to rate, with its own Save, and a cheer when the score goes up. */
export function MyRateItem({ goal, ratings }: GoalWithRatings) {
  const previous = latestOwnScore(ratings);
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ from: number | null; to: number } | null>(null);
  const id = `rate-${goal.id}`;

  async function save() {
    if (value === null) {
      setError(CHOOSE_FIRST);
      // The group describes itself with the error, so focus lands where the message is read.
      document.getElementById(`${id}-${previous ?? 0}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      await rateGoal(goal.id, { score: value, ratedBy: 'young-person' });
      setSaved({ from: previous, to: value });
      setValue(null);
      setError(undefined);
      showToast('Saved. Thank you!');
    } catch {
      setError(NOT_SAVED);
    } finally {
      setSaving(false);
    }
  }

  const cheer = saved ? celebrationFor(saved.from, saved.to) : null;
  return (
    <article className="my-space__card my-rate">
      <RatingControl
        id={id}
        label={`“${goal.text}”`}
        value={value}
        onChange={(score) => {
          setValue(score);
          setError(undefined);
        }}
        previous={previous}
        error={error}
        wording="young-person"
      />
      <button type="button" className="button" disabled={saving} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save'} <span className="visually-hidden">for “{goal.text}”</span>
      </button>
      <p className="my-rate__result" role="status">
        {saved && cheer && <Celebration>{cheer}</Celebration>}
        {saved && !cheer && thanksFor(saved.from, saved.to)}
      </p>
    </article>
  );
}
