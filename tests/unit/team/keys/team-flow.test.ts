import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../../src/lib/crypto';
import {
  createCaseloadKey,
  rotateCaseloadKey,
  unwrapCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../../../../src/team/keys/caseload-key';
import { newDocumentId, openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import {
  generateDeviceIdentity,
  openDeviceIdentity,
  type DeviceIdentity,
  type PublicKeys,
} from '../../../../src/team/keys/identity';
import { coachAnswer, createInvitation, leadAccept } from '../../../../src/team/keys/invitation';
import {
  signMembership,
  verifyMembership,
  type VerifiedMembership,
} from '../../../../src/team/keys/membership';

// The whole design in one place, with a "server" that is a plain map of JSON documents: a
// lead and two coaches join, records go up, the server's copy holds no words, a coach is
// removed and the key rotated.

const NOW = new Date('2026-12-07T10:00:00.000Z');
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Lives with nan', 'Talked about school'];

/** What the server holds: every document it was given, as JSON text. */
class Server {
  readonly documents = new Map<string, string>();
  put(path: string, value: unknown) {
    this.documents.set(path, JSON.stringify(value));
  }
  get(path: string): unknown {
    const text = this.documents.get(path);
    return text === undefined ? undefined : JSON.parse(text);
  }
  everything(): string {
    return [...this.documents.values()].join('\n');
  }
}

async function device() {
  const dataKey = randomBytes(32);
  const { stored } = await generateDeviceIdentity(dataKey);
  // As after a reload: the identity comes back from its sealed form.
  return openDeviceIdentity(JSON.parse(JSON.stringify(stored)), dataKey);
}

/** A coach joins: code by hand, offer and answer through the server. */
async function join(server: Server, lead: DeviceIdentity, coach: DeviceIdentity) {
  const { invitation, offer, code } = await createInvitation(lead, { now: NOW });
  server.put(`invitations/${offer.inviteId}/offer`, offer);
  const answered = await coachAnswer(
    { code, offer: server.get(`invitations/${offer.inviteId}/offer`) },
    coach,
    NOW,
  );
  if (!answered.ok) throw new Error(answered.message);
  server.put(`invitations/${offer.inviteId}/answer`, answered.answer);
  const accepted = await leadAccept(
    invitation,
    server.get(`invitations/${offer.inviteId}/answer`),
    NOW,
  );
  if (!accepted.ok) throw new Error(accepted.message);
  return { coachKeys: accepted.coach, leadKeys: answered.lead };
}

async function publish(
  server: Server,
  lead: DeviceIdentity,
  caseloadId: string,
  version: number,
  holders: readonly { fingerprint: string; publicKeys: PublicKeys }[],
  keys: readonly CaseloadKey[],
) {
  const signed = await signMembership(lead, {
    caseloadId,
    version,
    members: [
      { fingerprint: lead.fingerprint, role: 'lead' },
      ...holders.map((h) => ({ fingerprint: h.fingerprint, role: 'coach' as const })),
    ],
    keys,
    issuedAt: NOW.toISOString(),
  });
  server.put(`${caseloadId}/membership`, signed);
  for (const holder of [lead, ...holders]) {
    for (const key of keys) {
      server.put(
        `${caseloadId}/keys/${holder.fingerprint}/${key.keyVersion}`,
        await wrapCaseloadKey(key, holder.publicKeys),
      );
    }
  }
}

/** What a coach's device does: verify the list with the lead's keys, unwrap its keys. */
async function keysFor(
  server: Server,
  me: DeviceIdentity,
  leadKeys: PublicKeys,
  caseloadId: string,
  current: VerifiedMembership | null = null,
) {
  const list = await verifyMembership(server.get(`${caseloadId}/membership`), {
    lead: leadKeys,
    caseloadId,
    current,
  });
  if (!list.ok) throw new Error(list.reason);
  const keys: CaseloadKey[] = [];
  for (const { keyVersion } of list.membership.keys) {
    const wrapped = server.get(`${caseloadId}/keys/${me.fingerprint}/${keyVersion}`);
    if (wrapped === undefined) continue;
    const opened = await unwrapCaseloadKey(wrapped, me, list.membership);
    if (opened.ok) keys.push(opened.key);
  }
  return { keys, membership: list.membership };
}

const note = z.object({ youngPerson: z.string(), text: z.string() });

describe('a team, end to end', () => {
  it('joins, shares a caseload, shows the server nothing, and removes a coach', async () => {
    const server = new Server();
    const lead = await device();
    const coachA = await device();
    const coachB = await device();
    const a = await join(server, lead, coachA);
    const b = await join(server, lead, coachB);
    expect(a.coachKeys).toEqual(coachA.publicKeys);
    expect(a.leadKeys).toEqual(lead.publicKeys);

    // Caseload A is held by coach A and the lead (coach B is on the team, not this caseload).
    const v1 = await createCaseloadKey('caseload-a');
    await publish(server, lead, 'caseload-a', 1, [coachA], [v1]);
    const mine = await keysFor(server, coachA, a.leadKeys, 'caseload-a');
    expect(mine.keys.map((k) => k.keyVersion)).toEqual([1]);
    const [keyA] = mine.keys;
    if (!keyA) throw new Error('no key');
    const firstId = newDocumentId();
    server.put(
      `caseload-a/docs/${firstId}`,
      await sealEnvelope(keyA, firstId, { youngPerson: NAMES[0], text: NAMES[2] }),
    );
    // Coach B has no key for caseload A.
    expect((await keysFor(server, coachB, b.leadKeys, 'caseload-a')).keys).toEqual([]);

    // The lead reads it.
    const leads = await keysFor(server, lead, lead.publicKeys, 'caseload-a');
    expect(
      await openEnvelope(server.get(`caseload-a/docs/${firstId}`), {
        caseloadId: 'caseload-a',
        keys: leads.keys,
        schema: note,
      }),
    ).toMatchObject({ ok: true, record: { youngPerson: NAMES[0], text: NAMES[2] } });

    // Coach A leaves the caseload, coach B takes it: version 2, for B and the lead only.
    const v2 = await rotateCaseloadKey(v1);
    await publish(server, lead, 'caseload-a', 2, [coachB], [v1, v2]);
    const theirs = await keysFor(server, coachB, b.leadKeys, 'caseload-a');
    const [, keyB2] = theirs.keys;
    if (!keyB2) throw new Error('no key');
    const secondId = newDocumentId();
    server.put(
      `caseload-a/docs/${secondId}`,
      await sealEnvelope(keyB2, secondId, { youngPerson: NAMES[1], text: NAMES[3] }),
    );
    // B reads the old record and the new one; A, who kept version 1, not the new one.
    const options = { caseloadId: 'caseload-a', keys: theirs.keys, schema: note };
    expect((await openEnvelope(server.get(`caseload-a/docs/${firstId}`), options)).ok).toBe(true);
    expect((await openEnvelope(server.get(`caseload-a/docs/${secondId}`), options)).ok).toBe(true);
    expect(
      await openEnvelope(server.get(`caseload-a/docs/${secondId}`), { ...options, keys: [keyA] }),
    ).toEqual({ ok: false, reason: 'no-key' });
    // A's device, asking again, finds no version 2 for it.
    const after = await keysFor(server, coachA, a.leadKeys, 'caseload-a', mine.membership);
    expect(after.keys.map((k) => k.keyVersion)).toEqual([1]);

    // The server cannot bring the old list back for B (rollback) ...
    const oldList = await signMembership(lead, {
      caseloadId: 'caseload-a',
      version: 1,
      members: [
        { fingerprint: lead.fingerprint, role: 'lead' },
        { fingerprint: coachA.fingerprint, role: 'coach' },
      ],
      keys: [v1],
      issuedAt: NOW.toISOString(),
    });
    server.put('caseload-a/membership', oldList);
    await expect(
      keysFor(server, coachB, b.leadKeys, 'caseload-a', theirs.membership),
    ).rejects.toThrow('rollback');

    // ... and what it holds has none of the names or words (words of 6 letters or more, which
    // base64 does not make by chance).
    const everything = server.everything();
    for (const word of [...NAMES, 'Lovelace', 'Hopper', 'school']) {
      expect(everything).not.toContain(word);
    }
  });

  it('does not join when the server swaps the coach’s keys for its own', async () => {
    const server = new Server();
    const lead = await device();
    const coach = await device();
    const attacker = await device();
    const { invitation, offer, code } = await createInvitation(lead, { now: NOW });
    const answered = await coachAnswer({ code, offer }, coach, NOW);
    if (!answered.ok) throw new Error(answered.message);
    server.put('answer', { ...answered.answer, coach: attacker.publicKeys });
    const accepted = await leadAccept(invitation, server.get('answer'), NOW);
    expect(accepted).toMatchObject({ ok: false, reason: 'changed-on-the-way' });
  });
});
