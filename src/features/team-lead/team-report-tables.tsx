import type { ReactNode } from 'react';
import { GOAL_STATUS_LABELS, RATER_LABELS } from '../../domain/labels';
import type { CaseRow, CoachSize, GoalWithRatings } from '../../domain/team-report';
import { formatDate, formatInstantTime, instantToIsoDate } from '../../lib/dates';

/** What a case action is given (the slot after "Open records"). */
export interface CaseActionTarget {
  youngPersonId: string;
  caseloadId: string;
  name: string;
}

export type CaseActions = (c: CaseActionTarget) => ReactNode;

const NO_COACH = 'No coach yet';

/** Each coach's caseload sizes. */
export function CoachSizesTable({ rows }: { rows: readonly CoachSize[] }) {
  if (rows.length === 0) return <p>No caseload of the team is held on this device yet.</p>;
  return (
    <table className="team-report__table">
      <caption>Coaches and their caseloads</caption>
      <thead>
        <tr>
          <th scope="col">Coach</th>
          <th scope="col">Caseloads</th>
          <th scope="col">Young people</th>
          <th scope="col">Open cases</th>
          <th scope="col">Documents that could not be opened</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.coach ?? ''}>
            <th scope="row">{row.coach ?? NO_COACH}</th>
            <td>{row.caseloads}</td>
            <td>{row.youngPeople}</td>
            <td>{row.openCases}</td>
            <td>{row.damaged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function goalsText(row: CaseRow): string {
  if (row.goals === 0) return 'None yet';
  return `${row.goals} (${row.activeGoals} active)`;
}

/** One caseload's cases: names and the case's shape, never goal words or notes. */
export function CaseList({
  caption,
  rows,
  onOpen,
  caseActions,
}: {
  caption: string;
  rows: readonly CaseRow[];
  onOpen: (row: CaseRow) => void;
  caseActions?: CaseActions | undefined;
}) {
  if (rows.length === 0) return <p>{caption}: no young people yet.</p>;
  return (
    <table className="team-report__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Young person</th>
          <th scope="col">Programme</th>
          <th scope="col">Case</th>
          <th scope="col">Referred</th>
          <th scope="col">Goals</th>
          <th scope="col">Records</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.caseloadId} ${row.youngPersonId}`}>
            <th scope="row">{row.name}</th>
            <td>{row.programme ?? 'None'}</td>
            <td>{row.status === 'open' ? 'Open' : 'Closed'}</td>
            <td>{row.referralDate ? formatDate(row.referralDate) : 'Not given'}</td>
            <td>{goalsText(row)}</td>
            <td className="team-report__actions">
              <button
                type="button"
                className="button button--secondary"
                aria-label={`Open records of ${row.name}`}
                onClick={() => onOpen(row)}
              >
                Open records
              </button>
              {caseActions?.({
                youngPersonId: row.youngPersonId,
                caseloadId: row.caseloadId,
                name: row.name,
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An opened case's goals, with every rating: score, who gave it and when. */
export function CaseRecords({
  name,
  goals,
  onClose,
}: {
  name: string;
  goals: readonly GoalWithRatings[];
  onClose: () => void;
}) {
  return (
    <section className="team-report__records" aria-labelledby="team-report-records">
      <h2 id="team-report-records" tabIndex={-1}>
        Records of {name}
      </h2>
      {goals.length === 0 ? (
        <p>No goals yet.</p>
      ) : (
        <table className="team-report__table">
          <caption>Goals and ratings of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Goal</th>
              <th scope="col">Status</th>
              <th scope="col">Ratings (out of 10)</th>
            </tr>
          </thead>
          <tbody>
            {goals.map(({ goal, ratings }) => (
              <tr key={goal.id}>
                <th scope="row">{goal.text}</th>
                <td>{GOAL_STATUS_LABELS[goal.status]}</td>
                <td>
                  {ratings.length === 0 ? (
                    'No ratings yet'
                  ) : (
                    <ul className="team-report__ratings">
                      {ratings.map((r) => (
                        <li key={r.id}>
                          {r.score} on {formatDate(instantToIsoDate(r.ratedAt))} (
                          {RATER_LABELS[r.ratedBy]})
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close these records
      </button>
    </section>
  );
}

/** The log of opened records, newest first, with the young person's name when known. */
export function OpenedRecordsList({
  entries,
  nameOf,
}: {
  entries: readonly { youngPersonId: string; caseloadId: string; openedAt: string }[];
  nameOf: (youngPersonId: string) => string | undefined;
}) {
  if (entries.length === 0) return <p>You have not opened any young person’s records here.</p>;
  const newestFirst = [...entries].reverse().sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  return (
    <ul className="team-report__opened" aria-label="Records you opened">
      {newestFirst.map((entry, index) => (
        <li key={`${entry.openedAt} ${entry.youngPersonId} ${index}`}>
          {nameOf(entry.youngPersonId) ?? 'A young person no longer in these caseloads'} (
          <code>{entry.caseloadId}</code>), opened at {formatInstantTime(entry.openedAt)}
        </li>
      ))}
    </ul>
  );
}
