import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../../src/lib/crypto';
import { createCaseloadKey, rotateCaseloadKey } from '../../../../src/team/keys/caseload-key';
import { isMember, signMembership, verifyMembership } from '../../../../src/team/keys/membership';
import { ISSUED_AT, caseload, membershipFor, newDevice, verified } from './team-fixtures';

describe('signed membership lists', () => {
  it('verify when signed by the lead, for this caseload', async () => {
    const { lead, coach, signed } = await caseload('caseload-a');
    const result = await verifyMembership(JSON.parse(JSON.stringify(signed)), {
      lead: lead.publicKeys,
      caseloadId: 'caseload-a',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isMember(result.membership, coach.fingerprint)).toBe(true);
    expect(isMember(result.membership, lead.fingerprint)).toBe(true);
    expect(isMember(result.membership, (await newDevice()).fingerprint)).toBe(false);
  });

  it('refuses a member added by the server (the list changed after signing)', async () => {
    const { lead, signed } = await caseload('caseload-a');
    const intruder = await newDevice();
    const added = {
      ...signed,
      membership: {
        ...signed.membership,
        members: [
          ...signed.membership.members,
          { fingerprint: intruder.fingerprint, role: 'coach' },
        ],
      },
    };
    expect(
      await verifyMembership(added, { lead: lead.publicKeys, caseloadId: 'caseload-a' }),
    ).toEqual({ ok: false, reason: 'not-signed-by-lead' });
  });

  it('refuses a list signed by anyone but the lead', async () => {
    const { lead, coach, key, signed } = await caseload('caseload-a');
    const server = await newDevice();
    // The server makes itself lead of a list of its own.
    const forged = await membershipFor(server, [coach], [key]);
    expect(
      await verifyMembership(forged, { lead: lead.publicKeys, caseloadId: 'caseload-a' }),
    ).toEqual({ ok: false, reason: 'not-signed-by-lead' });
    // ... or claims the lead's fingerprint on it, signed with its own key.
    const claimed = {
      ...forged,
      membership: {
        ...forged.membership,
        lead: lead.fingerprint,
        members: [{ fingerprint: lead.fingerprint, role: 'lead' as const }],
      },
    };
    expect(
      await verifyMembership(claimed, { lead: lead.publicKeys, caseloadId: 'caseload-a' }),
    ).toEqual({ ok: false, reason: 'not-signed-by-lead' });
    // A changed signature.
    const bytes = fromBase64(signed.signature);
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    expect(
      await verifyMembership(
        { ...signed, signature: toBase64(bytes) },
        { lead: lead.publicKeys, caseloadId: 'caseload-a' },
      ),
    ).toEqual({ ok: false, reason: 'not-signed-by-lead' });
  });

  it('refuses a list moved to another caseload', async () => {
    const { lead, signed } = await caseload('caseload-a');
    expect(
      await verifyMembership(signed, { lead: lead.publicKeys, caseloadId: 'caseload-b' }),
    ).toEqual({ ok: false, reason: 'other-caseload' });
    const relabelled = {
      ...signed,
      membership: { ...signed.membership, caseloadId: 'caseload-b' },
    };
    expect(
      await verifyMembership(relabelled, { lead: lead.publicKeys, caseloadId: 'caseload-b' }),
    ).toEqual({ ok: false, reason: 'not-signed-by-lead' });
  });

  it('refuses an older list replacing a newer one (rollback), and a fork', async () => {
    const lead = await newDevice();
    const stays = await newDevice();
    const removed = await newDevice();
    const v1 = await createCaseloadKey('caseload-a');
    const old = await membershipFor(lead, [stays, removed], [v1], 1);
    const v2 = await rotateCaseloadKey(v1);
    const newer = await membershipFor(lead, [stays], [v1, v2], 2);
    const current = await verified(lead, newer);
    const check = { lead: lead.publicKeys, caseloadId: 'caseload-a', current };
    expect(await verifyMembership(old, check)).toEqual({ ok: false, reason: 'rollback' });
    // The same list again is fine; another list with the same number is not.
    expect((await verifyMembership(newer, check)).ok).toBe(true);
    const fork = await membershipFor(lead, [stays, removed], [v1, v2], 2);
    expect(await verifyMembership(fork, check)).toEqual({ ok: false, reason: 'rollback' });
    // A newer list goes through.
    const next = await membershipFor(lead, [stays, await newDevice()], [v1, v2], 3);
    expect((await verifyMembership(next, check)).ok).toBe(true);
  });

  it('refuses a newer list that rewrites an earlier key version', async () => {
    const { lead, coach, key, signed } = await caseload('caseload-a');
    const current = await verified(lead, signed);
    const otherV1 = await createCaseloadKey('caseload-a');
    const rewritten = await membershipFor(lead, [coach], [otherV1], 2);
    expect(
      await verifyMembership(rewritten, {
        lead: lead.publicKeys,
        caseloadId: 'caseload-a',
        current,
      }),
    ).toEqual({ ok: false, reason: 'keys-rewritten' });
    const kept = await membershipFor(lead, [coach], [key], 2);
    expect(
      (await verifyMembership(kept, { lead: lead.publicKeys, caseloadId: 'caseload-a', current }))
        .ok,
    ).toBe(true);
  });

  it('refuses malformed lists, never throwing', async () => {
    const { lead, signed } = await caseload('caseload-a');
    const check = { lead: lead.publicKeys, caseloadId: 'caseload-a' };
    const m = signed.membership;
    for (const bad of [
      null,
      'list',
      {},
      { membership: m },
      { ...signed, extra: 1 },
      { ...signed, membership: { ...m, version: 0 } },
      { ...signed, membership: { ...m, members: [] } },
      { ...signed, membership: { ...m, members: [...m.members, m.members[0]] } },
      { ...signed, membership: { ...m, keys: [{ ...m.keys[0], keyVersion: 2 }] } },
      { ...signed, membership: { ...m, issuedAt: 'yesterday' } },
    ]) {
      expect(await verifyMembership(bad, check)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('will not sign a list without the lead on it, or with gaps in key versions', async () => {
    const lead = await newDevice();
    const coach = await newDevice();
    const v1 = await createCaseloadKey('caseload-a');
    const v2 = await rotateCaseloadKey(v1);
    const draft = {
      caseloadId: 'caseload-a',
      version: 1,
      members: [{ fingerprint: coach.fingerprint, role: 'coach' as const }],
      keys: [v1],
      issuedAt: ISSUED_AT,
    };
    await expect(signMembership(lead, draft)).rejects.toThrow(TypeError);
    await expect(
      signMembership(lead, {
        ...draft,
        members: [{ fingerprint: lead.fingerprint, role: 'lead' }],
        keys: [v2],
      }),
    ).rejects.toThrow(TypeError);
  });
});
