/**
 * The code that seals and opens records (./record-seal.ts, with the padding and AES-GCM it
 * uses, and the first format's cipher), loaded when the app is unlocked or encryption is set
 * up (loadSealKit, from ./lock-control.ts), not with the first screen: the unlock screen of every coach with records
 * stays within issue 7's budget. The middleware (./middleware.ts) asks for it here; without it
 * the app counts as locked, as no record can be opened then anyway.
 */
import { provideSealingTables } from './middleware';
import { LockedError } from './session-key';

type RecordSeal = typeof import('./record-seal');

let kit: RecordSeal | null = null;

/** Loads the sealing code; call (and wait) before the first record is sealed or opened. */
export async function loadSealKit(): Promise<void> {
  if (kit) return;
  const [loaded, fastGcm, fieldCrypto, tables] = await Promise.all([
    import('./record-seal'),
    import('./fast-gcm'),
    import('./field-crypto'),
    import('./sealing-table'),
  ]);
  await Promise.all([fastGcm.loadFastGcm(), fieldCrypto.loadFieldCipher()]);
  kit = loaded;
  // From now on the middleware seals and opens (until now it passed records through or
  // refused them).
  provideSealingTables(tables.sealingTable);
}

/** The sealing code, loaded; a LockedError while it is not. */
export function sealKit(): RecordSeal {
  if (!kit) throw new LockedError();
  return kit;
}

/**
 * True for a stored record that carries a seal (it may still fail to open): a string field
 * `sealed` starting "enc:v2:". Here rather than in ./record-seal.ts so that reading without
 * the sealing code loaded (before a passphrase is chosen) can tell.
 */
export function looksSealed(stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null || !Object.hasOwn(stored, 'sealed')) {
    return false;
  }
  const sealed = (stored as { sealed?: unknown }).sealed;
  return typeof sealed === 'string' && sealed.startsWith('enc:v2:');
}
