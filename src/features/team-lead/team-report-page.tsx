import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { SelectField } from '../../components/ui/field';
import { PageHeader } from '../../components/ui/page-header';
import { LockedError } from '../../db/encryption/session-key';
import { logOpenedRecord, readTeamLead, type TeamLead } from '../../db/repositories/team-lead';
import type { ServiceReportRecords } from '../../domain/report';
import {
  caseRows,
  caseloadsOfCoach,
  coachSizes,
  coachesOf,
  goalsWithRatings,
  mergeCaseloads,
  type CaseRow,
  type CaseloadRecords,
} from '../../domain/team-report';
import { formatInstantTime } from '../../lib/dates';
import type { LeadDirectory } from './lead-actions';
import { withLeadCopies } from './lead-copies-lock';
import {
  forwardMoves,
  moveCaseAction,
  type ForwardProblem,
  type MoveCaseRequest,
} from './move-case-action';
import { MoveCaseForm, describeCounts } from './move-case-form';
import { loadTeamReport, type LeadCopies, type TeamReportData } from './team-report-data';
import {
  CaseList,
  CaseRecords,
  CoachSizesTable,
  OpenedRecordsList,
  type CaseActions,
} from './team-report-tables';
import { TeamReportNotes } from './team-report-notes';
import './team-lead.css';

const defaultNow = () => new Date();

/** What the page gives the report's figures (composed in src/app: features stay apart). */
export interface TeamReportArgs {
  /** Every caseload's records together, or the chosen coach's. */
  records: ServiceReportRecords;
  /** The coach select, to show with the report's other filters. */
  coachFilter: ReactNode;
  /** "All coaches" or "coach-amber", for the summary line. */
  scope: string;
}

interface TeamReportPageProps {
  /** The service report's filters, summary, downloads and figures over the records given. */
  renderReport: (args: TeamReportArgs) => ReactNode;
  /** The actions for each case after "Open records" (default: moving the case). */
  caseActions?: CaseActions;
  now?: () => Date;
  directory?: Pick<LeadDirectory, 'listCaseloads'>;
  copies?: LeadCopies;
}

type LeadState =
  | { phase: 'loading' }
  | { phase: 'none' }
  | { phase: 'failed'; message: string }
  | { phase: 'lead'; lead: TeamLead };

/** An open case's records on screen: whose, and from which caseload. */
interface Shown {
  row: CaseRow;
}

function held(data: TeamReportData | null): CaseloadRecords[] {
  if (!data) return [];
  return data.caseloads.flatMap((c) =>
    c.held
      ? [{ caseloadId: c.caseloadId, coaches: c.coaches, records: c.records, damaged: c.damaged }]
      : [],
  );
}

function captionOf(caseload: CaseloadRecords, all: readonly CaseloadRecords[]): string {
  const names = caseload.coaches.length === 0 ? 'no coach yet' : caseload.coaches.join(' and ');
  const shared = all.filter((c) => c.coaches.join() === caseload.coaches.join()).length > 1;
  return `Cases held by ${names}${shared ? ` (${caseload.caseloadId})` : ''}`;
}

/**
 * The lead's team report at /team-report: the service report over every caseload this device
 * holds the key for, with a filter by coach; the coaches' caseload sizes; each caseload's case
 * list; "Open records" (asked first, and logged); and the records opened. Each visit, and
 * "Get the newest from the service", brings the device's copies up to date first; when the
 * server cannot be reached, the copies are shown and the page says how old they are.
 */
export function TeamReportPage({
  renderReport,
  caseActions,
  now = defaultNow,
  directory,
  copies,
}: TeamReportPageProps) {
  const [leadState, setLeadState] = useState<LeadState>({ phase: 'loading' });
  const [data, setData] = useState<TeamReportData | null>(null);
  /** When the last refresh ended, and whether every caseload was got from the server. */
  const [finished, setFinished] = useState<{ at: string; allFresh: boolean } | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [coach, setCoach] = useState<string | null>(null);
  const [asking, setAsking] = useState<CaseRow | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  /** What the last move did, said once the case lists show it. */
  const [moved, setMoved] = useState<string | null>(null);
  /** What the last refresh could not forward of work sent late after a move. */
  const [forwarding, setForwarding] = useState<ForwardProblem[]>([]);
  const movedRef = useRef<HTMLParagraphElement>(null);
  const refreshing = useRef(false);
  const live = useRef(true);
  const recordsHeading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  // The clock and the server's functions as given on the first render: a caller passing new
  // functions on each render must not start the report again.
  const given = useRef({ now, directory, copies });

  const readLead = useCallback(async (): Promise<TeamLead | null> => {
    try {
      const lead = await readTeamLead();
      if (live.current) setLeadState(lead ? { phase: 'lead', lead } : { phase: 'none' });
      return lead;
    } catch (error) {
      if (live.current) {
        setLeadState({
          phase: 'failed',
          message:
            error instanceof LockedError
              ? 'The app is locked: unlock it to see the team report.'
              : error instanceof Error
                ? error.message
                : 'The team details on this device could not be read.',
        });
      }
      return null;
    }
  }, []);

  const refresh = useCallback(async () => {
    // A second click before the first refresh is shown busy does not start a second one.
    if (refreshing.current) return;
    refreshing.current = true;
    setProblem(null);
    setProgress('Asking the team server for the caseloads…');
    const { now: clock, directory: listing, copies: stores } = given.current;
    try {
      const lead = await readLead();
      if (!lead) return;
      // What an old coach's device sent after a case moved goes on to the new coach first; a
      // caseload forwarding could not work with is said in the notes (tried at each refresh).
      const forwarded =
        lead.moves.length > 0 ? await forwardMoves(clock()).catch(() => null) : null;
      if (live.current) setForwarding(forwarded?.ok ? forwarded.value.problems : []);
      // Never beside a move or another tab's refresh (lead-copies-lock.ts).
      const result = await withLeadCopies(() =>
        loadTeamReport(lead, {
          now: clock,
          ...(listing ? { directory: listing } : {}),
          ...(stores ? { copies: stores } : {}),
          onProgress: (index, total) => {
            if (live.current) setProgress(`Getting caseload ${index} of ${total}…`);
          },
        }),
      );
      if (!live.current) return;
      setData(result);
      setFinished({
        at: clock().toISOString(),
        allFresh: result.caseloads.every((c) => !c.held || c.freshness.state === 'fresh'),
      });
      // Read again: a record opened meanwhile was logged in the row, not in `result.lead`.
      await readLead();
    } catch (error) {
      if (!live.current) return;
      setProblem(
        error instanceof LockedError
          ? 'The app is locked: unlock it to see the team report.'
          : 'The team report could not be read on this device. Please try again.',
      );
    } finally {
      refreshing.current = false;
      if (live.current) setProgress(null);
    }
  }, [readLead]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (shown) recordsHeading.current?.querySelector('h2')?.focus();
  }, [shown]);

  // The moved case's form is gone from the lists once they show the move: focus goes here.
  useEffect(() => {
    if (moved && progress === null) movedRef.current?.focus();
  }, [moved, progress]);

  const caseloads = useMemo(() => held(data), [data]);
  const coaches = useMemo(() => coachesOf(caseloads), [caseloads]);
  const chosen = coach !== null && coaches.includes(coach) ? coach : null;
  const inScope = useMemo(() => caseloadsOfCoach(caseloads, chosen), [caseloads, chosen]);
  const records = useMemo(() => mergeCaseloads(inScope), [inScope]);
  const sizes = useMemo(() => coachSizes(caseloads), [caseloads]);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of caseloads) for (const p of c.records.youngPeople) map.set(p.id, p.name);
    return map;
  }, [caseloads]);

  const move = async (request: MoveCaseRequest, at: Date) => {
    const result = await moveCaseAction(request, at);
    if (result.ok) {
      const person = names.get(request.youngPersonId) ?? 'The young person';
      const to = caseloads.find((c) => c.caseloadId === request.toCaseload);
      const toName = to && to.coaches.length > 0 ? to.coaches.join(', ') : 'the new caseload';
      setMoved(
        result.value.sent
          ? `${person}’s case moved to ${toName} (${describeCounts(result.value.moved)}).`
          : `${person}’s case is moved on this device, but the team server could not be reached: it goes to ${toName} at the next refresh.`,
      );
      void refresh();
    }
    return result;
  };
  const moveAction: CaseActions = (c) =>
    caseloads.length < 2 ? null : (
      <MoveCaseForm
        youngPersonId={c.youngPersonId}
        fromCaseload={c.caseloadId}
        name={c.name}
        caseloads={caseloads.map((k) => ({
          caseloadDatabase: k.caseloadId,
          coaches: [...k.coaches],
        }))}
        onMove={move}
        now={given.current.now}
      />
    );

  const open = async (row: CaseRow) => {
    setAsking(null);
    setOpenProblem(null);
    const at = given.current.now();
    try {
      const lead = await logOpenedRecord(
        {
          youngPersonId: row.youngPersonId,
          caseloadId: row.caseloadId,
          openedAt: at.toISOString(),
        },
        at,
      );
      if (!lead) {
        setOpenProblem('This device no longer leads a team, so the records were not opened.');
        return;
      }
      setLeadState({ phase: 'lead', lead });
      setShown({ row });
    } catch {
      setOpenProblem(
        'The records were not opened: this device could not log that you opened them. Please try again.',
      );
    }
  };

  const shownGoals = useMemo(() => {
    if (!shown) return [];
    const caseload = caseloads.find((c) => c.caseloadId === shown.row.caseloadId);
    return caseload ? goalsWithRatings(caseload.records, shown.row.youngPersonId) : [];
  }, [shown, caseloads]);

  if (leadState.phase !== 'lead') {
    return (
      <div className="team-report">
        <PageHeader title="Team report" />
        {leadState.phase === 'loading' && <p role="status">Loading…</p>}
        {leadState.phase === 'failed' && <p role="alert">{leadState.message}</p>}
        {leadState.phase === 'none' && (
          <p>
            This device does not lead a team. The team report is for the service lead: set this
            device up in <Link to="/settings">Settings, Lead a team</Link>.
          </p>
        )}
      </div>
    );
  }

  const { lead } = leadState;
  const coachFilter = (
    <SelectField
      label="Coach"
      name="coach"
      value={chosen ?? ''}
      placeholder="All coaches"
      options={coaches.map((c) => ({ value: c, label: c }))}
      onChange={(value) => setCoach(value || null)}
    />
  );

  return (
    <div className="team-report">
      <PageHeader title="Team report" />
      <p>
        Every caseload of the team <code>{lead.teamDatabase}</code> that this device holds the key
        for, opened on this device. The team server only holds them encrypted.
      </p>
      <div className="team-report__refresh">
        <button
          type="button"
          className="button"
          aria-disabled={progress !== null}
          onClick={() => void refresh()}
        >
          Get the newest from the service
        </button>
        <p role="status" className="team-report__status">
          {progress ??
            (finished
              ? finished.allFresh
                ? `Got the newest from the service at ${formatInstantTime(finished.at)}.`
                : `Tried the service at ${formatInstantTime(finished.at)}: not every caseload could be got (see below).`
              : '')}
        </p>
      </div>
      {moved && (
        <p ref={movedRef} tabIndex={-1} role="status">
          {moved}
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
      {data && <TeamReportNotes data={data} forwarding={forwarding} />}
      {data &&
        renderReport({
          records,
          coachFilter,
          scope: chosen ?? 'All coaches',
        })}
      {data && (
        <>
          <section aria-labelledby="team-report-coaches">
            <h2 id="team-report-coaches">Coaches</h2>
            <CoachSizesTable rows={sizes} />
          </section>
          <section aria-labelledby="team-report-cases">
            <h2 id="team-report-cases">Case lists</h2>
            <p>
              Names and the shape of each case only. To see a young person’s goals and ratings,
              choose “Open records”: this device logs that you opened them.
            </p>
            {openProblem && <p role="alert">{openProblem}</p>}
            {inScope.map((caseload) => (
              <CaseList
                key={caseload.caseloadId}
                caption={captionOf(caseload, caseloads)}
                rows={caseRows(caseload)}
                onOpen={setAsking}
                caseActions={caseActions ?? moveAction}
              />
            ))}
          </section>
          <div ref={recordsHeading}>
            {shown && (
              <CaseRecords
                name={shown.row.name}
                goals={shownGoals}
                onClose={() => setShown(null)}
              />
            )}
          </div>
        </>
      )}
      <section aria-labelledby="team-report-opened">
        <h2 id="team-report-opened">Records you opened</h2>
        <OpenedRecordsList entries={lead.openedRecords} nameOf={(id) => names.get(id)} />
      </section>
      {asking && (
        <ConfirmDialog
          title={`Open the records of ${asking.name}?`}
          confirmLabel="Open records"
          onConfirm={() => void open(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>
            You will see their goals and every rating. This device logs that you opened them, and
            when, under “Records you opened”.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
