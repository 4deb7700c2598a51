import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../../src/lib/crypto';
import {
  createCaseloadKey,
  rotateCaseloadKey,
  unwrapCaseloadKey,
  wrapCaseloadKey,
  type CaseloadKey,
} from '../../../../src/team/keys/caseload-key';
import { openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import { z } from 'zod';
import { caseload, membershipFor, newDevice, verified } from './team-fixtures';

const rawOf = async (key: CaseloadKey) =>
  toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', key.key)));

const flipByte = (base64: string, index: number) => {
  const bytes = fromBase64(base64);
  bytes[index] = (bytes[index] ?? 0) ^ 1;
  return toBase64(bytes);
};

describe('caseload keys', () => {
  it('are random AES-GCM 256 keys, one per caseload and version', async () => {
    const a = await createCaseloadKey('caseload-a');
    const b = await createCaseloadKey('caseload-a');
    expect(a.keyVersion).toBe(1);
    expect(a.key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(await rawOf(a)).not.toBe(await rawOf(b));
    expect(a.commitment).not.toBe(b.commitment);
    await expect(createCaseloadKey('caseload-a', 0)).rejects.toThrow(RangeError);
  });

  it('wrapped for a device, open with its private key only', async () => {
    const { coach, lead, key, membership } = await caseload();
    for (const device of [coach, lead]) {
      const wrapped = await wrapCaseloadKey(key, device.publicKeys);
      expect(wrapped.recipient).toBe(device.fingerprint);
      const opened = await unwrapCaseloadKey(
        JSON.parse(JSON.stringify(wrapped)),
        device,
        membership,
      );
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      expect(await rawOf(opened.key)).toBe(await rawOf(key));
      expect(opened.key.commitment).toBe(key.commitment);
    }
  });

  it('refuses the wrong recipient, even when the label is changed to theirs', async () => {
    const { coach, key, membership } = await caseload();
    const stranger = await newDevice();
    const wrapped = await wrapCaseloadKey(key, coach.publicKeys);
    expect(await unwrapCaseloadKey(wrapped, stranger, membership)).toEqual({
      ok: false,
      reason: 'not-for-this-device',
    });
    const relabelled = { ...wrapped, recipient: stranger.fingerprint };
    expect(await unwrapCaseloadKey(relabelled, stranger, membership)).toEqual({
      ok: false,
      reason: 'damaged',
    });
  });

  it('fails when moved to another caseload or version, or changed', async () => {
    const { coach, lead, key } = await caseload('caseload-a');
    const v2 = await rotateCaseloadKey(key);
    const membership = await verified(lead, await membershipFor(lead, [coach], [key, v2], 2));
    const wrapped = await wrapCaseloadKey(key, coach.publicKeys);
    const otherKey = await createCaseloadKey('caseload-b');
    const otherList = await verified(lead, await membershipFor(lead, [coach], [otherKey]));
    expect(await unwrapCaseloadKey({ ...wrapped, keyVersion: 2 }, coach, membership)).toEqual({
      ok: false,
      reason: 'damaged',
    });
    expect(
      await unwrapCaseloadKey({ ...wrapped, caseloadId: 'caseload-b' }, coach, otherList),
    ).toEqual({ ok: false, reason: 'damaged' });
    expect(await unwrapCaseloadKey(wrapped, coach, otherList)).toEqual({
      ok: false,
      reason: 'other-caseload',
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 39 }), async (index) => {
        const changed = { ...wrapped, wrapped: flipByte(wrapped.wrapped, index) };
        const result = await unwrapCaseloadKey(changed, coach, membership);
        expect(result).toEqual({ ok: false, reason: 'damaged' });
      }),
      { numRuns: 40 },
    );
    const ephemeral = { ...wrapped, ephemeral: flipByte(wrapped.ephemeral, 64) };
    expect((await unwrapCaseloadKey(ephemeral, coach, membership)).ok).toBe(false);
  });

  it('refuses anything that is not a wrapped key, without throwing', async () => {
    const { coach, key, membership } = await caseload();
    const wrapped = await wrapCaseloadKey(key, coach.publicKeys);
    for (const bad of [
      null,
      42,
      'x',
      {},
      { ...wrapped, wrapped: 'not base64!' },
      { ...wrapped, extra: true },
      { ...wrapped, keyVersion: 0 },
      { ...wrapped, caseloadId: '_users' },
    ]) {
      expect(await unwrapCaseloadKey(bad, coach, membership)).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
  });

  it('refuses a key the lead did not sign for (a server wrapping a key of its own)', async () => {
    const { coach, membership } = await caseload('caseload-a');
    const serversKey = await createCaseloadKey('caseload-a');
    const wrapped = await wrapCaseloadKey(serversKey, coach.publicKeys);
    expect(await unwrapCaseloadKey(wrapped, coach, membership)).toEqual({
      ok: false,
      reason: 'not-in-membership',
    });
    const later = await createCaseloadKey('caseload-a', 2);
    expect(
      await unwrapCaseloadKey(await wrapCaseloadKey(later, coach.publicKeys), coach, membership),
    ).toEqual({ ok: false, reason: 'not-in-membership' });
  });

  it('rotate: a removed coach cannot open version n + 1, and old records still open with n', async () => {
    const lead = await newDevice();
    const stays = await newDevice();
    const removed = await newDevice();
    const v1 = await createCaseloadKey('caseload-a');
    const list1 = await verified(lead, await membershipFor(lead, [stays, removed], [v1]));
    const removedV1 = await unwrapCaseloadKey(
      await wrapCaseloadKey(v1, removed.publicKeys),
      removed,
      list1,
    );
    expect(removedV1.ok).toBe(true);
    const oldRecord = await sealEnvelope(v1, 'doc-1', { note: 'written before' });

    // The coach is removed: a new key, version 2, wrapped for those who stay.
    const v2 = await rotateCaseloadKey(v1);
    expect(v2.keyVersion).toBe(2);
    expect(await rawOf(v2)).not.toBe(await rawOf(v1));
    const list2 = await verified(lead, await membershipFor(lead, [stays], [v1, v2], 2));
    const forStays = await wrapCaseloadKey(v2, stays.publicKeys);
    expect(await unwrapCaseloadKey(forStays, removed, list2)).toEqual({
      ok: false,
      reason: 'not-for-this-device',
    });
    expect(
      await unwrapCaseloadKey({ ...forStays, recipient: removed.fingerprint }, removed, list2),
    ).toEqual({ ok: false, reason: 'damaged' });
    const newRecord = await sealEnvelope(v2, 'doc-2', { note: 'written after' });
    const removedKeys = removedV1.ok ? [removedV1.key] : [];
    expect(
      await openEnvelope(newRecord, {
        caseloadId: 'caseload-a',
        keys: removedKeys,
        schema: z.unknown(),
      }),
    ).toEqual({ ok: false, reason: 'no-key' });

    // Those who stay hold both versions and read both records.
    const staysV1 = await unwrapCaseloadKey(
      await wrapCaseloadKey(v1, stays.publicKeys),
      stays,
      list2,
    );
    const staysV2 = await unwrapCaseloadKey(forStays, stays, list2);
    if (!staysV1.ok || !staysV2.ok) throw new Error('stays should open both');
    const keys = [staysV1.key, staysV2.key];
    const options = { caseloadId: 'caseload-a', keys, schema: z.object({ note: z.string() }) };
    expect(await openEnvelope(oldRecord, options)).toMatchObject({
      ok: true,
      keyVersion: 1,
      record: { note: 'written before' },
    });
    expect(await openEnvelope(newRecord, options)).toMatchObject({
      ok: true,
      keyVersion: 2,
      record: { note: 'written after' },
    });
    // The removed coach's device keeps what it had: version 1 still opens the old record.
    expect(await openEnvelope(oldRecord, { ...options, keys: removedKeys })).toMatchObject({
      ok: true,
      keyVersion: 1,
    });
  });
});
