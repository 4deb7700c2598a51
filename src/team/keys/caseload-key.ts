/**
 * Caseload keys. Each caseload has its own random AES-GCM 256-bit key, which encrypts its
 * records for the server (./envelope.ts). It is wrapped for each device that may read the
 * caseload (the coach's, the lead's) with that device's ECDH public key:
 *
 *   an ephemeral ECDH P-256 key pair, its shared secret with the recipient's public key,
 *   HKDF-SHA-256 (salt: both public keys; info: the caseload id, key version and the
 *   recipient's fingerprint) to an AES-KW key, which wraps the caseload key.
 *
 * So a wrapped key opens only with the recipient's private key, and only as the key of that
 * caseload and version: moved onto another caseload, version or device, it fails.
 *
 * A wrapped key says nothing about who wrapped it (anyone can wrap a key of their own for a
 * public key), so it is taken only when it matches the lead's signed membership list, which
 * commits to every key version of the caseload (./membership.ts): the server cannot hand a
 * coach a key of its own to encrypt with.
 *
 * Rotating (when a coach is removed) makes a new random key, version n + 1; the old versions
 * still open the records written under them, for those who hold them.
 */
import { fromBase64, randomBytes, toBase64 } from '../../lib/crypto';
import { TEAM_CONTEXT, concatBytes, encodeFields, sameBytes, sha256, subtle } from './encoding';
import {
  fingerprintOf,
  importAgreementPublicKey,
  type DeviceIdentity,
  type PublicKeys,
} from './identity';
import type { VerifiedMembership } from './membership';
import { MAX_VERSION, wrappedCaseloadKeySchema, type WrappedCaseloadKey } from './schemas';

export type { WrappedCaseloadKey } from './schemas';

/** A caseload key of one version, in memory. */
export interface CaseloadKey {
  caseloadId: string;
  keyVersion: number;
  /** AES-GCM 256. Extractable, so that a lead can wrap it for a new member. */
  key: CryptoKey;
  /** SHA-256 of the key bound to its caseload and version: what a membership list lists. */
  commitment: string;
}

const ECDH: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };

async function commitmentOf(caseloadId: string, keyVersion: number, raw: Uint8Array) {
  return toBase64(
    await sha256(
      concatBytes(
        encodeFields(`${TEAM_CONTEXT}/key-commitment`, caseloadId, String(keyVersion)),
        raw,
      ),
    ),
  );
}

async function caseloadKeyFrom(
  caseloadId: string,
  keyVersion: number,
  raw: Uint8Array<ArrayBuffer>,
): Promise<CaseloadKey> {
  const key = await subtle().importKey('raw', raw, 'AES-GCM', true, ['encrypt', 'decrypt']);
  return {
    caseloadId,
    keyVersion,
    key,
    commitment: await commitmentOf(caseloadId, keyVersion, raw),
  };
}

/** A new random key for a caseload (version 1 unless told). */
export async function createCaseloadKey(caseloadId: string, keyVersion = 1): Promise<CaseloadKey> {
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > MAX_VERSION) {
    throw new RangeError('A key version is a whole number from 1.');
  }
  const raw = randomBytes(32);
  try {
    return await caseloadKeyFrom(caseloadId, keyVersion, raw);
  } finally {
    raw.fill(0);
  }
}

/** The caseload's next key: new and random, version n + 1 (when a member is removed). */
export function rotateCaseloadKey(current: CaseloadKey): Promise<CaseloadKey> {
  return createCaseloadKey(current.caseloadId, current.keyVersion + 1);
}

async function wrappingKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  ephemeralRaw: Uint8Array<ArrayBuffer>,
  recipient: PublicKeys,
  recipientFingerprint: string,
  caseloadId: string,
  keyVersion: number,
  usage: 'wrapKey' | 'unwrapKey',
): Promise<CryptoKey> {
  const shared = new Uint8Array(
    await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256),
  );
  try {
    const material = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    return await subtle().deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: concatBytes(ephemeralRaw, fromBase64(recipient.agreement)),
        info: encodeFields(
          `${TEAM_CONTEXT}/caseload-key`,
          caseloadId,
          String(keyVersion),
          recipientFingerprint,
        ),
      },
      material,
      { name: 'AES-KW', length: 256 },
      false,
      [usage],
    );
  } finally {
    shared.fill(0);
  }
}

/** The caseload key wrapped for the device whose public keys are `recipient`. */
export async function wrapCaseloadKey(
  caseloadKey: CaseloadKey,
  recipient: PublicKeys,
): Promise<WrappedCaseloadKey> {
  const recipientFingerprint = await fingerprintOf(recipient);
  const ephemeral = await subtle().generateKey(ECDH, false, ['deriveBits']);
  const ephemeralRaw = new Uint8Array(await subtle().exportKey('raw', ephemeral.publicKey));
  const kek = await wrappingKey(
    ephemeral.privateKey,
    await importAgreementPublicKey(recipient),
    ephemeralRaw,
    recipient,
    recipientFingerprint,
    caseloadKey.caseloadId,
    caseloadKey.keyVersion,
    'wrapKey',
  );
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', caseloadKey.key, kek, 'AES-KW'));
  return {
    format: 'resilience-coaching/caseload-key',
    caseloadId: caseloadKey.caseloadId,
    keyVersion: caseloadKey.keyVersion,
    recipient: recipientFingerprint,
    ephemeral: toBase64(ephemeralRaw),
    wrapped: toBase64(wrapped),
  };
}

/**
 * Why a wrapped key was not taken:
 * - 'malformed': not a wrapped key at all;
 * - 'not-for-this-device': wrapped for another device;
 * - 'other-caseload': for another caseload than the membership list's;
 * - 'damaged': it does not open with this device's key (changed, or moved to another
 *   caseload, version or device);
 * - 'not-in-membership': it opens, but it is not the key the lead's list names for this
 *   version (someone other than the lead made it).
 */
export type UnwrapFailure =
  'malformed' | 'not-for-this-device' | 'other-caseload' | 'damaged' | 'not-in-membership';

export type UnwrapResult = { ok: true; key: CaseloadKey } | { ok: false; reason: UnwrapFailure };

/** Opens a parsed box with this device's private key: its raw bytes, or null when it fails. */
async function openBox(
  box: WrappedCaseloadKey,
  me: DeviceIdentity,
): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const ephemeralRaw = fromBase64(box.ephemeral);
    const kek = await wrappingKey(
      me.agreementKey,
      // Throws for a point not on the curve.
      await subtle().importKey('raw', ephemeralRaw, ECDH, false, []),
      ephemeralRaw,
      me.publicKeys,
      me.fingerprint,
      box.caseloadId,
      box.keyVersion,
      'unwrapKey',
    );
    const key = await subtle().unwrapKey(
      'raw',
      fromBase64(box.wrapped),
      kek,
      'AES-KW',
      'AES-GCM',
      true,
      ['encrypt', 'decrypt'],
    );
    return new Uint8Array(await subtle().exportKey('raw', key));
  } catch {
    return null;
  }
}

/**
 * The caseload key inside `wrapped`, opened with this device's private key and checked
 * against the lead's verified membership list. Never throws for bad input: says why.
 */
export async function unwrapCaseloadKey(
  wrapped: unknown,
  me: DeviceIdentity,
  membership: VerifiedMembership,
): Promise<UnwrapResult> {
  const parsed = wrappedCaseloadKeySchema.safeParse(wrapped);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const box = parsed.data;
  if (box.recipient !== me.fingerprint) return { ok: false, reason: 'not-for-this-device' };
  if (box.caseloadId !== membership.caseloadId) return { ok: false, reason: 'other-caseload' };
  const listed = membership.keys[box.keyVersion - 1];
  if (!listed || listed.keyVersion !== box.keyVersion) {
    return { ok: false, reason: 'not-in-membership' };
  }
  const raw = await openBox(box, me);
  if (raw === null) return { ok: false, reason: 'damaged' };
  try {
    const opened = await caseloadKeyFrom(box.caseloadId, box.keyVersion, raw);
    if (!sameBytes(fromBase64(opened.commitment), fromBase64(listed.commitment))) {
      return { ok: false, reason: 'not-in-membership' };
    }
    return { ok: true, key: opened };
  } finally {
    raw.fill(0);
  }
}

/**
 * A key this device wrapped for itself and kept in its own sealed storage, before any list
 * names it (a caseload being set up): opened with this device's private key, with no list to
 * check it against. Never for a key read from the server: anyone can wrap a key for this
 * device there (use unwrapCaseloadKey). Never throws for bad input: says why.
 */
export async function unwrapOwnCaseloadKey(
  wrapped: unknown,
  me: DeviceIdentity,
): Promise<UnwrapResult> {
  const parsed = wrappedCaseloadKeySchema.safeParse(wrapped);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const box = parsed.data;
  if (box.recipient !== me.fingerprint) return { ok: false, reason: 'not-for-this-device' };
  const raw = await openBox(box, me);
  if (raw === null) return { ok: false, reason: 'damaged' };
  try {
    return { ok: true, key: await caseloadKeyFrom(box.caseloadId, box.keyVersion, raw) };
  } finally {
    raw.fill(0);
  }
}
