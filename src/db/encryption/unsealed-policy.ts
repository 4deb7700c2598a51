/**
 * What the database does with a record that carries no seal (./record-seal.ts) while the
 * app is unlocked:
 *
 * - 'refuse' (the usual): it is damaged, never shown as genuine. Once encryption is on every
 *   record is sealed, so a plain one can only have been written there by someone else.
 * - 'legacy-v1': for the one-time upgrade of a device encrypted in the first format (fields
 *   encrypted one by one, "enc:v1:..."), from unlock until ./reseal.ts has sealed every
 *   record: plain records are read, their LEGACY_ENCRYPTED_FIELDS decrypted.
 * - 'plain': while a passphrase is being set up on a device that had none: its records are
 *   all plain (demo data), read as they are (nothing is taken for ciphertext) and sealed.
 *
 * Held in memory, set by ./lock-control.ts; the middleware asks at each read.
 */
export type UnsealedPolicy = 'refuse' | 'legacy-v1' | 'plain';

let policy: UnsealedPolicy = 'refuse';

export function unsealedPolicy(): UnsealedPolicy {
  return policy;
}

/** True while plain records are read rather than refused. */
export function acceptsUnsealed(): boolean {
  return policy !== 'refuse';
}

export function setUnsealedPolicy(next: UnsealedPolicy): void {
  policy = next;
}
