import { useId, useMemo, useState } from 'react';
import { DomainChip } from '../../components/ui/domain-chip';
import type { GoalWithRatings } from '../../db/queries';
import { getDomain } from '../../domain/framework';
import { Celebration } from './celebration';
import { journeyPoints } from './journey-points';
import { MyJourneyChart } from './my-journey-chart';
import { MyJourneyTable } from './my-journey-table';
import { journeyCheer, journeyWords, ownRatings } from './space-model';

/** One goal's journey: plain words, a cheer when it went up, a chart and a table. */
export function MyJourneyGoal({ goal, ratings }: GoalWithRatings) {
  const own = useMemo(() => ownRatings(ratings), [ratings]);
  const points = useMemo(() => journeyPoints(ratings), [ratings]);
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  const headingId = `${id}-heading`;
  const tableId = `${id}-table`;
  const firstDomain = getDomain(goal.domains[0] ?? 'basics');
  const cheer = journeyCheer(own);

  return (
    <section className="my-space__card" aria-labelledby={headingId}>
      <h2 id={headingId} className="my-space__goal-words">
        “{goal.text}”
      </h2>
      <ul className="my-space__chips" aria-label="What it is about">
        {goal.domains.map((domain) => (
          <li key={domain}>
            <DomainChip domain={domain} wording="young-person" />
          </li>
        ))}
      </ul>
      <p className="my-journey__words">{journeyWords(own)}</p>
      {cheer && (
        <p>
          <Celebration>{cheer}</Celebration>
        </p>
      )}
      {points.length > 0 && (
        <>
          <MyJourneyChart
            points={points}
            colour={firstDomain.colour}
            shape={firstDomain.shape}
            label={`Your scores for “${goal.text}”, from 0 to 10`}
          />
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? 'Hide the table' : 'Show as a table'}
          </button>
          <div id={tableId} hidden={!showTable}>
            <MyJourneyTable points={points} goalText={goal.text} />
          </div>
        </>
      )}
    </section>
  );
}
