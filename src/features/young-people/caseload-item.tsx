import type { Ref } from 'react';
import { Link } from 'react-router-dom';
import type { CaseloadRow } from '../../db/caseload-queries';
import { formatShortDate } from '../../lib/short-date';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

interface CaseloadItemProps {
  row: CaseloadRow;
  /** Set on the row whose link should take focus. */
  linkRef?: Ref<HTMLAnchorElement> | undefined;
}

/** One card of the caseload: the young person's name (a link to their page) and facts. */
export function CaseloadItem({ row, linkRef }: CaseloadItemProps) {
  const { youngPerson: yp, goalCount, activeGoalCount, sessionCount, lastSessionDate } = row;
  return (
    <li className={`caseload__item caseload__item--${yp.status}`}>
      <h2 className="caseload__name">
        <Link to={`/young-people/${yp.id}`} ref={linkRef}>
          {yp.name}
        </Link>
      </h2>
      <p className="caseload__status">
        {yp.status === 'open'
          ? 'Open'
          : `Closed${yp.closedOn ? ` ${formatShortDate(yp.closedOn)}` : ''}`}
      </p>
      <dl className="caseload__facts">
        <div>
          <dt>Programme</dt>
          <dd>{yp.programme ?? 'Not set'}</dd>
        </div>
        <div>
          <dt>Goals</dt>
          <dd>
            {plural(goalCount, 'goal', 'goals')}
            {goalCount > 0 && ` (${activeGoalCount} active)`}
          </dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd>{plural(sessionCount, 'session', 'sessions')}</dd>
        </div>
        <div>
          <dt>Last session</dt>
          <dd>{lastSessionDate ? formatShortDate(lastSessionDate) : 'None yet'}</dd>
        </div>
      </dl>
    </li>
  );
}
