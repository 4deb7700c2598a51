import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { youngPersonSchema as domainYoungPersonSchema } from '../../../../src/domain/schemas';
import { fromBase64, toBase64 } from '../../../../src/lib/crypto';
import { createCaseloadKey, rotateCaseloadKey } from '../../../../src/team/keys/caseload-key';
import { newDocumentId, openEnvelope, sealEnvelope } from '../../../../src/team/keys/envelope';
import { envelopeSchema } from '../../../../src/team/keys/schemas';

// A record as the sync module would send it: its table and the record, as the app stores it.
const youngPersonSchema = z.object({
  table: z.literal('youngPeople'),
  record: domainYoungPersonSchema,
});
type Sent = z.infer<typeof youngPersonSchema>;

const youngPerson = (name: string): Sent => ({
  table: 'youngPeople',
  record: {
    id: '5f0c8a1e-3d0e-4b8a-9a57-0d0a8b7a6f01',
    name,
    dateOfBirth: '2012-03-04',
    school: 'Blackpool Sixth Form College',
    programme: 'Self-Harm Support',
    referralDate: '2026-09-01',
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: '2026-09-01T09:30:00.000Z',
    updatedAt: '2026-11-23T14:05:00.000Z',
  },
});

async function setUp() {
  const key = await createCaseloadKey('caseload-a');
  const options = { caseloadId: 'caseload-a', keys: [key], schema: youngPersonSchema };
  return { key, options };
}

describe('record envelopes', () => {
  it('round trip, and hold nothing but a random id, the key version and ciphertext', async () => {
    const { key, options } = await setUp();
    const record = youngPerson('Ada Lovelace');
    const id = newDocumentId();
    const envelope = await sealEnvelope(key, id, record);
    expect(Object.keys(envelope).sort()).toEqual(['_id', 'c', 'v']);
    expect(envelope._id).toBe(id);
    expect(envelope.v).toBe(1);
    const text = JSON.stringify(envelope);
    // Words of 6 letters or more (or with a dash), which base64 does not make by chance.
    for (const word of [
      'Lovelace',
      'Self-Harm',
      'Blackpool',
      'youngPeople',
      '2012-03-04',
      record.record.id,
    ]) {
      expect(text).not.toContain(word);
    }
    // As the server would return it, with its revision.
    const fromServer = { ...JSON.parse(text), _rev: '1-abc' };
    expect(await openEnvelope(fromServer, options)).toEqual({
      ok: true,
      id,
      keyVersion: 1,
      record,
    });
  });

  it('gives fresh random ids and ciphertexts', async () => {
    const { key } = await setUp();
    const ids = new Set(Array.from({ length: 100 }, newDocumentId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    const a = await sealEnvelope(key, 'doc', youngPerson('Ada'));
    const b = await sealEnvelope(key, 'doc', youngPerson('Ada'));
    expect(a.c).not.toBe(b.c);
  });

  it('pads: a short and a long name give ciphertexts of the same length', async () => {
    const { key } = await setUp();
    const short = await sealEnvelope(key, 'doc', youngPerson('Al'));
    const long = await sealEnvelope(key, 'doc', youngPerson('Maximilian Featherstonehaugh'));
    expect(fromBase64(short.c).length).toBe(fromBase64(long.c).length);
    // 12-byte IV + a padded length (a multiple of 32 up to 128, then a power of two) + 16-byte tag.
    expect(fromBase64(short.c).length - 12 - 16).toBe(512);
  });

  it('pads every name of 1 to 60 characters into one length (property)', async () => {
    const { key } = await setUp();
    const reference = fromBase64((await sealEnvelope(key, 'doc', youngPerson('A'))).c).length;
    const longest = await sealEnvelope(key, 'doc', youngPerson('A'.repeat(60)));
    expect(fromBase64(longest.c).length).toBe(reference);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }),
        async (name) => {
          const sealed = await sealEnvelope(key, 'doc', youngPerson(name));
          expect(fromBase64(sealed.c).length).toBe(reference);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('round trips any JSON value (property)', async () => {
    const key = await createCaseloadKey('caseload-a');
    const options = { caseloadId: 'caseload-a', keys: [key], schema: z.unknown() };
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        // JSON itself turns -0 into 0.
        const expected: unknown = JSON.parse(JSON.stringify(value));
        const opened = await openEnvelope(await sealEnvelope(key, 'doc', value), options);
        expect(opened).toEqual({ ok: true, id: 'doc', keyVersion: 1, record: expected });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses as damaged a document moved to another id or caseload, or relabelled', async () => {
    const { key, options } = await setUp();
    const envelope = await sealEnvelope(key, 'doc-1', youngPerson('Ada'));
    expect(await openEnvelope({ ...envelope, _id: 'doc-2' }, options)).toEqual({
      ok: false,
      reason: 'seal-broken',
    });
    // The same key given for another caseload's database (never so, but the id is bound too).
    const elsewhere = {
      ...options,
      caseloadId: 'caseload-b',
      keys: [{ ...key, caseloadId: 'caseload-b' }],
    };
    expect(await openEnvelope(envelope, elsewhere)).toEqual({ ok: false, reason: 'seal-broken' });
    // Another caseload's key: the document does not open there.
    const other = await createCaseloadKey('caseload-b');
    expect(
      await openEnvelope(envelope, { ...options, caseloadId: 'caseload-b', keys: [other] }),
    ).toEqual({ ok: false, reason: 'seal-broken' });
    // Relabelled with another key version this device holds.
    const v2 = await rotateCaseloadKey(key);
    const relabelled = { ...envelope, v: 2 };
    expect(await openEnvelope(relabelled, { ...options, keys: [key, v2] })).toEqual({
      ok: false,
      reason: 'seal-broken',
    });
    expect(await openEnvelope(relabelled, options)).toEqual({ ok: false, reason: 'no-key' });
  });

  it('refuses any changed byte of the ciphertext as damaged (property)', async () => {
    const { key, options } = await setUp();
    const envelope = await sealEnvelope(key, 'doc-1', youngPerson('Ada'));
    const bytes = fromBase64(envelope.c);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (index, mask) => {
          const changed = new Uint8Array(bytes);
          changed[index] = (changed[index] ?? 0) ^ mask;
          expect(await openEnvelope({ ...envelope, c: toBase64(changed) }, options)).toEqual({
            ok: false,
            reason: 'seal-broken',
          });
        },
      ),
      { numRuns: 150 },
    );
    const cut = toBase64(bytes.subarray(0, bytes.length - 1));
    expect(await openEnvelope({ ...envelope, c: cut }, options)).toEqual({
      ok: false,
      reason: 'seal-broken',
    });
    expect(await openEnvelope({ ...envelope, c: 'AAAA' }, options)).toEqual({
      ok: false,
      reason: 'seal-broken',
    });
  });

  it('refuses what is not an envelope, never throwing (property)', async () => {
    const { key, options } = await setUp();
    const envelope = await sealEnvelope(key, 'doc-1', youngPerson('Ada'));
    for (const bad of [
      null,
      undefined,
      'text',
      [],
      {},
      { ...envelope, name: 'Ada' },
      { ...envelope, v: '1' },
      { ...envelope, v: 0 },
      { ...envelope, c: 'not base64' },
      { ...envelope, _id: '_design/x' },
      { ...envelope, _deleted: false },
    ]) {
      expect(await openEnvelope(bad, options)).toEqual({ ok: false, reason: 'not-an-envelope' });
    }
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (value) => {
        const result = await openEnvelope(value, options);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses `c` as not an envelope exactly when the envelope schema does, decoding it once (property)', async () => {
    const { key, options } = await setUp();
    const envelope = await sealEnvelope(key, 'doc-1', youngPerson('Ada'));
    const base64ish = fc.string({
      unit: fc.constantFrom(...'AQab+/=09 -_\n'.split('')),
      maxLength: 40,
    });
    const check = async (c: string) => {
      const refused = !envelopeSchema.safeParse({ ...envelope, c }).success;
      const opened = await openEnvelope({ ...envelope, c }, options);
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect(opened.reason === 'not-an-envelope').toBe(refused);
    };
    for (const c of ['', 'YQ', 'YQ=', 'YQ==', '====', 'Y Q=', 'YQ==\n', 'YWJj', 'YW-j'])
      await check(c);
    await fc.assert(fc.asyncProperty(base64ish, check), { numRuns: 300 });
  });

  it('says a deletion is a deletion, not damage', async () => {
    const { options } = await setUp();
    expect(await openEnvelope({ _id: 'doc-1', _rev: '2-x', _deleted: true }, options)).toEqual({
      ok: false,
      reason: 'deleted',
    });
  });

  it('refuses a document moved between any two ids or caseloads (property)', async () => {
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);
    const keyA = await createCaseloadKey('caseload-a');
    const keyB = await createCaseloadKey('caseload-b');
    await fc.assert(
      fc.asyncProperty(id, id, fc.boolean(), async (from, to, toOtherCaseload) => {
        fc.pre(from !== to || toOtherCaseload);
        const envelope = await sealEnvelope(keyA, from, { note: 'n' });
        const moved = { ...envelope, _id: to };
        const options = toOtherCaseload
          ? { caseloadId: 'caseload-b', keys: [keyA, keyB], schema: z.unknown() }
          : { caseloadId: 'caseload-a', keys: [keyA, keyB], schema: z.unknown() };
        const result = await openEnvelope(moved, options);
        expect(result).toEqual({ ok: false, reason: 'seal-broken' });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses content of another shape than asked for', async () => {
    const { key, options } = await setUp();
    const envelope = await sealEnvelope(key, 'doc-1', { table: 'sessions', id: 's1' });
    expect(await openEnvelope(envelope, options)).toEqual({ ok: false, reason: 'content-broken' });
  });
});
