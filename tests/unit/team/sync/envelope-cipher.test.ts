/**
 * The envelopes' fast AES-GCM path (src/team/keys/envelope-cipher.ts): with the fast GCM
 * loaded, envelopes are sealed and opened without a Web Crypto call per document, and the
 * bytes are exactly Web Crypto's, so either opens what the other sealed.
 */
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  expandGcmKey,
  gcmDecryptWith,
  gcmEncryptWith,
  isFastGcmLoaded,
  loadFastGcm,
  wipeGcmKey,
} from '../../../../src/db/encryption/fast-gcm';
import { lock, setDataKey } from '../../../../src/db/encryption/session-key';
import { AES_GCM_IV_BYTES, fromBase64, randomBytes, toBase64 } from '../../../../src/lib/crypto';
import { pad, unpad } from '../../../../src/lib/padding';
import { createCaseloadKey, type CaseloadKey } from '../../../../src/team/keys/caseload-key';
import { TEAM_CONTEXT, concatBytes, encodeFields } from '../../../../src/team/keys/encoding';
import { newDocumentId, openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import { forgetEnvelopeKeys } from '../../../../src/team/sync/envelope-cipher';

beforeAll(loadFastGcm);
afterEach(() => vi.restoreAllMocks());

const subtle = () => globalThis.crypto.subtle;
const recordAad = (caseloadId: string, id: string, version: number) =>
  encodeFields(`${TEAM_CONTEXT}/record`, caseloadId, id, String(version));

/** An envelope sealed with Web Crypto directly, as the app sealed them before the fast path. */
async function sealWithWebCrypto(key: CaseloadKey, id: string, record: unknown) {
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const ciphertext = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: recordAad(key.caseloadId, id, key.keyVersion) },
      key.key,
      pad(new TextEncoder().encode(JSON.stringify(record))),
    ),
  );
  return { _id: id, v: key.keyVersion, c: toBase64(concatBytes(iv, ciphertext)) };
}

/** An envelope opened with Web Crypto directly. */
async function openWithWebCrypto(key: CaseloadKey, envelope: { _id: string; c: string }) {
  const bytes = fromBase64(envelope.c);
  const plain = new Uint8Array(
    await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: bytes.subarray(0, AES_GCM_IV_BYTES),
        additionalData: recordAad(key.caseloadId, envelope._id, key.keyVersion),
      },
      key.key,
      bytes.subarray(AES_GCM_IV_BYTES),
    ),
  );
  return JSON.parse(new TextDecoder().decode(unpad(plain))) as unknown;
}

const anyJson = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('envelopes with the fast AES-GCM', () => {
  it('open what Web Crypto sealed, and Web Crypto opens what they seal (property)', async () => {
    expect(isFastGcmLoaded()).toBe(true);
    const keys = [await createCaseloadKey('caseload-a'), await createCaseloadKey('caseload-b', 3)];
    const decrypt = vi.spyOn(subtle(), 'decrypt');
    const encrypt = vi.spyOn(subtle(), 'encrypt');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), anyJson, async (key, record) => {
        const options = { caseloadId: key.caseloadId, keys, schema: z.unknown() };
        const id = newDocumentId();
        const sealed = await sealWithWebCrypto(key, id, record);
        const callsBefore = decrypt.mock.calls.length;
        expect(await openEnvelope(sealed, options)).toEqual({
          ok: true,
          id,
          keyVersion: key.keyVersion,
          record,
        });
        // Opened without Web Crypto.
        expect(decrypt.mock.calls.length).toBe(callsBefore);
        const ours = await sealEnvelope(key, id, record);
        expect(await openWithWebCrypto(key, ours)).toEqual(record);
      }),
      { numRuns: 60 },
    );
    // Only the test's own Web Crypto seals.
    expect(encrypt.mock.calls.length).toBe(60);
  });

  it('refuse a changed byte, another id, caseload or version as seal-broken (property)', async () => {
    const key = await createCaseloadKey('caseload-a', 2);
    const options = { caseloadId: 'caseload-a', keys: [key], schema: z.unknown() };
    await fc.assert(
      fc.asyncProperty(anyJson, fc.nat(), fc.boolean(), async (record, at, webCrypto) => {
        const id = newDocumentId();
        const sealed = webCrypto
          ? await sealWithWebCrypto(key, id, record)
          : await sealEnvelope(key, id, record);
        const bytes = fromBase64(sealed.c);
        const index = at % bytes.length;
        bytes[index] = (bytes[index] ?? 0) ^ (1 << (at % 8));
        const broken = { ok: false, reason: 'seal-broken' };
        expect(await openEnvelope({ ...sealed, c: toBase64(bytes) }, options)).toEqual(broken);
        expect(await openEnvelope({ ...sealed, _id: newDocumentId() }, options)).toEqual(broken);
        const elsewhere = { ...key, caseloadId: 'caseload-b' };
        expect(
          await openEnvelope(sealed, { ...options, caseloadId: 'caseload-b', keys: [elsewhere] }),
        ).toEqual(broken);
        const relabelled = { ...key, keyVersion: 1 };
        expect(await openEnvelope({ ...sealed, v: 1 }, { ...options, keys: [relabelled] })).toEqual(
          broken,
        );
        // The untouched envelope still opens.
        expect(await openEnvelope(sealed, options)).toMatchObject({ ok: true, record });
      }),
      { numRuns: 60 },
    );
  });

  it('wipes the expanded caseload keys when the app locks, and expands them again after', async () => {
    const key = await createCaseloadKey('caseload-a');
    const options = { caseloadId: 'caseload-a', keys: [key], schema: z.unknown() };
    const sealed = await sealEnvelope(key, newDocumentId(), { n: 1 });
    const exportKey = vi.spyOn(subtle(), 'exportKey');
    // Expanded already: no export.
    expect(await openEnvelope(sealed, options)).toMatchObject({ ok: true });
    expect(exportKey).not.toHaveBeenCalled();
    setDataKey(randomBytes(32));
    lock();
    expect(await openEnvelope(sealed, options)).toMatchObject({ ok: true, record: { n: 1 } });
    expect(exportKey).toHaveBeenCalledTimes(1);
    forgetEnvelopeKeys();
    expect(await openEnvelope(sealed, options)).toMatchObject({ ok: true });
    expect(exportKey).toHaveBeenCalledTimes(2);
  });

  it('refuses to seal or open with a wiped key rather than under zeroes', () => {
    const state = expandGcmKey(randomBytes(32));
    const iv = randomBytes(12);
    const sealed = gcmEncryptWith(state, iv, new Uint8Array(0), randomBytes(40));
    wipeGcmKey(state);
    expect(() => gcmEncryptWith(state, iv, new Uint8Array(0), randomBytes(40))).toThrow(/wiped/);
    expect(() => gcmDecryptWith(state, iv, new Uint8Array(0), sealed)).toThrow(/wiped/);
  });
});
