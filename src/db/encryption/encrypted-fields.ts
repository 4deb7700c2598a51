/**
 * Which fields are stored encrypted, as plain data: the list the middleware (./middleware.ts)
 * encrypts and decrypts, and the one re-encryption (./re-encrypt.ts) works through. Adding a
 * field here is enough: records stored before are read as they are and encrypted at the next
 * unlock (encryptPlainValues).
 */
import type { Draft } from '../../domain/draft';
import type { Closure, Goal, ResilienceMap, Session, YoungPerson } from '../../domain/schemas';
import { SAFETY_COPY_KEY } from '../settings-keys';

/** 'text': a string, encrypted as it is. 'json': any value, as JSON text. */
export type EncryptedFieldKind = 'text' | 'json';

interface EncryptableRecords {
  youngPeople: YoungPerson;
  goals: Goal;
  sessions: Session;
  closures: Closure;
  resilienceMaps: ResilienceMap;
  drafts: Draft;
}

/**
 * The fields stored encrypted, by table. Left plain on purpose: ids, dates and status (the
 * indexes, which queries need), referralDate and closedOn (indexed dates), goal domains and
 * moves, session location, moves and noble truths, map tiles (framework ids), closure reasons
 * and outcomes (fixed choices), scores and ratings. A young person's programme is free text
 * (it is not indexed: reports filter it in memory), and a closure's reopenReason too, so both
 * are encrypted.
 */
export const ENCRYPTED_FIELDS = {
  youngPeople: {
    name: 'text',
    dateOfBirth: 'text',
    school: 'text',
    programme: 'text',
    closureReason: 'text',
  },
  goals: { text: 'text' },
  sessions: { notes: 'text' },
  closures: {
    reasonDetail: 'text',
    youngPersonComments: 'text',
    parentCarerComments: 'text',
    reopenReason: 'text',
  },
  resilienceMaps: { examples: 'json' },
  drafts: { values: 'json' },
} as const satisfies {
  [T in keyof EncryptableRecords]: Partial<Record<keyof EncryptableRecords[T], EncryptedFieldKind>>;
};

export type EncryptedTableName = keyof typeof ENCRYPTED_FIELDS;

/**
 * Settings whose value holds records about young people, stored encrypted like record
 * fields: the safety copy kept before a restore replaced everything. Every other setting
 * (the keyring, wrong tries, the PIN's hash, the handover, numbers and dates) stays plain,
 * since the app needs some of them while locked.
 */
export const ENCRYPTED_SETTINGS: ReadonlySet<string> = new Set([SAFETY_COPY_KEY]);

/** A record as stored or read, fields by name (the middleware adds a symbol: see STORED). */
export type PlainRecord = Record<string | symbol, unknown>;

/** Encrypted fields with their kind, in the order they are listed. */
export type FieldList = readonly (readonly [string, EncryptedFieldKind])[];

/** ENCRYPTED_FIELDS as lists, by table name. */
export const FIELDS_BY_TABLE: ReadonlyMap<string, FieldList> = new Map(
  Object.entries(ENCRYPTED_FIELDS).map(([table, fields]) => [table, Object.entries(fields)]),
);

/** The one encrypted field of an encrypted setting. */
export const SETTING_VALUE: FieldList = [['value', 'json']];
export const NO_FIELDS: FieldList = [];

/**
 * True for an encrypted setting, or a further part of one: a large value (the safety copy)
 * is kept in parts, `restoreSafetyCopy`, then `restoreSafetyCopy:1`, `restoreSafetyCopy:2`, …
 */
export function isEncryptedSetting(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const colon = key.indexOf(':');
  return ENCRYPTED_SETTINGS.has(colon === -1 ? key : key.slice(0, colon));
}

/** How one table is encrypted. */
export interface TablePlan {
  /** The encrypted fields of this record (all of them for most tables). */
  fieldsOf: (record: PlainRecord) => FieldList;
  /** Every field that can be encrypted in this table. */
  allFields: FieldList;
  /**
   * True when every record has encrypted fields, so any read or write of a record while
   * locked is refused. False for settings: only the encrypted ones are refused then.
   */
  strict: boolean;
}

/** How `table` is encrypted, or null when it has no encrypted fields (it passes through). */
export function planFor(table: string): TablePlan | null {
  const fields = FIELDS_BY_TABLE.get(table);
  if (fields) return { fieldsOf: () => fields, allFields: fields, strict: true };
  if (table !== 'settings') return null;
  return {
    fieldsOf: (record) => (isEncryptedSetting(record.key) ? SETTING_VALUE : NO_FIELDS),
    allFields: SETTING_VALUE,
    strict: false,
  };
}

/** Every encrypted field by name: "youngPeople.name", …, "settings.restoreSafetyCopy". */
export const ALL_FIELD_NAMES: readonly string[] = [
  ...[...FIELDS_BY_TABLE].flatMap(([table, fields]) =>
    fields.map(([field]) => `${table}.${field}`),
  ),
  ...[...ENCRYPTED_SETTINGS].map((key) => `settings.${key}`),
];
