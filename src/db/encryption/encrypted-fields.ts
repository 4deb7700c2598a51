/**
 * What is stored encrypted, as plain data: the tables whose every record is sealed (see
 * ./record-seal.ts: the whole record in one encrypted value, with only its indexed fields
 * beside it), the settings whose value is sealed, and the first format's list of encrypted
 * fields (LEGACY_ENCRYPTED_FIELDS), still read on a device encrypted before records were
 * sealed, until it is resealed (./reseal.ts).
 */
import type { Draft } from '../../domain/draft';
import type { Closure, Goal, ResilienceMap, Session, YoungPerson } from '../../domain/schemas';
import {
  SAFETY_COPY_KEY,
  TEAM_CONNECTION_KEY,
  TEAM_JOIN_KEY,
  TEAM_LEAD_KEY,
} from '../settings-keys';

/**
 * The tables that hold records about young people: every record of these is sealed. Only
 * the fields their indexes need (ids, dates, status: see ../schema.ts) stay readable beside
 * the seal, and those are checked against the sealed copy when the record is read.
 */
export const SEALED_TABLES: ReadonlySet<string> = new Set([
  'youngPeople',
  'goals',
  'sessions',
  'ratings',
  'closures',
  'resilienceMaps',
  'drafts',
]);

/** 'text': a string, encrypted as it is. 'json': any value, as JSON text. */
export type EncryptedFieldKind = 'text' | 'json';

interface LegacyRecords {
  youngPeople: YoungPerson;
  goals: Goal;
  sessions: Session;
  closures: Closure;
  resilienceMaps: ResilienceMap;
  drafts: Draft;
}

/**
 * The first format (before records were sealed): the fields stored encrypted one by one
 * ("enc:v1:..."), by table. Read only, and only on a device that has not been resealed yet:
 * there, a value of one of these fields that starts "enc:v1:" is decrypted; anywhere else
 * such text is plain text (demo text that looks like ciphertext is never taken for it).
 */
export const LEGACY_ENCRYPTED_FIELDS = {
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
  [T in keyof LegacyRecords]: Partial<Record<keyof LegacyRecords[T], EncryptedFieldKind>>;
};

/**
 * Settings whose value holds records about young people, or secrets, sealed like records:
 * the safety copy kept before a restore replaced everything, the team connection and a join
 * in progress (their password and the device's wrapped keys: never readable while locked). Every other setting (the keyring, wrong
 * tries, the PIN's hash, the handover, numbers and dates) stays plain, since the app needs
 * some of them while locked; plain settings are not authenticated (docs/security.md).
 */
export const SEALED_SETTINGS: ReadonlySet<string> = new Set([
  SAFETY_COPY_KEY,
  TEAM_CONNECTION_KEY,
  TEAM_JOIN_KEY,
  // The service lead's team state (issue 14): password, wrapped keys, invitation codes.
  TEAM_LEAD_KEY,
]);

/** A record as stored or read, fields by name. */
export type PlainRecord = Record<string, unknown>;

/** Encrypted fields with their kind, in the order they are listed. */
export type FieldList = readonly (readonly [string, EncryptedFieldKind])[];

/** LEGACY_ENCRYPTED_FIELDS as lists, by table name. */
const LEGACY_BY_TABLE: ReadonlyMap<string, FieldList> = new Map(
  Object.entries(LEGACY_ENCRYPTED_FIELDS).map(([table, fields]) => [table, Object.entries(fields)]),
);

/** The one encrypted field of an encrypted setting in the first format. */
const LEGACY_SETTING_VALUE: FieldList = [['value', 'json']];
const NO_FIELDS: FieldList = [];

/**
 * True for a sealed setting, or a further part of one: a large value (the safety copy) is
 * kept in parts, `restoreSafetyCopy`, then `restoreSafetyCopy:1`, `restoreSafetyCopy:2`, …
 */
export function isSealedSetting(key: unknown): boolean {
  if (typeof key !== 'string') return false;
  const colon = key.indexOf(':');
  return SEALED_SETTINGS.has(colon === -1 ? key : key.slice(0, colon));
}

/** How one table is sealed. */
export interface TablePlan {
  /**
   * True when every record is sealed, so any read or write of a record while locked is
   * refused. False for settings: only the sealed ones are (isSealedRow).
   */
  strict: boolean;
  /** True for a record (or a settings row) that is sealed. */
  isSealedRow: (record: PlainRecord) => boolean;
  /** The fields the first format encrypted in this record. */
  legacyFieldsOf: (record: PlainRecord) => FieldList;
}

const always = () => true;

/** How `table` is sealed, or null when nothing of it is (it passes through). */
export function planFor(table: string): TablePlan | null {
  if (SEALED_TABLES.has(table)) {
    const legacy = LEGACY_BY_TABLE.get(table) ?? NO_FIELDS;
    return { strict: true, isSealedRow: always, legacyFieldsOf: () => legacy };
  }
  if (table !== 'settings') return null;
  return {
    strict: false,
    isSealedRow: (record) => isSealedSetting(record.key),
    legacyFieldsOf: (record) => (isSealedSetting(record.key) ? LEGACY_SETTING_VALUE : NO_FIELDS),
  };
}
