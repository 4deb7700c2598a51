import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lock, setDataKey } from '../../../../src/db/encryption/session-key';
import {
  createCaseloadKey,
  rotateCaseloadKey,
  type CaseloadKey,
} from '../../../../src/team/keys/caseload-key';
import { TEAM_CONTEXT, encodeFields, toHex } from '../../../../src/team/keys/encoding';
import { documentIdsFor, forgetDocumentIdKeys } from '../../../../src/team/sync/document-ids';
import { describeSyncError } from '../../../../src/team/sync/problems';

const CASELOAD = 'caseload-0123456789abcdef0123456789abcdef';

describe('document ids', () => {
  it('are the same for a record on every device that holds the key, and look random', async () => {
    const key = await createCaseloadKey(CASELOAD);
    const [one, two] = [await documentIdsFor(key), await documentIdsFor(key)];
    const id = await one.ofRecord('youngPeople', 'a8d4c0de-1111-4222-8333-444455556666');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await two.ofRecord('youngPeople', 'a8d4c0de-1111-4222-8333-444455556666')).toBe(id);
    expect(id).not.toContain('a8d4c0de');
  });

  it('differ by table, record, caseload key and key version', async () => {
    const key = await createCaseloadKey(CASELOAD);
    const ids = await documentIdsFor(key);
    const of = (table: string, id: string) => ids.ofRecord(table, id);
    const base = await of('goals', 'x1');
    expect(await of('sessions', 'x1')).not.toBe(base);
    expect(await of('goals', 'x2')).not.toBe(base);
    // No ambiguity from joining: "goals"+"x1" is not "goal"+"sx1".
    expect(await of('goal', 'sx1')).not.toBe(base);
    const other = await documentIdsFor(await createCaseloadKey(CASELOAD));
    expect(await other.ofRecord('goals', 'x1')).not.toBe(base);
    const rotated = await documentIdsFor(await rotateCaseloadKey(key));
    expect(await rotated.ofRecord('goals', 'x1')).not.toBe(base);
    expect(await ids.ofConflict(base, '2-abc')).not.toBe(await ids.ofConflict(base, '2-abd'));
  });

  it('are exactly the ids Web Crypto derives (HKDF to an HMAC key, then HMAC), as before (property)', async () => {
    const keys = [await createCaseloadKey(CASELOAD), await createCaseloadKey('caseload-b', 4)];
    const references = await Promise.all(keys.map(webCryptoIds));
    const ours = await Promise.all(keys.map(documentIdsFor));
    const sign = vi.spyOn(crypto.subtle, 'sign');
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 80 }),
        async (which, table, id) => {
          expect(await ours[which]!.ofRecord(table, id)).toBe(
            await references[which]!('record', table, id),
          );
          expect(await ours[which]!.ofConflict(table, id)).toBe(
            await references[which]!('conflict', table, id),
          );
        },
      ),
      { numRuns: 200 },
    );
    // Only the reference signed with Web Crypto: 2 a run.
    expect(sign).toHaveBeenCalledTimes(400);
  });

  it('stay the same after the app locks, which wipes the derived id keys', async () => {
    const key = await createCaseloadKey(CASELOAD);
    const ids = await documentIdsFor(key);
    const before = await ids.ofRecord('goals', 'x1');
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    // Derived once per key until a lock.
    expect(await (await documentIdsFor(key)).ofRecord('goals', 'x1')).toBe(before);
    expect(derive).not.toHaveBeenCalled();
    setDataKey(crypto.getRandomValues(new Uint8Array(32)));
    lock();
    expect(await ids.ofRecord('goals', 'x1')).toBe(before);
    expect(derive).toHaveBeenCalledTimes(1);
    forgetDocumentIdKeys();
    expect(await ids.ofRecord('goals', 'x1')).toBe(before);
    expect(derive).toHaveBeenCalledTimes(2);
  });
});

afterEach(() => vi.restoreAllMocks());

/** The ids as Web Crypto alone derives them (the way document-ids.ts did before issue 14's speed-up). */
async function webCryptoIds(caseloadKey: CaseloadKey) {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', caseloadKey.key));
  const material = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  const hmacKey = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(32),
      info: encodeFields(
        `${TEAM_CONTEXT}/document-ids`,
        caseloadKey.caseloadId,
        String(caseloadKey.keyVersion),
      ),
    },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  return async (...fields: string[]) =>
    toHex(
      new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encodeFields(...fields))).subarray(
        0,
        16,
      ),
    );
}

describe('sync problems', () => {
  it('tell a refused password and missing access (someone acts) from an unreachable server', () => {
    expect(describeSyncError({ status: 401, name: 'unauthorized' })).toMatchObject({
      state: 'error',
      message: expect.stringMatching(/did not accept this user name and password/),
    });
    expect(describeSyncError({ status: 403, name: 'forbidden' }).state).toBe('error');
    expect(describeSyncError({ status: 404, name: 'not_found' }).message).toMatch(
      /not on the team server/,
    );
    expect(describeSyncError({ status: 502 })).toMatchObject({
      state: 'offline',
      message: expect.stringMatching(/not working at the moment/),
    });
    expect(describeSyncError(new TypeError('fetch failed'))).toMatchObject({
      state: 'offline',
      message: expect.stringMatching(/cannot be reached/),
    });
    for (const problem of [describeSyncError(undefined), describeSyncError({ status: 401 })]) {
      expect(problem.message).toMatch(/kept on this device/);
    }
  });
});
