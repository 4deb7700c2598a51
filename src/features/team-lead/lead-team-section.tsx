import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { forgetTeamLead, readTeamLead, type TeamLead } from '../../db/repositories/team-lead';
import type { AcceptOutcome, CaseloadListing, Removal } from '../../team/directory';
import { displayFingerprint } from '../../team/keys/identity';
import { CoachList } from './coach-list';
import { InviteCoachForm } from './invite-coach-form';
import { SaveLeadKeys, TakeOverForm } from './lead-transfer-forms';
import {
  checkForAnswers,
  inviteOne,
  openLead,
  refuseDevice,
  removeFromTeam,
  teamDirectory,
  teamOf,
  type LeadDirectory,
} from './lead-actions';
import { PendingInvitations } from './pending-invitations';
import { SetUpLeadForm } from './set-up-lead-form';
import './team-lead.css';

const defaultNow = () => new Date();

const REFUSED =
  'You refused this device: nothing was shared with it, and the invitation is closed because someone else used its code. Make a new invitation and give the code to the coach in person.';

type Loaded =
  | { phase: 'loading' }
  | { phase: 'none' }
  | { phase: 'lead'; lead: TeamLead }
  | { phase: 'failed'; message: string; locked: boolean };

type Listing =
  | { phase: 'loading' }
  | { phase: 'listed'; caseloads: CaseloadListing[]; refused: string[] }
  | { phase: 'failed'; message: string };

function Leading({
  lead,
  directory,
  now,
  onChange,
  onStop,
  reportLink,
}: {
  reportLink?: ReactNode;
  lead: TeamLead;
  directory: LeadDirectory;
  now: () => Date;
  onChange: (lead: TeamLead) => void;
  onStop: () => void;
}) {
  const [listing, setListing] = useState<Listing>({ phase: 'loading' });
  const [outcomes, setOutcomes] = useState<AcceptOutcome[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fingerprint = displayFingerprint(lead.identity.fingerprint);

  const refresh = useCallback(async () => {
    // A list shown stays while it is asked for again (what was just said about it stays too).
    setListing((current) => (current.phase === 'listed' ? current : { phase: 'loading' }));
    try {
      // The lists this device keeps now (a check may have kept newer ones since `lead` was
      // read): an older or missing one on the server is refused.
      const opened = await openLead((await readTeamLead()) ?? lead);
      const listed = await directory.listCaseloads(teamOf(lead), opened.identity, opened.held);
      setListing(
        listed.ok
          ? { phase: 'listed', ...listed.value }
          : { phase: 'failed', message: listed.problem.message },
      );
    } catch {
      setListing({
        phase: 'failed',
        message: 'This device’s keys for the team could not be opened.',
      });
    }
    // Listed again when the lead's own details change (server, account), not on every save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [directory, lead.server, lead.teamDatabase, lead.userName, lead.password]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const invite = async (details: { coachName: string; caseloadDatabase: string }) => {
    const made = await inviteOne(await openLead(lead), details, directory, now());
    if (!made.ok) return made;
    onChange(made.value.lead);
    void refresh();
    return {
      ok: true as const,
      value: {
        code: made.value.code,
        expiresAt: made.value.expiresAt,
        coachName: details.coachName,
      },
    };
  };

  // A second click in the same frame (before `checking` is rendered) does not check twice.
  const checkingNow = useRef(false);
  const check = async () => {
    if (checkingNow.current) return;
    checkingNow.current = true;
    setChecking(true);
    setProblem(null);
    try {
      const result = await checkForAnswers(await openLead(lead), directory, now());
      setOutcomes(result.outcomes);
      if (result.lead) onChange(result.lead);
      if (result.outcomes.some((o) => o.state === 'accepted')) void refresh();
    } catch {
      setProblem('The answers could not be checked. Please try again.');
    } finally {
      checkingNow.current = false;
      setChecking(false);
    }
  };

  /** Puts `next` in place of the outcome for the same invitation. */
  const replaceOutcome = (inviteId: string, next: AcceptOutcome) =>
    setOutcomes((current) => current?.map((o) => (o.inviteId === inviteId ? next : o)) ?? null);

  /** Runs one action on an answered device at a time, as `check` does. */
  const onDevice = async (action: () => Promise<void>) => {
    if (checkingNow.current) return;
    checkingNow.current = true;
    setChecking(true);
    setProblem(null);
    try {
      await action();
    } catch {
      setProblem('This could not be done. Please try again.');
    } finally {
      checkingNow.current = false;
      setChecking(false);
    }
  };

  const accept = (answered: AcceptOutcome) =>
    onDevice(async () => {
      if (answered.state !== 'answered') return;
      const result = await checkForAnswers(await openLead(lead), directory, now(), {
        confirmed: { [answered.inviteId]: answered.coachFingerprint },
        only: [answered.inviteId],
      });
      const [outcome] = result.outcomes;
      if (outcome) replaceOutcome(answered.inviteId, outcome);
      if (result.lead) onChange(result.lead);
      if (outcome?.state === 'accepted') void refresh();
    });

  const refuse = (answered: AcceptOutcome) =>
    onDevice(async () => {
      const result = await refuseDevice(await openLead(lead), directory, answered.inviteId, now());
      if (!result.ok) {
        setProblem(result.message);
        return;
      }
      replaceOutcome(answered.inviteId, {
        inviteId: answered.inviteId,
        coachName: answered.coachName,
        caseloadDatabase: answered.caseloadDatabase,
        state: 'refused',
        reason: 'changed-on-the-way',
        message: REFUSED,
      });
      if (result.value) onChange(result.value);
    });

  const remove = async (removal: Removal) => {
    const result = await removeFromTeam(
      await openLead((await readTeamLead()) ?? lead),
      removal,
      directory,
      now(),
    );
    if (!result.ok) return result;
    if (result.value) onChange(result.value);
    void refresh();
    return { ok: true as const };
  };

  return (
    <>
      <p>
        This device leads the team <code>{lead.teamDatabase}</code> as{' '}
        <strong>{lead.userName}</strong>. Its fingerprint, for coaches to compare:{' '}
        <strong className="team-lead__fingerprint">{fingerprint}</strong>
      </p>
      {reportLink && (
        <p>
          {reportLink}: the service report over every caseload, with a filter by coach, the coaches’
          caseload sizes and their case lists.
        </p>
      )}
      <h3>Coaches and caseloads</h3>
      {listing.phase === 'loading' && <p>Asking the team server…</p>}
      {listing.phase === 'failed' && <p role="alert">{listing.message}</p>}
      {listing.phase === 'listed' && (
        <CoachList caseloads={listing.caseloads} refused={listing.refused} onRemove={remove} />
      )}
      <InviteCoachForm leadFingerprint={fingerprint} onInvite={invite} />
      <PendingInvitations
        pending={lead.pending}
        outcomes={outcomes}
        busy={checking}
        onCheck={() => void check()}
        onAccept={(o) => void accept(o)}
        onRefuse={(o) => void refuse(o)}
      />
      {problem && <p role="alert">{problem}</p>}
      <h3>Lead from a new device</h3>
      <SaveLeadKeys now={now} />
      <h3>Stop leading</h3>
      <StopLeading onStop={onStop} />
    </>
  );
}

/** "Stop leading a team on this device", confirmed first: it cannot be undone from here. */
function StopLeading({ onStop }: { onStop: () => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => setConfirming(true)}
      >
        Stop leading a team on this device
      </button>
      {confirming && (
        <ConfirmDialog
          title="Stop leading the team on this device?"
          confirmLabel="Stop leading"
          danger
          onConfirm={() => {
            setConfirming(false);
            onStop();
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            This device forgets the team’s details, its keys for the team’s caseloads and the
            invitations waiting for an answer. Nothing on the team server changes, and the coaches
            keep working. But this device can no longer invite coaches or accept their devices for
            those caseloads, and invitations not yet accepted cannot be accepted at all.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/**
 * Settings > Lead a team. Not set up: what it is, and the form that makes this device the
 * team's lead. Set up: the coach list, "Invite a coach", the invitations waiting and "Check
 * for answers", and "Stop leading a team on this device". The team directory's functions and
 * the clock can be given (tests).
 */
export function LeadTeamSection({
  now = defaultNow,
  directory = teamDirectory,
  reportLink,
}: {
  now?: () => Date;
  directory?: LeadDirectory;
  /** The link to the team report (a router link, given by src/app). */
  reportLink?: ReactNode;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [stopProblem, setStopProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    readTeamLead().then(
      (lead) => {
        if (live) setLoaded(lead ? { phase: 'lead', lead } : { phase: 'none' });
      },
      (error: unknown) => {
        if (!live) return;
        const locked = error instanceof Error && /locked/i.test(error.message);
        setLoaded({
          phase: 'failed',
          locked,
          message: locked
            ? 'The app is locked: unlock it to see the team.'
            : error instanceof Error
              ? error.message
              : 'The team details on this device could not be read.',
        });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const stop = async () => {
    setStopProblem(null);
    try {
      await forgetTeamLead();
      setLoaded({ phase: 'none' });
    } catch {
      setStopProblem('This device could not stop leading the team. Please try again.');
    }
  };

  return (
    <section className="settings__section" aria-labelledby="lead-team-heading">
      <h2 id="lead-team-heading">Lead a team</h2>
      {loaded.phase === 'loading' && <p>Loading…</p>}
      {loaded.phase === 'failed' && (
        <>
          <p role="alert">{loaded.message}</p>
          {/* Locked, the lead's details are fine and only wait for the passphrase. */}
          {!loaded.locked && <StopLeading onStop={() => void stop()} />}
        </>
      )}
      {loaded.phase === 'none' && (
        <>
          <p>
            For the service lead. Set this device up to lead your team on the service’s team server:
            you invite each coach’s device to their caseload and see who holds which caseload. The
            caseload keys stay on the devices; the server never sees them unwrapped.
          </p>
          <SetUpLeadForm
            directory={directory}
            now={now}
            onDone={(lead) => setLoaded({ phase: 'lead', lead })}
          />
          <TakeOverForm now={now} onDone={(lead) => setLoaded({ phase: 'lead', lead })} />
        </>
      )}
      {loaded.phase === 'lead' && (
        <Leading
          lead={loaded.lead}
          directory={directory}
          now={now}
          onChange={(lead) => setLoaded({ phase: 'lead', lead })}
          onStop={() => void stop()}
          reportLink={reportLink}
        />
      )}
      {stopProblem && <p role="alert">{stopProblem}</p>}
    </section>
  );
}
