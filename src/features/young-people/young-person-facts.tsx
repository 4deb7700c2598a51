import './young-people.css';
import { Link } from 'react-router-dom';
import type { YoungPerson } from '../../domain/schemas';
import { ageOn, formatDate, toIsoDate } from '../../lib/dates';

/** The facts under a young person's name, with a link to edit them. */
export function YoungPersonFacts({ youngPerson: yp }: { youngPerson: YoungPerson }) {
  const today = toIsoDate(new Date());
  return (
    <div className="yp-facts">
      <dl className="caseload__facts yp-facts__list">
        <div>
          <dt>Case</dt>
          <dd>
            {yp.status === 'open'
              ? 'Open'
              : `Closed${yp.closedOn ? ` on ${formatDate(yp.closedOn)}` : ''}${yp.closureReason ? ` (${yp.closureReason})` : ''}`}
          </dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>{yp.programme ?? 'Not set'}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>
            {yp.dateOfBirth
              ? `${formatDate(yp.dateOfBirth)} (age ${ageOn(yp.dateOfBirth, today)})`
              : 'Not recorded'}
          </dd>
        </div>
        <div>
          <dt>School</dt>
          <dd>{yp.school ?? 'Not recorded'}</dd>
        </div>
        <div>
          <dt>Referred</dt>
          <dd>{yp.referralDate ? formatDate(yp.referralDate) : 'Not recorded'}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/young-people/${yp.id}/edit`}>
          Edit details<span className="visually-hidden"> of {yp.name}</span>
        </Link>
      </p>
    </div>
  );
}
