import { formatInstantTime } from '../../lib/dates';
import type { ForwardProblem } from './move-case-action';
import type { ReportCaseload, TeamReportData } from './team-report-data';

function who(c: { caseloadId: string; coaches: readonly string[] }): string {
  return c.coaches.length === 0 ? c.caseloadId : `${c.coaches.join(' and ')} (${c.caseloadId})`;
}

type Held = Extract<ReportCaseload, { held: true }>;

/** A forwarding problem in a sentence: whose caseload, and what waits. */
function forwardNote(p: ForwardProblem, caseloads: readonly ReportCaseload[]): string {
  const known = caseloads.find((c) => c.caseloadId === p.caseloadId);
  const coaches = known?.coaches ?? [];
  const place =
    coaches.length === 0
      ? `the caseload ${p.caseloadId}`
      : `${coaches.join(' and ')}’s caseload (${p.caseloadId})`;
  const what =
    p.role === 'from'
      ? `Work sent late to ${place} after a case moved away could not be forwarded yet`
      : `Work sent late for a case now in ${place} could not be forwarded to it yet`;
  return `${what}: ${p.problem} It will be tried again at the next refresh.`;
}

/**
 * What the lead should know before reading the figures: caseloads not got from the server
 * (and how old this device's copy is), caseloads whose key is elsewhere or whose list failed
 * its check, documents that could not be opened, and work sent late after a case moved that
 * the refresh could not forward (`forwarding`).
 */
export function TeamReportNotes({
  data,
  forwarding = [],
}: {
  data: TeamReportData;
  forwarding?: readonly ForwardProblem[];
}) {
  const heldOnes = data.caseloads.filter((c): c is Held => c.held);
  const stale = heldOnes.filter((c) => c.freshness.state === 'stale');
  const notHeld = data.caseloads.filter((c) => !c.held);
  const damaged = heldOnes.reduce((sum, c) => sum + c.damaged, 0);
  return (
    <div className="team-report__notes">
      {data.listProblem && (
        <p role="alert">
          The caseloads could not be listed from the team server: {data.listProblem} The report uses
          what this device kept.
        </p>
      )}
      {stale.length > 0 && (
        <div role="alert">
          <p>These caseloads could not be got from the service just now:</p>
          <ul aria-label="Caseloads not up to date">
            {stale.map((c) =>
              c.freshness.state === 'stale' ? (
                <li key={c.caseloadId}>
                  {who(c)}: {c.freshness.problem}{' '}
                  {c.freshness.at
                    ? `Showing what this device last got from the service, on ${formatInstantTime(c.freshness.at)}.`
                    : 'This device has never got this caseload from the service, so its young people are not counted.'}
                </li>
              ) : null,
            )}
          </ul>
        </div>
      )}
      {notHeld.length > 0 && (
        <p>
          This device does not hold the key for{' '}
          {notHeld.length === 1 ? 'this caseload' : 'these caseloads'} (set up from another device),
          so {notHeld.length === 1 ? 'it is' : 'they are'} not in the report:{' '}
          {notHeld.map(who).join(', ')}.
        </p>
      )}
      {forwarding.length > 0 && (
        <div role="alert">
          <p>Not all work done on a coach’s device after a case moved could be forwarded:</p>
          <ul aria-label="Late work not forwarded yet">
            {forwarding.map((p) => (
              <li key={`${p.role} ${p.caseloadId}`}>{forwardNote(p, data.caseloads)}</li>
            ))}
          </ul>
        </div>
      )}
      {data.refused.length > 0 && (
        <p role="alert">
          These caseloads’ lists on the server failed their check, so they are not in the report:{' '}
          {data.refused.join(', ')}.
        </p>
      )}
      {damaged > 0 && (
        <p role="alert">
          {damaged === 1
            ? '1 document from the service could not be opened or failed its check, so it is left out of the report.'
            : `${damaged} documents from the service could not be opened or failed their check, so they are left out of the report.`}
        </p>
      )}
      {heldOnes.length > 0 && damaged === 0 && (
        <p>Every document from the service opened and passed its check.</p>
      )}
    </div>
  );
}
