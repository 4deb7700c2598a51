/**
 * What the lead's team report reads (issue 14), apart from how it looks: the lead's state
 * opened (its caseload keys), the caseloads listed with their coaches from the team database,
 * and each caseload this device holds the key for brought up to date from the server (a
 * one-off replication into the device's copy, which holds ciphertext only) and opened in
 * memory. Caseloads are read one after another, never all at once.
 *
 * When the server cannot be reached or refuses, the copy on this device is read all the same,
 * and the report says how old it is: the time of each caseload's last good refresh is kept in
 * the lead's sealed state, with its coaches (so the report still names them offline).
 */
import type { Database } from 'pouchdb-browser';
import { noteCaseloadCopy, type TeamLead } from '../../db/repositories/team-lead';
import type { FullBackupRecords } from '../../domain/backup-format';
import {
  openLocalCopy,
  openServerCopy,
  readCaseload,
  pullOnce,
  type CaseloadServer,
} from '../../team/lead/caseload-records';
import { openLead, teamDirectory, teamOf, type LeadDirectory } from './lead-actions';

/** Where the copies are: the device's own and the server's (tests give their own). */
export interface LeadCopies {
  openLocal(caseloadId: string): Database;
  openServer(server: CaseloadServer): Database;
}

export const leadCopies: LeadCopies = {
  openLocal: (caseloadId) => openLocalCopy(caseloadId),
  openServer: openServerCopy,
};

/** How new a caseload's records are: just got from the server, or this device's last copy. */
export type Freshness =
  { state: 'fresh'; at: string } | { state: 'stale'; at: string | null; problem: string };

/** One caseload of the team report. */
export type ReportCaseload =
  | { caseloadId: string; coaches: string[]; held: false }
  | {
      caseloadId: string;
      coaches: string[];
      held: true;
      records: FullBackupRecords;
      damaged: number;
      freshness: Freshness;
    };

export interface TeamReportData {
  caseloads: ReportCaseload[];
  /** Why the caseloads could not be listed from the server (then the kept list is used). */
  listProblem: string | null;
  /** Caseloads whose list on the server failed its check (left out). */
  refused: string[];
  /** The lead's state as saved after the refresh. */
  lead: TeamLead;
}

/** Progress: caseload `index` (from 1) of `total` is being got. */
export type Progress = (index: number, total: number) => void;

/** A caseload database's address, made absolute against the app's page ("/couchdb/…"). */
export function caseloadAddress(server: string, caseloadId: string): string {
  const path = `${server}/${caseloadId}`;
  if (/^https?:\/\//.test(path)) return path;
  // PouchDB takes a name without a scheme for a database on the device.
  return new URL(path, globalThis.location.href).href;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Why a caseload could not be got from the server, in plain words. Asked only once the same
 * account has listed the team, so a refusal is about this caseload: CouchDB answers 403 to a
 * signed-in user who is not a member, pouchdb-server 401.
 */
export function refreshProblem(error: unknown): string {
  const status = statusOf(error);
  if (status === 401 || status === 403) {
    return 'The team server would not let your account read this caseload. Ask your service’s IT team to check that you are one of its members.';
  }
  if (status === 404) return 'This caseload is not on the team server.';
  return 'The team server could not be reached.';
}

/**
 * Reads the team report's caseloads: listed from the server (or, when it cannot be reached,
 * from what this device kept), and each held one refreshed and opened in turn. Throws a
 * LockedError when the app is locked, or when the lead's keys do not open.
 */
export async function loadTeamReport(
  lead: TeamLead,
  options: {
    now: () => Date;
    directory?: Pick<LeadDirectory, 'listCaseloads'>;
    copies?: LeadCopies;
    onProgress?: Progress;
  },
): Promise<TeamReportData> {
  const { now, directory = teamDirectory, copies = leadCopies, onProgress } = options;
  const opened = await openLead(lead);
  const listed = await directory.listCaseloads(teamOf(lead), opened.identity);
  const kept = new Map(lead.caseloadCopies.map((c) => [c.caseloadId, c]));
  const held = new Set(opened.keys.map((k) => k.caseloadId));
  let listing: { caseloadId: string; coaches: string[] }[];
  if (listed.ok) {
    listing = listed.value.caseloads.map((c) => ({
      caseloadId: c.caseloadDatabase,
      coaches: [...c.coaches],
    }));
  } else {
    const ids = [...new Set([...kept.keys(), ...held])].sort();
    listing = ids.map((caseloadId) => ({
      caseloadId,
      coaches: kept.get(caseloadId)?.coaches ?? [],
    }));
  }
  const listProblem = listed.ok ? null : listed.problem.message;
  const total = listing.filter((c) => held.has(c.caseloadId)).length;
  let latest = lead;
  let index = 0;
  const caseloads: ReportCaseload[] = [];
  for (const { caseloadId, coaches } of listing) {
    if (!held.has(caseloadId)) {
      caseloads.push({ caseloadId, coaches, held: false });
      continue;
    }
    index += 1;
    onProgress?.(index, total);
    const local = copies.openLocal(caseloadId);
    let freshness: Freshness;
    try {
      if (listProblem === null) {
        const remote = copies.openServer({
          remoteUrl: caseloadAddress(lead.server, caseloadId),
          credentials: { name: lead.userName, password: lead.password },
        });
        try {
          // Pull only: what this device wrote (a move) goes with the moves' own replication.
          await pullOnce(local, remote);
          freshness = { state: 'fresh', at: now().toISOString() };
        } catch (error) {
          freshness = {
            state: 'stale',
            at: kept.get(caseloadId)?.refreshedAt ?? null,
            problem: refreshProblem(error),
          };
        } finally {
          await remote.close().catch(() => undefined);
        }
        const saved = await noteCaseloadCopy(
          {
            caseloadId,
            coaches,
            ...(freshness.state === 'fresh' ? { refreshedAt: freshness.at } : {}),
          },
          now(),
        );
        if (saved) latest = saved;
      } else {
        freshness = {
          state: 'stale',
          at: kept.get(caseloadId)?.refreshedAt ?? null,
          problem: listProblem,
        };
      }
      const read = await readCaseload(local, caseloadId, opened.keys);
      caseloads.push({
        caseloadId,
        coaches,
        held: true,
        records: read.records,
        damaged: read.damaged,
        freshness,
      });
    } finally {
      await local.close().catch(() => undefined);
    }
  }
  return {
    caseloads,
    listProblem,
    refused: listed.ok ? listed.value.refused : [],
    lead: latest,
  };
}
