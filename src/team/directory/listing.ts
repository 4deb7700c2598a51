/**
 * The lead's coach list, from the team database: every caseload set up for team working, who
 * holds it (the coaches' user names, signed by the lead) and with which devices (the lead's
 * signed membership list). A list that fails its checks, or is older than the one the lead's
 * device kept, or is missing, is left out and named.
 */
import type { TeamResult } from '../couch-http';
import { displayFingerprint, type DeviceIdentity } from '../keys/identity';
import type { VerifiedMembership } from '../keys/membership';
import type { Member } from '../keys/schemas';
import { MEMBERSHIP_PREFIX } from './documents';
import { readMembership, type CaseloadMembership } from './membership-document';
import { listDocuments, type TeamDirectory } from './store';

/** One caseload as the lead's coach list shows it. */
export interface CaseloadListing {
  caseloadDatabase: string;
  /** The user names of the coaches who hold it (signed by the lead). */
  coaches: string[];
  /** Every device that holds its key: fingerprints, and as people compare them. */
  devices: { fingerprint: string; shownFingerprint: string; role: Member['role'] }[];
  /** The newest key version, and the list's version and date. */
  keyVersion: number;
  listVersion: number;
  issuedAt: string;
}

/**
 * Every caseload set up on the team database, from the lists the lead signed: who holds it,
 * with which devices. A list that fails its signature is left out and counted in `refused`,
 * with its caseload's name. `current` are the lists the lead's device kept: a caseload whose
 * list on the server is older than the kept one (rollback), or missing, is refused too.
 */
export async function listCaseloads(
  team: TeamDirectory,
  lead: DeviceIdentity,
  current: readonly VerifiedMembership[] = [],
): Promise<TeamResult<{ caseloads: CaseloadListing[]; refused: string[] }>> {
  const listed = await listDocuments(team, MEMBERSHIP_PREFIX);
  if (!listed.ok) return listed;
  const caseloads: CaseloadListing[] = [];
  const refused: string[] = [];
  for (const document of listed.value) {
    const id = (document as { _id?: unknown })._id;
    const caseload = typeof id === 'string' ? id.slice(MEMBERSHIP_PREFIX.length) : '';
    const read = await readMembership(team, lead.fingerprint, caseload, {
      document,
      current: current.find((held) => held.caseloadId === caseload) ?? null,
    });
    if (!read.ok) {
      refused.push(caseload);
      continue;
    }
    caseloads.push(listingOf(read.value));
  }
  const seen = new Set([...caseloads.map((c) => c.caseloadDatabase), ...refused]);
  for (const held of current) {
    if (!seen.has(held.caseloadId)) refused.push(held.caseloadId);
  }
  caseloads.sort((a, b) => a.caseloadDatabase.localeCompare(b.caseloadDatabase));
  refused.sort();
  return { ok: true, value: { caseloads, refused } };
}

function listingOf({ membership, coaches }: CaseloadMembership): CaseloadListing {
  return {
    caseloadDatabase: membership.caseloadId,
    coaches,
    devices: membership.members.map(({ fingerprint, role }) => ({
      fingerprint,
      shownFingerprint: displayFingerprint(fingerprint),
      role,
    })),
    keyVersion: membership.keys.length,
    listVersion: membership.version,
    issuedAt: membership.issuedAt,
  };
}
