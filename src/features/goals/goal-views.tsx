import type { Disagreement } from '../../domain/disagreement';
import type { Rating } from '../../domain/schemas';
import { scoreInWords } from '../../domain/score-words';
import { formatInstantDate } from '../../lib/dates';
import { disagreementSentence } from './goal-model';
import './goal-views.css';

function View({ who, rating }: { who: string; rating: Rating }) {
  return (
    <li className="goal-views__view">
      <p className="goal-views__who">{who}</p>
      <p className="goal-views__score">{scoreInWords(rating.score)}</p>
      <p className="goal-views__date">{formatInstantDate(rating.ratedAt)}</p>
    </li>
  );
}

/**
 * The young person's and the coach's ratings side by side when they see the goal differently.
 * Both ratings stay as they were given; this only points out the difference.
 */
export function GoalViews({ disagreement }: { disagreement: Disagreement }) {
  return (
    <div className="goal-views">
      <p>{disagreementSentence(disagreement)}</p>
      <ul className="goal-views__pair" aria-label="The two ratings side by side">
        <View who="The young person said" rating={disagreement.youngPerson} />
        <View who="You said" rating={disagreement.coach} />
      </ul>
      <p className="goal-views__note">
        Both scores are kept as they were given. It may help to talk about the difference together.
      </p>
    </div>
  );
}

/** The short note on a goal card: "Different views: the young person said 8, you said 4." */
export function GoalViewsNote({ disagreement }: { disagreement: Disagreement }) {
  return (
    <p className="goal-views-note">
      <strong>Different views:</strong> the young person said {disagreement.youngPerson.score}, you
      said {disagreement.coach.score}.
    </p>
  );
}
