/**
 * Moving a case to another coach from the lead's device (issue 14): opens the lead's state
 * (its caseload keys), brings both caseloads' local copies up to date with the server, moves
 * the case in them (src/team/lead/move-case.ts), keeps the move in the lead's sealed state,
 * and sends both copies to the server, the new coach's first.
 *
 * `forwardMoves` is what each refresh of the team runs: anything of a moved young person the
 * old coach's device sent after the move (work done offline) goes on to the new coach.
 */
import type { Database } from 'pouchdb-browser';
import { readTeamLead, updateTeamLead, type TeamLead } from '../../db/repositories/team-lead';
import { toInstant } from '../../lib/instant';
import type { CaseloadKey } from '../../team/keys/caseload-key';
import {
  openLocalCopy,
  openServerCopy,
  pullOnce,
  replicateOnce,
} from '../../team/lead/caseload-records';
import {
  forwardMovedCases,
  forwardPaths,
  moveCase,
  type CaseloadSide,
  type ForwardOutcome,
  type ForwardPath,
  type TableCounts,
} from '../../team/lead/move-case';
import { openLead, type Outcome } from './lead-actions';
import { withLeadCopies } from './lead-copies-lock';
import { refreshProblem } from './team-report-data';

/** What the form asks for. */
export interface MoveCaseRequest {
  youngPersonId: string;
  fromCaseload: string;
  toCaseload: string;
}

/** A moved case: how many records of each kind went, and whether the server has them yet. */
export interface MovedCase {
  moved: TableCounts;
  /** False when the team server could not be reached after the move (sent at the next refresh). */
  sent: boolean;
}

const UNREACHABLE =
  'The team server could not be reached, or refused this device. Check the connection and try again.';

/** The caseload's address on the team server, absolute (PouchDB reads a bare path as local). */
export function caseloadUrl(server: string, caseloadDatabase: string): string {
  const path = `${server}/${caseloadDatabase}`;
  if (/^https?:\/\//.test(path)) return path;
  return new URL(path, globalThis.location.href).href;
}

interface OpenCaseload {
  side: CaseloadSide;
  remote: Database;
}

function openCaseload(lead: TeamLead, keys: readonly CaseloadKey[], caseloadId: string) {
  return {
    side: {
      local: openLocalCopy(caseloadId),
      caseloadId,
      keys: keys.filter((k) => k.caseloadId === caseloadId),
    },
    remote: openServerCopy({
      remoteUrl: caseloadUrl(lead.server, caseloadId),
      credentials: { name: lead.userName, password: lead.password },
    }),
  } satisfies OpenCaseload;
}

async function closeAll(open: readonly OpenCaseload[]) {
  for (const c of open) {
    await Promise.allSettled([c.side.local.close(), c.remote.close()]);
  }
}

/** Replicates each copy in turn; false at the first that fails. */
async function replicateAll(open: readonly OpenCaseload[]): Promise<boolean> {
  for (const c of open) {
    try {
      await replicateOnce(c.side.local, c.remote);
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Moves the case. Nothing is moved when the lead's state is missing, a key is not here, the
 * server cannot be reached before the move, or the young person is not in the caseload. Once
 * moved on this device (both copies written, the move kept), a server that goes away meanwhile
 * gives `sent: false`: the copies go at the next refresh.
 */
export function moveCaseAction(request: MoveCaseRequest, now: Date): Promise<Outcome<MovedCase>> {
  return withLeadCopies(() => moveNow(request, now));
}

async function moveNow(request: MoveCaseRequest, now: Date): Promise<Outcome<MovedCase>> {
  const stored = await readTeamLead();
  if (!stored) return { ok: false, message: 'This device does not lead a team.' };
  const { keys } = await openLead(stored);
  const from = openCaseload(stored, keys, request.fromCaseload);
  const to = openCaseload(stored, keys, request.toCaseload);
  try {
    if (!(await replicateAll([from, to]))) return { ok: false, message: UNREACHABLE };
    // The move is kept before anything is written: a move cut short here (the app locked,
    // the tab closed) is finished by the next refresh, whose forwarding takes every live
    // record of a moved young person from the old caseload to the new one and sends both.
    const recorded = {
      youngPersonId: request.youngPersonId,
      fromCaseload: request.fromCaseload,
      toCaseload: request.toCaseload,
      movedAt: toInstant(now),
    };
    const isThisMove = (m: typeof recorded) =>
      m.youngPersonId === recorded.youngPersonId &&
      m.fromCaseload === recorded.fromCaseload &&
      m.toCaseload === recorded.toCaseload &&
      m.movedAt === recorded.movedAt;
    await updateTeamLead((current) => ({ ...current, moves: [...current.moves, recorded] }), now);
    const result = await moveCase({
      from: from.side,
      to: to.side,
      youngPersonId: request.youngPersonId,
      now,
    });
    if (!result.ok) {
      // Refused before anything was written: the move is not kept.
      await updateTeamLead(
        (current) => ({ ...current, moves: current.moves.filter((m) => !isThisMove(m)) }),
        now,
      );
      return result;
    }
    // The new coach's caseload first: never a moment when neither has the case.
    const sent = await replicateAll([to, from]);
    return { ok: true, value: { moved: result.moved, sent } };
  } finally {
    await closeAll([from, to]);
  }
}

/**
 * A caseload forwarding could not work with at this refresh (it is tried again at the next):
 * `from`, work sent late to it after a case moved away stays there for now; `to`, work for a
 * case it holds now could not be sent to it.
 */
export interface ForwardProblem {
  caseloadId: string;
  role: 'from' | 'to';
  /** Why, in a sentence for the lead. */
  problem: string;
}

/** What a refresh's forwarding did, and what it could not do. */
export interface Forwarded {
  outcomes: ForwardOutcome[];
  problems: ForwardProblem[];
}

const NO_KEY = 'This device does not hold the key for this caseload (set up from another device).';

/**
 * For each refresh of the team: replicates the caseloads that moves name, forwards what the
 * old coaches' devices sent after a move (`forwardMovedCases`), and sends the changed
 * caseloads (new coaches' first). A caseload that cannot be reached, refuses the lead, or
 * whose key this device does not hold stops only the forwarding that needs it: the rest goes
 * on, and each such caseload is returned in `problems` (tried again at the next refresh).
 */
export function forwardMoves(now: Date): Promise<Outcome<Forwarded>> {
  return withLeadCopies(() => forwardNow(now));
}

async function forwardNow(now: Date): Promise<Outcome<Forwarded>> {
  const stored = await readTeamLead();
  if (!stored) return { ok: false, message: 'This device does not lead a team.' };
  if (stored.moves.length === 0) return { ok: true, value: { outcomes: [], problems: [] } };
  const { keys } = await openLead(stored);
  const paths = forwardPaths(stored.moves);
  const holders = new Set(paths.map((p) => p.toCaseload));
  const problems = new Map<string, string>();
  // The caseloads that hold a case now first: a caseload only left by cases is not sent its
  // changes (the deletions of work forwarded before) while one it sent work to is out of reach.
  const named = [
    ...new Set([...paths.map((p) => p.toCaseload), ...paths.map((p) => p.fromCaseload)]),
  ];
  const open: OpenCaseload[] = [];
  for (const id of named) {
    if (keys.some((k) => k.caseloadId === id)) open.push(openCaseload(stored, keys, id));
    else problems.set(id, NO_KEY);
  }
  const sentTo = (id: string) =>
    paths.filter((p) => p.fromCaseload === id).map((p) => p.toCaseload);
  const waiting = (id: string) => !holders.has(id) && sentTo(id).some((to) => problems.has(to));
  try {
    const reachable: OpenCaseload[] = [];
    for (const c of open) {
      try {
        if (waiting(c.side.caseloadId)) await pullOnce(c.side.local, c.remote);
        else await replicateOnce(c.side.local, c.remote);
        reachable.push(c);
      } catch (error) {
        problems.set(c.side.caseloadId, refreshProblem(error));
      }
    }
    const { outcomes, changed, failed } = await forwardMovedCases(
      stored.moves,
      reachable.map((c) => c.side),
      now,
    );
    const notForwarded: ForwardProblem[] = failed.map((f) => ({
      caseloadId: f.path.fromCaseload,
      role: 'from',
      problem: f.message,
    }));
    for (const id of changed) {
      const c = reachable.find((r) => r.side.caseloadId === id);
      if (!c || waiting(id)) continue;
      try {
        await replicateOnce(c.side.local, c.remote);
      } catch (error) {
        problems.set(id, refreshProblem(error));
      }
    }
    return {
      ok: true,
      value: { outcomes, problems: [...notForwarded, ...problemsOf(paths, problems)] },
    };
  } finally {
    await closeAll(open);
  }
}

/** Each caseload with a problem, as the paths through it name it (old caseload, holder). */
function problemsOf(paths: readonly ForwardPath[], problems: ReadonlyMap<string, string>) {
  const found: ForwardProblem[] = [];
  for (const [caseloadId, problem] of problems) {
    if (paths.some((p) => p.fromCaseload === caseloadId)) {
      found.push({ caseloadId, role: 'from', problem });
    }
    if (paths.some((p) => p.toCaseload === caseloadId)) {
      found.push({ caseloadId, role: 'to', problem });
    }
  }
  return found;
}
