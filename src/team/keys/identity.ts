/**
 * A device's identity for team working: an ECDH P-256 key pair (caseload keys are wrapped for
 * it, ./caseload-key.ts) and an ECDSA P-256 key pair (a lead signs membership lists with it,
 * ./membership.ts), made on the device of each person (coach or lead). The private keys never
 * leave the device unwrapped: they are stored only sealed with AES-GCM under the device's
 * data key (the key that encrypts the records at rest, given by the caller), and held in
 * memory as keys Web Crypto will not export.
 *
 * The public keys are published raw (base64). Their fingerprint, the SHA-256 of both, names
 * the device in wrapped keys and membership lists; its first 30 bytes, shown as six groups of
 * five digits, are for two people to compare on two screens.
 */
import {
  decryptBytes,
  encryptBytes,
  fromBase64,
  strictUtf8Decoder,
  toBase64,
  utf8Encoder,
  type Bytes,
} from '../../lib/crypto';
import {
  TEAM_CONTEXT,
  concatBytes,
  encodeFields,
  sameBytes,
  sha256,
  subtle,
  toHex,
} from './encoding';
import {
  publicKeysSchema,
  storedIdentitySchema,
  type PublicKeys,
  type StoredIdentity,
} from './schemas';

export type { PublicKeys, StoredIdentity } from './schemas';

const ECDH: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };
const ECDSA: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };

/** A device's identity, in memory: private keys Web Crypto will not export. */
export interface DeviceIdentity {
  /** ECDH: unwraps the caseload keys wrapped for this device. */
  agreementKey: CryptoKey;
  /** ECDSA: signs (a lead's membership lists). */
  signingKey: CryptoKey;
  publicKeys: PublicKeys;
  /** SHA-256 of the public keys, in hex: the device's name in wrapped keys and lists. */
  fingerprint: string;
}

/**
 * What wraps the private keys: the device's data key (its 32 bytes, as the app holds it while
 * unlocked) or an AES-GCM CryptoKey.
 */
export type WrappingKey = Uint8Array | CryptoKey;

/** Thrown when a stored identity does not open: the wrong data key, or it was changed. */
export class IdentityError extends Error {
  constructor(message = 'The keys of this device for the service could not be opened.') {
    super(message);
    this.name = 'IdentityError';
  }
}

async function aesKeyOf(wrappingKey: WrappingKey): Promise<CryptoKey> {
  if (!(wrappingKey instanceof Uint8Array)) return wrappingKey;
  if (wrappingKey.length !== 32) throw new Error('A data key is 32 bytes.');
  // A copy: the app wipes its data key on lock, and Web Crypto keeps its own.
  return subtle().importKey('raw', new Uint8Array(wrappingKey), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The fingerprint of a device's public keys: SHA-256 of both, raw, in hex. */
export async function fingerprintOf(publicKeys: PublicKeys): Promise<string> {
  const digest = await sha256(
    concatBytes(
      encodeFields(`${TEAM_CONTEXT}/fingerprint`),
      fromBase64(publicKeys.agreement),
      fromBase64(publicKeys.signing),
    ),
  );
  return toHex(digest);
}

/**
 * A fingerprint as people compare it: six groups of five digits ("01234 56789 ..."), each
 * group from 5 bytes of the fingerprint (as Signal's safety numbers): about 99 bits.
 */
export function displayFingerprint(fingerprint: string): string {
  if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw new Error('Not a fingerprint.');
  const groups: string[] = [];
  for (let group = 0; group < 6; group += 1) {
    const value = BigInt(`0x${fingerprint.slice(group * 10, group * 10 + 10)}`) % 100_000n;
    groups.push(value.toString().padStart(5, '0'));
  }
  return groups.join(' ');
}

const sealContext = (fingerprint: string) =>
  encodeFields(`${TEAM_CONTEXT}/device-identity`, fingerprint);

/**
 * A new identity for this device, and its stored form: the private keys sealed under
 * `wrappingKey` (the device's data key). Keep the stored form in the device's database;
 * the identity is usable at once.
 */
export async function generateDeviceIdentity(
  wrappingKey: WrappingKey,
): Promise<{ identity: DeviceIdentity; stored: StoredIdentity }> {
  // Made extractable only to be sealed: what is kept in memory is imported again without.
  const agreement = await subtle().generateKey(ECDH, true, ['deriveBits']);
  const signing = await subtle().generateKey(ECDSA, true, ['sign', 'verify']);
  const publicKeys: PublicKeys = {
    agreement: toBase64(new Uint8Array(await subtle().exportKey('raw', agreement.publicKey))),
    signing: toBase64(new Uint8Array(await subtle().exportKey('raw', signing.publicKey))),
  };
  const fingerprint = await fingerprintOf(publicKeys);
  const privates = {
    agreement: new Uint8Array(await subtle().exportKey('pkcs8', agreement.privateKey)),
    signing: new Uint8Array(await subtle().exportKey('pkcs8', signing.privateKey)),
  };
  try {
    const plain = utf8Encoder.encode(
      JSON.stringify({
        agreement: toBase64(privates.agreement),
        signing: toBase64(privates.signing),
      }),
    );
    const { iv, ciphertext } = await encryptBytes(
      await aesKeyOf(wrappingKey),
      plain,
      sealContext(fingerprint),
    );
    plain.fill(0);
    const stored: StoredIdentity = {
      format: 'resilience-coaching/device-identity',
      version: 1,
      publicKeys,
      fingerprint,
      iv: toBase64(iv),
      sealed: toBase64(ciphertext),
    };
    const identity = await importIdentity(privates.agreement, privates.signing, publicKeys);
    return { identity, stored };
  } finally {
    privates.agreement.fill(0);
    privates.signing.fill(0);
  }
}

async function importIdentity(
  agreementPkcs8: Bytes,
  signingPkcs8: Bytes,
  publicKeys: PublicKeys,
): Promise<DeviceIdentity> {
  const agreementKey = await subtle().importKey('pkcs8', agreementPkcs8, ECDH, false, [
    'deriveBits',
  ]);
  const signingKey = await subtle().importKey('pkcs8', signingPkcs8, ECDSA, false, ['sign']);
  return { agreementKey, signingKey, publicKeys, fingerprint: await fingerprintOf(publicKeys) };
}

/**
 * The identity in a stored form made by generateDeviceIdentity, opened with the same
 * wrapping key. Throws an IdentityError when it is not such a form, the key is wrong, or
 * anything in it was changed (its public keys or fingerprint included: they are checked
 * against the private keys' seal).
 */
export async function openDeviceIdentity(
  stored: unknown,
  wrappingKey: WrappingKey,
): Promise<DeviceIdentity> {
  const parsed = storedIdentitySchema.safeParse(stored);
  if (!parsed.success) throw new IdentityError('The stored keys of this device are not readable.');
  const { publicKeys, fingerprint, iv, sealed } = parsed.data;
  if ((await fingerprintOf(publicKeys)) !== fingerprint) throw new IdentityError();
  let plain: Bytes;
  try {
    plain = await decryptBytes(
      await aesKeyOf(wrappingKey),
      fromBase64(iv),
      fromBase64(sealed),
      sealContext(fingerprint),
    );
  } catch {
    throw new IdentityError();
  }
  let agreement: Bytes | null = null;
  let signing: Bytes | null = null;
  try {
    const privates: unknown = JSON.parse(strictUtf8Decoder.decode(plain));
    if (
      typeof privates !== 'object' ||
      privates === null ||
      !('agreement' in privates) ||
      !('signing' in privates) ||
      typeof privates.agreement !== 'string' ||
      typeof privates.signing !== 'string'
    ) {
      throw new IdentityError();
    }
    agreement = fromBase64(privates.agreement);
    signing = fromBase64(privates.signing);
    const identity = await importIdentity(agreement, signing, publicKeys);
    // The sealed private keys must be those of the public keys stored beside them.
    if (!(await matchesPublicKeys(identity))) throw new IdentityError();
    return identity;
  } catch (error) {
    if (error instanceof IdentityError) throw error;
    throw new IdentityError();
  } finally {
    plain.fill(0);
    agreement?.fill(0);
    signing?.fill(0);
  }
}

/** True when the identity's private keys belong to its public keys (a signature and an ECDH). */
async function matchesPublicKeys(identity: DeviceIdentity): Promise<boolean> {
  const probe = encodeFields(`${TEAM_CONTEXT}/identity-probe`);
  const signature = await subtle().sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    identity.signingKey,
    probe,
  );
  const signingPublic = await importSigningPublicKey(identity.publicKeys);
  if (
    !(await subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, signingPublic, signature, probe))
  ) {
    return false;
  }
  // ECDH with a fresh key pair both ways gives the same secret only for the right pair.
  const other = await subtle().generateKey(ECDH, false, ['deriveBits']);
  const agreementPublic = await importAgreementPublicKey(identity.publicKeys);
  const mine = new Uint8Array(
    await subtle().deriveBits(
      { name: 'ECDH', public: other.publicKey },
      identity.agreementKey,
      256,
    ),
  );
  const theirs = new Uint8Array(
    await subtle().deriveBits({ name: 'ECDH', public: agreementPublic }, other.privateKey, 256),
  );
  const same = sameBytes(mine, theirs);
  mine.fill(0);
  theirs.fill(0);
  return same;
}

/** The ECDH public key of a device, for Web Crypto. Throws on a point not on the curve. */
export function importAgreementPublicKey(publicKeys: PublicKeys): Promise<CryptoKey> {
  return subtle().importKey('raw', fromBase64(publicKeys.agreement), ECDH, true, []);
}

/** The ECDSA public key of a device, for Web Crypto. Throws on a point not on the curve. */
export function importSigningPublicKey(publicKeys: PublicKeys): Promise<CryptoKey> {
  return subtle().importKey('raw', fromBase64(publicKeys.signing), ECDSA, true, ['verify']);
}

/**
 * Public keys received from elsewhere, checked: well formed, and both points on the curve.
 * Null when not.
 */
export async function parsePublicKeys(value: unknown): Promise<PublicKeys | null> {
  const parsed = publicKeysSchema.safeParse(value);
  if (!parsed.success) return null;
  try {
    await importAgreementPublicKey(parsed.data);
    await importSigningPublicKey(parsed.data);
  } catch {
    return null;
  }
  return parsed.data;
}

/**
 * The same stored identity with its private keys sealed under `newKey` instead of `oldKey`
 * (when the device's data key is changed). The keys themselves do not change, nor do the
 * public keys or fingerprint. Throws an IdentityError when it does not open with `oldKey`.
 */
export async function rewrapStoredIdentity(
  stored: StoredIdentity,
  oldKey: WrappingKey,
  newKey: WrappingKey,
): Promise<StoredIdentity> {
  const parsed = storedIdentitySchema.safeParse(stored);
  if (!parsed.success) throw new IdentityError('The stored keys of this device are not readable.');
  const { fingerprint, iv, sealed } = parsed.data;
  let plain: Bytes;
  try {
    plain = await decryptBytes(
      await aesKeyOf(oldKey),
      fromBase64(iv),
      fromBase64(sealed),
      sealContext(fingerprint),
    );
  } catch {
    throw new IdentityError();
  }
  try {
    const again = await encryptBytes(await aesKeyOf(newKey), plain, sealContext(fingerprint));
    return { ...parsed.data, iv: toBase64(again.iv), sealed: toBase64(again.ciphertext) };
  } finally {
    plain.fill(0);
  }
}
