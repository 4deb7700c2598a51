import { DomainChip } from '../../components/ui/domain-chip';
import type { GoalWithRatings } from '../../db/queries';
import { scoreInWords } from '../../domain/score-words';
import { latestOwnScore } from './space-model';

/** One of the young person's goals in their words: what it is about and how close they feel. */
export function MyGoalCard({ goal, ratings }: GoalWithRatings) {
  const now = latestOwnScore(ratings);
  return (
    <article className="my-space__card" aria-labelledby={`goal-${goal.id}`}>
      <h3 id={`goal-${goal.id}`} className="my-space__goal-words">
        “{goal.text}”
      </h3>
      <ul className="my-space__chips" aria-label="What it is about">
        {goal.domains.map((domain) => (
          <li key={domain}>
            <DomainChip domain={domain} wording="young-person" />
          </li>
        ))}
      </ul>
      {goal.status === 'achieved' && <p className="my-space__done">You did it! Well done.</p>}
      <p>
        <strong>How close you feel now: </strong>
        {now === null ? 'you have not said yet.' : scoreInWords(now, 'young-person')}
      </p>
    </article>
  );
}
