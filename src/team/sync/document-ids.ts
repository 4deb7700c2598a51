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
import type { CaseloadKey } from '../keys/caseload-key';
import { TEAM_CONTEXT, encodeFields, subtle, toHex } from '../keys/encoding';

/** Bytes of a derived document id (hex: twice as many characters). */
const ID_BYTES = 16;

/** Derives the document ids of one caseload key. */
export interface DocumentIds {
  /** The document that holds this record (or its deletion). */
  ofRecord(table: string, id: string): Promise<string>;
  /** The document that keeps one losing version of a record, after a conflict. */
  ofConflict(documentId: string, losingRevision: string): Promise<string>;
}

export async function documentIdsFor(caseloadKey: CaseloadKey): Promise<DocumentIds> {
  const raw = new Uint8Array(await subtle().exportKey('raw', caseloadKey.key));
  let hmacKey: CryptoKey;
  try {
    const material = await subtle().importKey('raw', raw, 'HKDF', false, ['deriveKey']);
    hmacKey = await subtle().deriveKey(
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
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    );
  } finally {
    raw.fill(0);
  }
  const mac = async (...fields: string[]) => {
    const bytes = new Uint8Array(await subtle().sign('HMAC', hmacKey, encodeFields(...fields)));
    return toHex(bytes.subarray(0, ID_BYTES));
  };
  return {
    ofRecord: (table, id) => mac('record', table, id),
    ofConflict: (documentId, losingRevision) => mac('conflict', documentId, losingRevision),
  };
}
