/**
 * Taking devices (a lost tablet) or a coach off a caseload, with a new caseload key (issue 14,
 * "Removing a coach ends their access to the caseloads they held from then on"):
 *
 * 1. a new random key, version n + 1 (the caller keeps it on the lead's device first, so a try
 *    cut short is finished with the same key);
 * 2. that key wrapped for every device that stays (the lead's too), each with the public keys
 *    it told the team database (`device-<fingerprint>`), taken only when they hash to the
 *    fingerprint the lead's signed list names (the server cannot slip in a key of its own);
 * 3. the caseload's list signed again: a new version without the removed devices, committing
 *    to key n + 1 (and without the removed coaches' user names);
 * 4. the removed devices' wrapped keys deleted from the team database (tidying only: what a
 *    device already took, it keeps).
 *
 * The devices that stay pick the new list and key up at their next check (./coach.ts,
 * `checkCaseload`), then seal everything under key n + 1, with new document ids
 * (../sync/document-ids.ts), and retire the documents written under key n. A removed device
 * finds itself off the list and stops syncing. It keeps what it had: every end-to-end
 * encrypted system admits as much (docs/security.md).
 */
import { problem, type TeamResult } from '../couch-http';
import { wrapCaseloadKey, type CaseloadKey } from '../keys/caseload-key';
import {
  displayFingerprint,
  fingerprintOf,
  parsePublicKeys,
  type DeviceIdentity,
  type PublicKeys,
} from '../keys/identity';
import type { VerifiedMembership } from '../keys/membership';
import { deviceDocumentSchema, deviceId, keyDocumentSchema, keyId, keyPrefix } from './documents';
import { publishMembership } from './lead';
import { readMembership } from './membership-document';
import {
  deleteDocument,
  listDocuments,
  readDocument,
  writeDocument,
  type TeamDirectory,
} from './store';

/**
 * Tells the team database this device's public keys (once: a document already holding them is
 * left alone), so that the lead can wrap a new caseload key for it. Nothing secret: the lead
 * takes them only when they hash to the fingerprint on its own signed list.
 */
export async function publishDeviceKeys(
  team: TeamDirectory,
  publicKeys: PublicKeys,
): Promise<TeamResult<null>> {
  const fingerprint = await fingerprintOf(publicKeys);
  const read = await readDocument(team, deviceId(fingerprint));
  if (!read.ok) return read;
  if (read.value !== null) {
    const held = await deviceKeysOf(read.value, fingerprint);
    if (held) return { ok: true, value: null };
  }
  const written = await writeDocument(
    team,
    { _id: deviceId(fingerprint), publicKeys },
    { replace: true },
  );
  return written.ok ? { ok: true, value: null } : written;
}

async function deviceKeysOf(document: unknown, fingerprint: string): Promise<PublicKeys | null> {
  const parsed = deviceDocumentSchema.safeParse(document);
  if (!parsed.success || parsed.data._id !== deviceId(fingerprint)) return null;
  const keys = await parsePublicKeys(parsed.data.publicKeys);
  if (!keys || (await fingerprintOf(keys)) !== fingerprint) return null;
  return keys;
}

/** A device's public keys from the team database, or null (none there, or not its own). */
export async function readDeviceKeys(
  team: TeamDirectory,
  fingerprint: string,
): Promise<TeamResult<PublicKeys | null>> {
  const read = await readDocument(team, deviceId(fingerprint));
  if (!read.ok) return read;
  return {
    ok: true,
    value: read.value === null ? null : await deviceKeysOf(read.value, fingerprint),
  };
}

/** The keys the lead holds for a caseload, every version its list commits to, or null. */
export function keysOfList(
  membership: VerifiedMembership,
  held: readonly CaseloadKey[],
): CaseloadKey[] | null {
  const keys: CaseloadKey[] = [];
  for (const entry of membership.keys) {
    const key = held.find(
      (k) => k.caseloadId === membership.caseloadId && k.keyVersion === entry.keyVersion,
    );
    if (!key || key.commitment !== entry.commitment) return null;
    keys.push(key);
  }
  return keys;
}

/** What to take off a caseload. */
export interface Removal {
  caseloadDatabase: string;
  /** The devices to take off its list, by fingerprint (never the lead's own). */
  devices: readonly string[];
  /** The coaches (user names) who no longer hold it (none when only a device goes). */
  coaches?: readonly string[];
}

const NOTHING_CHANGED = 'Nothing was changed.';

/**
 * Takes `removal.devices` (and `removal.coaches`) off the caseload's list, with `newKey` as its
 * key from now on (version n + 1 of the newest the list names). `caseloadKeys` are the lead's
 * keys (every version is needed to sign the new list); `held` the newest list the lead's
 * device kept (an older one on the server is refused). Returns the new list, to keep.
 *
 * When a device that stays has not told the team database its public keys yet (a device that
 * joined before devices did, and has not synced since), nothing is changed and the problem
 * says which: it tells them at its next sync, or the lead removes it too.
 */
export async function removeFromCaseload(
  team: TeamDirectory,
  lead: DeviceIdentity,
  removal: Removal,
  caseloadKeys: readonly CaseloadKey[],
  newKey: CaseloadKey,
  now: Date,
  held: VerifiedMembership | null = null,
): Promise<TeamResult<VerifiedMembership>> {
  const caseload = removal.caseloadDatabase;
  const read = await readMembership(team, lead.fingerprint, caseload, { current: held });
  if (!read.ok) return read;
  const { membership, coaches, rev } = read.value;
  const keys = keysOfList(membership, caseloadKeys);
  if (!keys) {
    return problem(
      'not-allowed',
      `This device does not hold every key of the caseload's list, so it cannot make a new one. ${NOTHING_CHANGED}`,
    );
  }
  const newest = keys[keys.length - 1];
  if (!newest || newKey.caseloadId !== caseload || newKey.keyVersion !== newest.keyVersion + 1) {
    throw new Error("A caseload's new key is the version after its newest.");
  }
  const removed = new Set(removal.devices);
  if (removed.has(lead.fingerprint)) {
    return problem('invalid-name', `The lead's own device cannot be removed. ${NOTHING_CHANGED}`);
  }
  const unknown = [...removed].filter(
    (fingerprint) => !membership.members.some((m) => m.fingerprint === fingerprint),
  );
  if (unknown.length > 0) {
    return problem(
      'not-found',
      `That device is no longer on the caseload's list (removed already?). ${NOTHING_CHANGED}`,
    );
  }
  const staying = membership.members.filter((m) => !removed.has(m.fingerprint));

  // Every device that stays gets the new key before the list names it.
  const recipients: { fingerprint: string; publicKeys: PublicKeys }[] = [];
  for (const member of staying) {
    if (member.fingerprint === lead.fingerprint) {
      recipients.push({ fingerprint: member.fingerprint, publicKeys: lead.publicKeys });
      continue;
    }
    const found = await readDeviceKeys(team, member.fingerprint);
    if (!found.ok) return found;
    if (!found.value) {
      return problem(
        'not-found',
        `The device ${displayFingerprint(member.fingerprint)} of this caseload has not told the team server its keys yet, so it cannot be given the new key. It does so the next time it syncs: ask its coach to open the app on it, then try again (or remove that device too). ${NOTHING_CHANGED}`,
      );
    }
    recipients.push({ fingerprint: member.fingerprint, publicKeys: found.value });
  }
  for (const { fingerprint, publicKeys } of recipients) {
    const written = await writeDocument(
      team,
      {
        _id: keyId(fingerprint, caseload, newKey.keyVersion),
        wrapped: await wrapCaseloadKey(newKey, publicKeys),
      },
      { replace: true },
    );
    if (!written.ok) return written;
  }

  const leaving = new Set(removal.coaches ?? []);
  const published = await publishMembership(
    team,
    lead,
    {
      caseload,
      version: membership.version + 1,
      members: staying,
      keys: [...keys, newKey],
      coaches: coaches.filter((name) => !leaving.has(name)),
      now,
    },
    rev,
  );
  if (!published.ok) return published;

  // Tidying: the removed devices' wrapped keys of this caseload (what they took, they keep).
  for (const fingerprint of removed) {
    const listed = await listDocuments(team, keyPrefix(fingerprint));
    if (!listed.ok) continue;
    for (const document of listed.value) {
      const parsed = keyDocumentSchema.safeParse(document);
      if (parsed.success && parsed.data._id.startsWith(`${keyPrefix(fingerprint)}${caseload}-`)) {
        await deleteDocument(team, parsed.data._id, parsed.data._rev);
      }
    }
  }
  return published;
}
