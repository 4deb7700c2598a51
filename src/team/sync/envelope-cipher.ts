/**
 * AES-256-GCM under a caseload key, for the envelopes (../keys/envelope.ts): the app's fast GCM
 * (../../db/encryption/fast-gcm.ts) when it is loaded (it loads when the app is unlocked), with
 * Web Crypto otherwise. Both give exactly the same bytes (ciphertext then a 16-byte tag, 12-byte
 * IVs, the same associated data), so either opens what the other sealed.
 *
 * Why: a Web Crypto call costs about 100 µs in Node whatever the size, most of it starting the
 * job, and the lead's report opens every document of every caseload (issue 14,
 * docs/performance.md). Here each caseload key is exported once (the keys
 * are extractable, as a lead wraps them for new members), expanded once (its AES round keys and
 * GHASH tables, kept by key in a WeakMap), and the raw bytes are zeroed at once. When the app
 * locks, every expanded key is wiped (and a call still under way when it does is refused, not
 * run under zeroes); the next use expands the key again.
 */
import {
  expandGcmKey,
  gcmDecryptWith,
  gcmEncryptWith,
  isFastGcmLoaded,
  wipeGcmKey,
  type KeyState,
} from '../../db/encryption/fast-gcm';
import { subscribeToLock } from '../../db/encryption/session-key';
import { subtle } from '../keys/encoding';
import {
  provideEnvelopeCipher,
  webCryptoEnvelopeCipher,
  type EnvelopeCipher,
} from '../keys/envelope';

let expanded = new WeakMap<CryptoKey, Promise<KeyState>>();
/** Every key expanded since the last lock, to wipe (a WeakMap cannot be gone through). */
let held = new Set<KeyState>();

/** Wipes every expanded caseload key (the app locked). */
export function forgetEnvelopeKeys(): void {
  for (const state of held) wipeGcmKey(state);
  held = new Set();
  expanded = new WeakMap();
}

subscribeToLock(forgetEnvelopeKeys);

async function expand(key: CryptoKey): Promise<KeyState> {
  const raw = new Uint8Array(await subtle().exportKey('raw', key));
  try {
    const state = expandGcmKey(raw);
    held.add(state);
    return state;
  } finally {
    raw.fill(0);
  }
}

/** The key's expanded state, not wiped (one expansion per key until the app locks). */
async function stateOf(key: CryptoKey): Promise<KeyState> {
  for (;;) {
    let state = expanded.get(key);
    if (!state) {
      state = expand(key);
      expanded.set(key, state);
      // A failed export is not kept: the next call tries again.
      state.catch(() => {
        if (expanded.get(key) === state) expanded.delete(key);
      });
    }
    const found = await state;
    if (!found.wiped) return found;
    // Wiped while this call waited (the app locked): expanded again, or refused by the
    // cipher if the lock comes once more.
    if (expanded.get(key) === state) expanded.delete(key);
  }
}

/**
 * The fast GCM once it is loaded (../../db/encryption/seal-kit.ts loads it on unlock), with a
 * caseload key that can be exported (every caseload key is); Web Crypto otherwise.
 */
export const fastEnvelopeCipher: EnvelopeCipher = {
  async encrypt(key, iv, aad, plain) {
    if (!isFastGcmLoaded() || !key.extractable) {
      return webCryptoEnvelopeCipher.encrypt(key, iv, aad, plain);
    }
    return gcmEncryptWith(await stateOf(key), iv, aad, plain);
  },
  async decrypt(key, iv, aad, sealed) {
    if (!isFastGcmLoaded() || !key.extractable) {
      return webCryptoEnvelopeCipher.decrypt(key, iv, aad, sealed);
    }
    return gcmDecryptWith(await stateOf(key), iv, aad, sealed);
  },
};

// Loaded with the team's sync and lead code (imported by ./pull.ts, ./push.ts, ./session.ts
// and ../lead/caseload-records.ts), never with the first screen.
provideEnvelopeCipher(fastEnvelopeCipher);
