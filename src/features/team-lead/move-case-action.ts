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
import { openLocalCopy, openServerCopy, replicateOnce } from '../../team/lead/caseload-records';
import {
  forwardMovedCases,
  moveCase,
  type CaseloadSide,
  type ForwardOutcome,
  type TableCounts,
} from '../../team/lead/move-case';
import { openLead, type Outcome } from './lead-actions';
import { withLeadCopies } from './lead-copies-lock';

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
 * For each refresh of the team: replicates the caseloads that moves name, forwards what the
 * old coaches' devices sent after a move (`forwardMovedCases`), and sends the changed
 * caseloads (new coaches' first). Returns what was forwarded, or a message.
 */
export function forwardMoves(now: Date): Promise<Outcome<ForwardOutcome[]>> {
  return withLeadCopies(() => forwardNow(now));
}

async function forwardNow(now: Date): Promise<Outcome<ForwardOutcome[]>> {
  const stored = await readTeamLead();
  if (!stored) return { ok: false, message: 'This device does not lead a team.' };
  if (stored.moves.length === 0) return { ok: true, value: [] };
  const { keys } = await openLead(stored);
  const named = new Set(stored.moves.flatMap((m) => [m.fromCaseload, m.toCaseload]));
  const open = [...named]
    .filter((id) => keys.some((k) => k.caseloadId === id))
    .map((id) => openCaseload(stored, keys, id));
  try {
    if (!(await replicateAll(open))) return { ok: false, message: UNREACHABLE };
    const { outcomes, changed } = await forwardMovedCases(
      stored.moves,
      open.map((c) => c.side),
      now,
    );
    const inOrder = changed.flatMap((id) => open.filter((c) => c.side.caseloadId === id));
    if (!(await replicateAll(inOrder))) return { ok: false, message: UNREACHABLE };
    return { ok: true, value: outcomes };
  } finally {
    await closeAll(open);
  }
}
