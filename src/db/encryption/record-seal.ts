/**
 * A record as it is stored once encryption is on: its indexed fields (the primary key and the
 * indexes of its table, which queries need) as they are, and the WHOLE record, those fields
 * included, as one sealed value:
 *
 *   { id, youngPersonId, status, updatedAt, sealed: "enc:v2:..." }
 *
 * The sealed value is the record's JSON, padded and encrypted with the data key (./sealed-text.ts), bound to its table and id (the associated data `resilience-coaching/record/v2/
 * <table>/<id>`). Opening it checks that every plain field is the same as in the sealed copy,
 * so the plain fields are authenticated too: a goal whose youngPersonId was changed in
 * IndexedDB, a record copied under another id or into another table, a plain value written
 * where the seal belongs, all fail, with a reason (SealFailure). What is read is the sealed
 * copy, never the plain fields.
 *
 * One value per record (not one per field) so that the service report, which reads every
 * field of thousands of records, decrypts once per record.
 */
import { isObject, own } from '../../lib/objects';
import type { FieldList } from './encrypted-fields';
import { FieldDecryptError, decryptField, isEncryptedField } from './field-crypto';
import { isSealedText, openSealedText, sealText } from './sealed-text';

/** The stored field that holds the sealed record. */
export const SEALED_FIELD = 'sealed';

/** The associated data of every sealed record starts with this. */
export const RECORD_CONTEXT_PREFIX = 'resilience-coaching/record/v2/';

/**
 * Why a stored record is not taken as genuine:
 * - 'not-sealed': it has no seal (plain, or a plain value where the seal belongs);
 * - 'seal-broken': the seal does not open with the data key in this place (changed, moved to
 *   another id or table, or sealed with another key);
 * - 'fields-changed': the seal opens, but a plain field differs from the sealed copy (an id
 *   it belongs to, a date or a status was changed, or a field added).
 */
export type SealFailure = 'not-sealed' | 'seal-broken' | 'fields-changed';

export type OpenedRecord =
  { ok: true; record: Record<string, unknown> } | { ok: false; reason: SealFailure };

/** The associated data of a record: its table and id. */
export function recordContext(table: string, id: unknown): string {
  const idText = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  return `${RECORD_CONTEXT_PREFIX}${table}/${idText}`;
}

/** True for a stored record that carries a seal (it may still fail to open). */
export function isSealedRecord(stored: unknown): boolean {
  return isObject(stored) && isSealedText(own(stored, SEALED_FIELD));
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * How a table is sealed: the fields kept plain (the key paths of its primary key and indexes,
 * compound ones split into their parts) and how to find a record's id.
 */
export interface SealShape {
  table: string;
  plainFields: readonly string[];
  idOf: (record: Record<string, unknown>) => unknown;
}

/**
 * The stored form of `record`: its plain fields and the seal of the whole record. The
 * caller's object is not changed. Throws a TypeError for a record that JSON cannot carry.
 */
export function sealRecord(
  key: Uint8Array,
  shape: SealShape,
  record: Record<string, unknown>,
): Record<string, unknown> {
  if (Object.hasOwn(record, SEALED_FIELD)) {
    throw new TypeError(`A record of ${shape.table} may not have a field named "${SEALED_FIELD}".`);
  }
  const json = JSON.stringify(record);
  const stored: Record<string, unknown> = {};
  for (const field of shape.plainFields) {
    const value = own(record, field);
    if (value !== undefined) stored[field] = value;
  }
  stored[SEALED_FIELD] = sealText(key, json, recordContext(shape.table, shape.idOf(record)));
  return stored;
}

/**
 * The record inside a stored one, checked: the seal opens with `key` for this table and id,
 * and every plain field is as in the sealed copy (and there is no other). Never throws for a
 * bad record: says why it is not genuine.
 */
export function openRecord(key: Uint8Array, shape: SealShape, stored: unknown): OpenedRecord {
  if (!isObject(stored)) return { ok: false, reason: 'not-sealed' };
  const sealed = own(stored, SEALED_FIELD);
  if (!isSealedText(sealed)) return { ok: false, reason: 'not-sealed' };
  let record: unknown;
  try {
    record = JSON.parse(
      openSealedText(key, sealed, recordContext(shape.table, shape.idOf(stored))),
    );
  } catch (error) {
    if (error instanceof FieldDecryptError || error instanceof SyntaxError) {
      return { ok: false, reason: 'seal-broken' };
    }
    throw error;
  }
  if (!isObject(record)) return { ok: false, reason: 'seal-broken' };
  for (const field of Object.keys(stored)) {
    if (field === SEALED_FIELD) continue;
    if (!shape.plainFields.includes(field)) return { ok: false, reason: 'fields-changed' };
  }
  for (const field of shape.plainFields) {
    if (!same(own(stored, field), own(record, field))) {
      return { ok: false, reason: 'fields-changed' };
    }
  }
  return { ok: true, record };
}

/** Where a first-format value belongs (its associated data then). */
function legacyContext(table: string, id: unknown, field: string): string {
  const idText = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  return `${table}/${idText}/${field}`;
}

/**
 * A record of the first format (before records were sealed): its values of the listed fields
 * that start "enc:v1:" decrypted, each bound to its table, id and field; nothing else is
 * taken for ciphertext. 'seal-broken' when one does not decrypt.
 */
export function openLegacyRecord(
  key: Uint8Array,
  shape: SealShape,
  fields: FieldList,
  stored: Record<string, unknown>,
): OpenedRecord {
  let copy: Record<string, unknown> | null = null;
  for (const [field, kind] of fields) {
    const value = own(stored, field);
    if (!isEncryptedField(value)) continue;
    try {
      const text = decryptField(key, value, legacyContext(shape.table, shape.idOf(stored), field));
      copy ??= { ...stored };
      copy[field] = kind === 'json' ? JSON.parse(text) : text;
    } catch {
      return { ok: false, reason: 'seal-broken' };
    }
  }
  return { ok: true, record: copy ?? stored };
}
