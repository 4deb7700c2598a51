/**
 * The lead's side of joining, through the team database (./documents.ts):
 *
 * 1. setUpCaseload: a caseload's first key, wrapped for the lead's own device, and its first
 *    membership list (the lead alone), signed;
 * 2. inviteCoach: an invitation for one coach's device to one caseload; the offer goes to the
 *    server, the code to the coach by hand, the pending invitation stays on the lead's device;
 * 3. the answers checked and accepted: ./accept.ts.
 *
 * (./listing.ts lists who holds which caseload, for the lead's coach list.)
 */
import { problem, type TeamResult } from '../couch-http';
import {
  createCaseloadKey,
  unwrapOwnCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../keys/caseload-key';
import { subtle } from '../keys/encoding';
import type { DeviceIdentity } from '../keys/identity';
import { createInvitation } from '../keys/invitation';
import { signMembership, verifyMembership } from '../keys/membership';
import type { Member } from '../keys/schemas';
import { toBase64 } from '../../lib/crypto';
import {
  caseloadDatabaseSchema,
  holdersBytes,
  keyDocumentSchema,
  keyId,
  membershipId,
  offerId,
  pendingInvitationSchema,
  type PendingInvitation,
} from './documents';
import { readDocument, writeDocument, type TeamDirectory } from './store';

export type { PendingInvitation } from './documents';

const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

async function signHolders(
  lead: DeviceIdentity,
  caseload: string,
  listVersion: number,
  coaches: readonly string[],
) {
  const signature = await subtle().sign(
    ECDSA_SHA256,
    lead.signingKey,
    holdersBytes(caseload, listVersion, coaches),
  );
  return toBase64(new Uint8Array(signature));
}

/** Writes a caseload's list, signed, with its holders: new (no `rev`) or replacing `rev`. */
export async function publishMembership(
  team: TeamDirectory,
  lead: DeviceIdentity,
  draft: {
    caseload: string;
    version: number;
    members: readonly Member[];
    keys: readonly CaseloadKey[];
    coaches: readonly string[];
    now: Date;
  },
  rev?: string,
) {
  const signed = await signMembership(lead, {
    caseloadId: draft.caseload,
    version: draft.version,
    members: draft.members,
    keys: draft.keys,
    issuedAt: draft.now.toISOString(),
  });
  const coaches = [...new Set(draft.coaches)].sort();
  const written = await writeDocument(
    team,
    {
      _id: membershipId(draft.caseload),
      lead: lead.publicKeys,
      coaches,
      coachesSignature: await signHolders(lead, draft.caseload, draft.version, coaches),
      signed,
    },
    rev === undefined ? {} : { rev },
  );
  if (!written.ok) return written;
  // Checked as any device checks it: what the lead keeps as its newest list.
  const verified = await verifyMembership(signed, {
    lead: lead.publicKeys,
    caseloadId: draft.caseload,
  });
  if (!verified.ok) throw new Error('A list the lead just signed does not verify.');
  return { ok: true as const, value: verified.membership };
}

const notACaseload = (database: string) =>
  problem('invalid-name', `"${database}" is not the name of a caseload database.`);

/**
 * Sets a caseload up for team working: its first key (version 1, caseloadId = the caseload
 * database's name), wrapped for the lead's own device, and a membership list naming the lead
 * alone, signed. Returns the key. `key` is the key to set it up with (the lead's device keeps
 * it before calling, so that a try cut short can be finished with the same key); a new one is
 * made when none is given. A caseload already set up is an `already-exists` problem (its key
 * is not replaced).
 *
 * A try cut short may have left this device's key document without a list: it is reused when
 * it holds this same key, and replaced otherwise (no list names it, so nobody holds it; a key
 * someone else put there is never taken).
 */
export async function setUpCaseload(
  team: TeamDirectory,
  lead: DeviceIdentity,
  caseloadDatabase: string,
  now: Date,
  key?: CaseloadKey,
): Promise<TeamResult<CaseloadKey>> {
  if (!caseloadDatabaseSchema.safeParse(caseloadDatabase).success) {
    return notACaseload(caseloadDatabase);
  }
  if (key && (key.caseloadId !== caseloadDatabase || key.keyVersion !== 1)) {
    throw new Error('A caseload is set up with its own first key.');
  }
  const existing = await readDocument(team, membershipId(caseloadDatabase));
  if (!existing.ok) return existing;
  if (existing.value !== null) {
    return problem(
      'already-exists',
      'This caseload is already set up for team working: its key was kept.',
    );
  }
  const first = key ?? (await createCaseloadKey(caseloadDatabase, 1));
  const id = keyId(lead.fingerprint, caseloadDatabase, 1);
  const left = await readDocument(team, id);
  if (!left.ok) return left;
  if (!(await holdsKey(left.value, lead, first))) {
    const keyWritten = await writeDocument(
      team,
      { _id: id, wrapped: await wrapCaseloadKey(first, lead.publicKeys) },
      left.value === null ? {} : { replace: true },
    );
    if (!keyWritten.ok) return keyWritten;
  }
  const listed = await publishMembership(team, lead, {
    caseload: caseloadDatabase,
    version: 1,
    members: [{ fingerprint: lead.fingerprint, role: 'lead' }],
    keys: [first],
    coaches: [],
    now,
  });
  if (!listed.ok) return listed;
  return { ok: true, value: first };
}

/** True when a key document read from the server holds `key`, wrapped for `lead`. */
async function holdsKey(document: unknown, lead: DeviceIdentity, key: CaseloadKey) {
  const parsed = keyDocumentSchema.safeParse(document);
  if (!parsed.success) return false;
  const opened = await unwrapOwnCaseloadKey(parsed.data.wrapped, lead);
  return (
    opened.ok &&
    opened.key.caseloadId === key.caseloadId &&
    opened.key.keyVersion === key.keyVersion &&
    opened.key.commitment === key.commitment
  );
}

/**
 * An invitation for one device of `coachName` to join `caseloadDatabase` (set up first). The
 * offer goes to the team database; `code` is for the lead to give the coach by hand (never
 * through the server); `pending` is for the lead's device to keep until acceptAnswers has
 * settled it.
 */
export async function inviteCoach(
  team: TeamDirectory,
  lead: DeviceIdentity,
  details: { coachName: string; caseloadDatabase: string },
  now: Date,
  validForMs?: number,
): Promise<TeamResult<{ code: string; pending: PendingInvitation; expiresAt: string }>> {
  if (!caseloadDatabaseSchema.safeParse(details.caseloadDatabase).success) {
    return notACaseload(details.caseloadDatabase);
  }
  const list = await readDocument(team, membershipId(details.caseloadDatabase));
  if (!list.ok) return list;
  if (list.value === null) {
    return problem(
      'not-found',
      'This caseload is not set up for team working yet: set it up before inviting its coach.',
    );
  }
  const made = await createInvitation(
    lead,
    validForMs === undefined ? { now } : { now, validForMs },
  );
  const pending = pendingInvitationSchema.safeParse({
    format: 'resilience-coaching/pending-team-invitation',
    invitation: made.invitation,
    coachName: details.coachName,
    caseloadDatabase: details.caseloadDatabase,
  });
  if (!pending.success) {
    return problem(
      'invalid-name',
      `"${details.coachName}" is not a coach's user name on the team server.`,
    );
  }
  const written = await writeDocument(team, {
    _id: offerId(made.offer.inviteId),
    offer: made.offer,
  });
  if (!written.ok) return written;
  return {
    ok: true,
    value: { code: made.code, pending: pending.data, expiresAt: made.invitation.expiresAt },
  };
}
