import { Link } from 'react-router-dom';
import { useClosures } from '../../db/hooks/records';
import type { Goal, YoungPerson } from '../../domain/schemas';
import { ClosureDetails } from '../../features/closure/closure-details';
import { ReopenCaseButton } from '../../features/closure/reopen-case-button';

interface CaseSectionProps {
  youngPerson: YoungPerson;
  goals: Goal[];
}

/** The case itself on a young person's page: close or reopen it, its map and its summaries. */
export function CaseSection({ youngPerson: yp, goals }: CaseSectionProps) {
  const closures = useClosures(yp.id);
  const base = `/young-people/${yp.id}`;
  const current = yp.status === 'closed' ? closures?.find((c) => !c.reopenedOn) : undefined;
  return (
    <section aria-labelledby="case-title" className="yp-section">
      <h2 id="case-title">Case</h2>
      {current && <ClosureDetails closure={current} goals={goals} />}
      <div className="yp-section__actions">
        {yp.status === 'open' ? (
          <Link to={`${base}/close`} className="button button--secondary">
            Close case
          </Link>
        ) : (
          <ReopenCaseButton youngPerson={yp} />
        )}
        <Link to={`${base}/map`} className="button button--secondary">
          Resilience map
        </Link>
        <Link to={`${base}/summary`} className="button button--secondary">
          Goal summary
        </Link>
        <Link to={`${base}/summary/young-person`} className="button button--secondary">
          My resilience journey
        </Link>
      </div>
    </section>
  );
}
