import { getDb } from '../../../../src/db/database';
import { generateRecoveryKey, parseRecoveryKey } from '../../../../src/db/encryption/recovery-key';
import {
  deriveAesKey,
  encryptBytes,
  fromBase64,
  randomBytes,
  toBase64,
} from '../../../../src/lib/crypto';

/**
 * Stores a keyring as the first version did (wrappings bound to ".../keyring/v1/...", 1,000
 * PBKDF2 iterations as the tests mock them) for `dataKey`; returns its recovery key.
 */
export async function firstVersionKeyring(dataKey: Uint8Array<ArrayBuffer>, passphrase: string) {
  const recoveryKey = generateRecoveryKey();
  const kdf = {
    name: 'PBKDF2',
    hash: 'SHA-256',
    iterations: 1000,
    salt: toBase64(randomBytes(16)),
  };
  const recoveryKdf = { ...kdf, salt: toBase64(randomBytes(16)) };
  const wrap = async (secret: string, salt: string, purpose: string) => {
    const key = await deriveAesKey(secret, fromBase64(salt), 1000);
    const aad = new TextEncoder().encode(`resilience-coaching/keyring/v1/${purpose}`);
    const { iv, ciphertext } = await encryptBytes(key, dataKey, aad);
    return { iv: toBase64(iv), wrapped: toBase64(ciphertext) };
  };
  const keyring = {
    version: 1,
    kdf,
    byPassphrase: await wrap(passphrase, kdf.salt, 'passphrase'),
    byRecoveryKey: {
      kdf: recoveryKdf,
      ...(await wrap(parseRecoveryKey(recoveryKey), recoveryKdf.salt, 'recovery-key')),
    },
    createdAt: '2026-01-01T10:00:00.000Z',
  };
  await getDb().settings.put({ key: 'keyring', value: keyring });
  return recoveryKey;
}
