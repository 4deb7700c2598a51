import { describe, expect, it } from 'vitest';
import { fromBase64, randomBytes, toBase64 } from '../../../../src/lib/crypto';
import {
  IdentityError,
  displayFingerprint,
  fingerprintOf,
  generateDeviceIdentity,
  openDeviceIdentity,
  parsePublicKeys,
} from '../../../../src/team/keys/identity';

async function aesKey() {
  return crypto.subtle.importKey('raw', randomBytes(32), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

describe('a device identity', () => {
  it('is stored with its private keys sealed under the data key, and opens again', async () => {
    const dataKey = randomBytes(32);
    const { identity, stored } = await generateDeviceIdentity(dataKey);
    expect(Object.keys(stored).sort()).toEqual(
      ['fingerprint', 'format', 'iv', 'publicKeys', 'sealed', 'version'].sort(),
    );
    // Nothing private in the clear: the stored form holds the public keys and the seal only.
    expect(JSON.stringify(stored)).not.toContain('"d"');
    expect(identity.agreementKey.extractable).toBe(false);
    expect(identity.signingKey.extractable).toBe(false);

    const opened = await openDeviceIdentity(JSON.parse(JSON.stringify(stored)), dataKey);
    expect(opened.fingerprint).toBe(identity.fingerprint);
    expect(opened.publicKeys).toEqual(identity.publicKeys);
    expect(opened.agreementKey.extractable).toBe(false);

    // The opened private key signs what the public key verifies.
    const data = new TextEncoder().encode('probe');
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      opened.signingKey,
      data,
    );
    const publicKey = await crypto.subtle.importKey(
      'raw',
      fromBase64(identity.publicKeys.signing),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    expect(
      await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, data),
    ).toBe(true);
  });

  it('takes an AES-GCM CryptoKey as the wrapping key too', async () => {
    const key = await aesKey();
    const { identity, stored } = await generateDeviceIdentity(key);
    expect((await openDeviceIdentity(stored, key)).fingerprint).toBe(identity.fingerprint);
  });

  it('does not open with another data key', async () => {
    const { stored } = await generateDeviceIdentity(randomBytes(32));
    await expect(openDeviceIdentity(stored, randomBytes(32))).rejects.toThrow(IdentityError);
  });

  it('refuses a stored form whose public keys were swapped for another device’s', async () => {
    const dataKey = randomBytes(32);
    const mine = await generateDeviceIdentity(dataKey);
    const other = await generateDeviceIdentity(dataKey);
    const swapped = {
      ...mine.stored,
      publicKeys: other.stored.publicKeys,
      fingerprint: other.stored.fingerprint,
    };
    await expect(openDeviceIdentity(swapped, dataKey)).rejects.toThrow(IdentityError);
    const wrongPrint = { ...mine.stored, fingerprint: other.stored.fingerprint };
    await expect(openDeviceIdentity(wrongPrint, dataKey)).rejects.toThrow(IdentityError);
  });

  it('refuses anything that is not a stored identity, without throwing anything else', async () => {
    const dataKey = randomBytes(32);
    const { stored } = await generateDeviceIdentity(dataKey);
    const sealed = fromBase64(stored.sealed);
    sealed[0] = (sealed[0] ?? 0) ^ 1;
    for (const bad of [
      null,
      'text',
      {},
      { ...stored, version: 2 },
      { ...stored, sealed: toBase64(sealed) },
      { ...stored, extra: 1 },
    ]) {
      await expect(openDeviceIdentity(bad, dataKey)).rejects.toThrow(IdentityError);
    }
  });

  it('has a fingerprint of its public keys, shown as six groups of five digits', async () => {
    const { identity } = await generateDeviceIdentity(randomBytes(32));
    expect(identity.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintOf(identity.publicKeys)).toBe(identity.fingerprint);
    expect(displayFingerprint(identity.fingerprint)).toMatch(/^\d{5}( \d{5}){5}$/);
    const other = (await generateDeviceIdentity(randomBytes(32))).identity;
    expect(displayFingerprint(other.fingerprint)).not.toBe(
      displayFingerprint(identity.fingerprint),
    );
    expect(() => displayFingerprint('not hex')).toThrow();
  });

  it('checks public keys received from elsewhere are points on the curve', async () => {
    const { identity } = await generateDeviceIdentity(randomBytes(32));
    expect(await parsePublicKeys(identity.publicKeys)).toEqual(identity.publicKeys);
    const offCurve = new Uint8Array(65);
    offCurve[0] = 4;
    offCurve[64] = 7;
    expect(
      await parsePublicKeys({ ...identity.publicKeys, agreement: toBase64(offCurve) }),
    ).toBeNull();
    expect(await parsePublicKeys({ agreement: 'AAAA', signing: 'AAAA' })).toBeNull();
    expect(await parsePublicKeys(undefined)).toBeNull();
  });
});
