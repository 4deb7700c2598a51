/**
 * A record as the server holds it:
 *
 *   { _id: "<random>", v: <key version>, c: "<base64: 12-byte IV, ciphertext, tag>" }
 *
 * The record's JSON is padded (../../lib/padding.ts: to 32, 64, 96 or 128 bytes, then powers
 * of two) and encrypted with AES-256-GCM under the caseload key of version `v`, its associated
 * data binding the caseload id, the document id and the key version. So the server learns a
 * document's id (random), its key version and its size within a padding bucket, nothing
 * else: no table, no young person it belongs to, no date. A document copied into another
 * caseload's database, under another id, or relabelled with another key version fails its
 * check.
 *
 * Besides `_id`, replication needs only CouchDB's own `_rev` (and `_deleted` on a deletion,
 * which carries no `v` or `c`): which record a document is, and everything else, is inside
 * the ciphertext.
 */
import type { z } from 'zod';
import {
  AES_GCM_IV_BYTES,
  fromBase64,
  randomBytes,
  strictUtf8Decoder,
  toBase64,
  utf8Encoder,
} from '../../lib/crypto';
import { pad, unpad } from '../../lib/padding';
import type { CaseloadKey } from './caseload-key';
import { TEAM_CONTEXT, concatBytes, encodeFields, subtle, toHex } from './encoding';
import { envelopeFieldsSchema, type Envelope } from './schemas';

export type { Envelope } from './schemas';

/** Bytes of AES-GCM's tag. */
const TAG_BYTES = 16;

/**
 * AES-256-GCM under a caseload key: ciphertext then its 16-byte tag, 12-byte IVs, as Web
 * Crypto's. Web Crypto unless the sync code provided a faster one giving the same bytes
 * (../sync/envelope-cipher.ts: one Web Crypto call per document was most of the cost of the
 * lead's report, issue 14).
 */
export interface EnvelopeCipher {
  encrypt(
    key: CryptoKey,
    iv: Uint8Array<ArrayBuffer>,
    aad: Uint8Array<ArrayBuffer>,
    plain: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer>>;
  /** Throws when it does not open (another key, IV or associated data, or a changed byte). */
  decrypt(
    key: CryptoKey,
    iv: Uint8Array<ArrayBuffer>,
    aad: Uint8Array<ArrayBuffer>,
    sealed: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer>>;
}

/** Web Crypto's AES-GCM. */
export const webCryptoEnvelopeCipher: EnvelopeCipher = {
  encrypt: async (key, iv, additionalData, plain) =>
    new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData }, key, plain)),
  decrypt: async (key, iv, additionalData, sealed) =>
    new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv, additionalData }, key, sealed)),
};

let cipher: EnvelopeCipher = webCryptoEnvelopeCipher;

/** Seals and opens envelopes with `provided` from now on (Web Crypto's when null). */
export function provideEnvelopeCipher(provided: EnvelopeCipher | null): void {
  cipher = provided ?? webCryptoEnvelopeCipher;
}

/** A new random document id: 128 bits in hex, saying nothing about the record. */
export function newDocumentId(): string {
  return toHex(randomBytes(16));
}

function recordContext(caseloadId: string, documentId: string, keyVersion: number) {
  return encodeFields(`${TEAM_CONTEXT}/record`, caseloadId, documentId, String(keyVersion));
}

/**
 * The envelope of `record` (anything JSON can carry) for the document `documentId` of the
 * caseload, under its key. Throws a TypeError for a value JSON cannot carry.
 */
export async function sealEnvelope(
  caseloadKey: CaseloadKey,
  documentId: string,
  record: unknown,
): Promise<Envelope> {
  const json = JSON.stringify(record);
  if (typeof json !== 'string') throw new TypeError('This record cannot be written as JSON.');
  const iv = randomBytes(AES_GCM_IV_BYTES);
  const padded = pad(utf8Encoder.encode(json));
  const ciphertext = await cipher.encrypt(
    caseloadKey.key,
    iv,
    recordContext(caseloadKey.caseloadId, documentId, caseloadKey.keyVersion),
    padded,
  );
  padded.fill(0);
  return { _id: documentId, v: caseloadKey.keyVersion, c: toBase64(concatBytes(iv, ciphertext)) };
}

/**
 * Why a document was not opened:
 * - 'deleted': a deletion (CouchDB's `{ _id, _rev, _deleted: true }`): nothing to open;
 * - 'not-an-envelope': not of the envelope's shape (fields missing, extra or malformed);
 * - 'no-key': this device holds no key of that version for the caseload (a version made
 *   after it was removed, say);
 * - 'seal-broken': the ciphertext does not open under the key for this caseload, id and
 *   version: changed, moved from another caseload or id, or relabelled;
 * - 'content-broken': it opens, but what is inside is not padded JSON of the expected shape.
 */
export type EnvelopeFailure =
  'deleted' | 'not-an-envelope' | 'no-key' | 'seal-broken' | 'content-broken';

export type OpenedEnvelope<T> =
  { ok: true; id: string; keyVersion: number; record: T } | { ok: false; reason: EnvelopeFailure };

export interface OpenOptions<T> {
  /** The caseload whose database the document was read from. */
  caseloadId: string;
  /** The caseload's keys this device holds, any versions (others are ignored). */
  keys: readonly CaseloadKey[];
  /** The record's shape, checked after decryption (`z.unknown()` takes any JSON). */
  schema: z.ZodType<T>;
}

function isDeletion(stored: unknown): boolean {
  return (
    typeof stored === 'object' &&
    stored !== null &&
    Object.hasOwn(stored, '_deleted') &&
    '_deleted' in stored &&
    stored._deleted === true
  );
}

/**
 * The record in a document read from the caseload's database, checked. Never throws for bad
 * input: says why it could not be opened.
 */
export async function openEnvelope<T>(
  stored: unknown,
  { caseloadId, keys, schema }: OpenOptions<T>,
): Promise<OpenedEnvelope<T>> {
  if (isDeletion(stored)) return { ok: false, reason: 'deleted' };
  const parsed = envelopeFieldsSchema.safeParse(stored);
  if (!parsed.success) return { ok: false, reason: 'not-an-envelope' };
  const { _id, v, c } = parsed.data;
  // `c` decoded once, refused as envelopeSchema refuses it.
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(c);
  } catch {
    return { ok: false, reason: 'not-an-envelope' };
  }
  if (bytes.length === 0) return { ok: false, reason: 'not-an-envelope' };
  const caseloadKey = keys.find((k) => k.caseloadId === caseloadId && k.keyVersion === v);
  if (!caseloadKey) return { ok: false, reason: 'no-key' };
  if (bytes.length < AES_GCM_IV_BYTES + TAG_BYTES) return { ok: false, reason: 'seal-broken' };
  let padded: Uint8Array;
  try {
    padded = await cipher.decrypt(
      caseloadKey.key,
      bytes.subarray(0, AES_GCM_IV_BYTES),
      recordContext(caseloadId, _id, v),
      bytes.subarray(AES_GCM_IV_BYTES),
    );
  } catch {
    return { ok: false, reason: 'seal-broken' };
  }
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8Decoder.decode(unpad(padded)));
  } catch {
    return { ok: false, reason: 'content-broken' };
  } finally {
    padded.fill(0);
  }
  const checked = schema.safeParse(value);
  if (!checked.success) return { ok: false, reason: 'content-broken' };
  return { ok: true, id: _id, keyVersion: v, record: checked.data };
}
