import { Link } from 'react-router-dom';
import type { CaseloadRow } from '../../db/queries';
import { formatDate } from '../../lib/dates';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The caseload as a list of cards, each naming the young person and linking to their page. */
export function CaseloadList({ rows }: { rows: CaseloadRow[] }) {
  return (
    <ul className="caseload" aria-label="Young people">
      {rows.map(
        ({ youngPerson: yp, goalCount, activeGoalCount, sessionCount, lastSessionDate }) => (
          <li key={yp.id} className={`caseload__item caseload__item--${yp.status}`}>
            <h2 className="caseload__name">
              <Link to={`/young-people/${yp.id}`}>{yp.name}</Link>
            </h2>
            <p className="caseload__status">
              {yp.status === 'open'
                ? 'Open'
                : `Closed${yp.closedOn ? ` ${formatDate(yp.closedOn)}` : ''}`}
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
                <dd>{lastSessionDate ? formatDate(lastSessionDate) : 'None yet'}</dd>
              </div>
            </dl>
          </li>
        ),
      )}
    </ul>
  );
}
