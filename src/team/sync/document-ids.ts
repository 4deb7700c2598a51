/**
 * Which server document holds which record. A document's id is derived, not stored:
 *
 *   HMAC-SHA-256(K_ids, "record" ‖ table ‖ id), its first 16 bytes in hex,
 *   K_ids = HKDF-SHA-256(caseload key, info: "document-ids" ‖ caseload id ‖ key version)
 *
 * So every device that holds the caseload key finds the same document for the same record
 * (two devices editing one record offline write two revisions of one document, which is what
 * CouchDB's conflict handling needs), no table maps ids on the device, and the server, which
 * has no key, sees ids that say nothing about the record (they look as random as
 * `newDocumentId()`'s). The sub-key is separate from the key that encrypts, as one key is
 * never used for two purposes.
 *
 * The ids depend on the key version: a caseload whose key is rotated gets new document ids
 * with its new key, so that a removed coach, who kept the old key, cannot follow which
 * documents later change (the rotation itself, rewriting every document, is not built yet).
 */
import { subscribeToLock } from '../../db/encryption/session-key';
import type { CaseloadKey } from '../keys/caseload-key';
import { TEAM_CONTEXT, encodeFields, subtle, toHex } from '../keys/encoding';
import { hmacKey, hmacSha256, wipeHmacKey, type HmacKey } from './hmac-sha256';

/** Bytes of a derived document id (hex: twice as many characters). */
const ID_BYTES = 16;

/** Derives the document ids of one caseload key. */
export interface DocumentIds {
  /** The document that holds this record (or its deletion). */
  ofRecord(table: string, id: string): Promise<string>;
  /** The document that keeps one losing version of a record, after a conflict. */
  ofConflict(documentId: string, losingRevision: string): Promise<string>;
}

/**
 * K_ids, derived with Web Crypto's HKDF (as the 256 bits an HMAC-SHA-256 key of that length
 * is made of) and kept only as its HMAC midstates (./hmac-sha256.ts): the HMAC of each id is
 * computed in JavaScript, as one Web Crypto call per id was most of the cost of checking
 * every document's id (issue 14). Kept per caseload key, caseload and version until the app
 * locks, then wiped.
 */
interface Derived {
  key: HmacKey;
  wiped: boolean;
}

let derived = new WeakMap<CryptoKey, Map<string, Promise<Derived>>>();
let held = new Set<Derived>();

/** Wipes every derived id key (the app locked). */
export function forgetDocumentIdKeys(): void {
  for (const entry of held) {
    entry.wiped = true;
    wipeHmacKey(entry.key);
  }
  held = new Set();
  derived = new WeakMap();
}

subscribeToLock(forgetDocumentIdKeys);

async function derive(caseloadKey: CaseloadKey): Promise<Derived> {
  const raw = new Uint8Array(await subtle().exportKey('raw', caseloadKey.key));
  let bits: Uint8Array;
  try {
    const material = await subtle().importKey('raw', raw, 'HKDF', false, ['deriveBits']);
    bits = new Uint8Array(
      await subtle().deriveBits(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(32),
          info: encodeFields(
            `${TEAM_CONTEXT}/document-ids`,
            caseloadKey.caseloadId,
            String(caseloadKey.keyVersion),
          ),
        },
        material,
        256,
      ),
    );
  } finally {
    raw.fill(0);
  }
  try {
    const entry = { key: hmacKey(bits), wiped: false };
    held.add(entry);
    return entry;
  } finally {
    bits.fill(0);
  }
}

/** The id key of `caseloadKey`, derived once until the app locks. */
async function idKeyOf(caseloadKey: CaseloadKey): Promise<HmacKey> {
  const label = `${caseloadKey.caseloadId}\u0000${caseloadKey.keyVersion}`;
  for (;;) {
    let byLabel = derived.get(caseloadKey.key);
    if (!byLabel) {
      byLabel = new Map();
      derived.set(caseloadKey.key, byLabel);
    }
    let entry = byLabel.get(label);
    if (!entry) {
      const made = derive(caseloadKey);
      entry = made;
      byLabel.set(label, made);
      // A failed derivation is not kept: the next call tries again.
      const map = byLabel;
      made.catch(() => {
        if (map.get(label) === made) map.delete(label);
      });
    }
    const found = await entry;
    if (!found.wiped) return found.key;
    // Wiped while this call waited (the app locked): derived again.
    if (byLabel.get(label) === entry) byLabel.delete(label);
  }
}

export async function documentIdsFor(caseloadKey: CaseloadKey): Promise<DocumentIds> {
  await idKeyOf(caseloadKey);
  const mac = async (...fields: string[]) => {
    const key = await idKeyOf(caseloadKey);
    return toHex(hmacSha256(key, encodeFields(...fields)).subarray(0, ID_BYTES));
  };
  return {
    ofRecord: (table, id) => mac('record', table, id),
    ofConflict: (documentId, losingRevision) => mac('conflict', documentId, losingRevision),
  };
}
