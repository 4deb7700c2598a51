/**
 * Every key of the settings table (a key-value store beside the records), in one place, with
 * what its row holds. Plain strings only, so that any module may import them, the first
 * screen's included. Which rows a backup carries, which are encrypted and which a restore or
 * an erasure tidies are decided where those happen (backup/, encryption/encrypted-fields.ts,
 * tidy-settings.ts); this module only names them.
 */

// The coach's lock

/** The keyring: the data key wrapped by the passphrase and by the recovery key. */
export const KEYRING_KEY = 'keyring';
/** Wrong passphrase or recovery key tries in a row, and when the next may be made. */
export const UNLOCK_ATTEMPTS_KEY = 'unlockAttempts';
/** Minutes without use before the app locks itself. */
export const AUTO_LOCK_KEY = 'autoLockMinutes';
/** Hours after unlocking before the app locks itself, even in use. */
export const UNLOCK_LIMIT_KEY = 'unlockLimitHours';
/**
 * The first format's list of encrypted fields known to be encrypted: no longer written, but
 * left on devices encrypted before records were sealed (removed when they are resealed).
 */
export const ENCRYPTED_FIELDS_KEY = 'encryptedFields';
/**
 * How the records are stored: 2 once every record is sealed (issue 13). A device with a
 * keyring and no such setting was encrypted in the first format and is resealed at unlock.
 */
export const RECORD_FORMAT_KEY = 'recordFormat';

// Handing over to a young person

/** The coach's PIN: its PBKDF2 hash, sealed under the data key, and salt; never the PIN. */
export const COACH_PIN_KEY = 'coachPin';
/** Wrong PIN tries in a row, and the wait before the next (see domain/pin-attempts.ts). */
export const PIN_ATTEMPTS_KEY = 'pinAttempts';
/** The handover in progress: whose space the device is in. */
export const HANDOVER_KEY = 'handover';
/**
 * "Forgot the PIN?": the handover to end at the next unlock (the passphrase or the recovery
 * key), when the PIN is removed too.
 */
export const HANDOVER_END_KEY = 'handoverEndAtUnlock';

// The service's choices

/** The reliable change threshold in points. */
export const RELIABLE_CHANGE_THRESHOLD_KEY = 'reliableChangeThreshold';
/** How many months after closure a closed case is kept. */
export const RETENTION_MONTHS_KEY = 'retentionMonths';

// Records about the records

/** The ids of the demo young people, so they can be removed later. */
export const DEMO_IDS_KEY = 'demoYoungPersonIds';
/** The ids of erased young people (no names), oldest erasure first. */
export const ERASED_IDS_KEY = 'erasedYoungPersonIds';
/** The instant (ISO 8601) the last backup file was made. */
export const LAST_BACKUP_KEY = 'lastBackupAt';

// Working as a team (issue 14)

/**
 * This device's connection to the service's team server: address, user name and password,
 * the caseload database, the device's identity (private keys wrapped by the data key), the
 * lead's public keys and signed membership list, and the caseload keys wrapped for this
 * device. Sealed under the data key (encryption/encrypted-fields.ts), never in a backup.
 */
export const TEAM_CONNECTION_KEY = 'teamConnection';
/**
 * Joining a team, between the coach's answer to an invitation and the lead's acceptance: the
 * server, team database, user name and password, this device's identity (private keys wrapped
 * by the data key) and the lead's public keys as the invitation proved them. Sealed like the
 * connection; removed once the connection is saved, or when the coach stops joining.
 */
export const TEAM_JOIN_KEY = 'teamJoin';
/**
 * The service lead's team state on this device: server, team database, user name and
 * password, the lead's identity (private keys wrapped by the data key), the caseload keys
 * wrapped for this device, pending invitations (with their codes) and the newest signed
 * membership lists. Sealed under the data key, never in a backup.
 */
export const TEAM_LEAD_KEY = 'teamLead';

// Restoring

/**
 * The copy kept from before the last "replace everything": its head row under this key, its
 * parts under `${SAFETY_COPY_KEY}:1`, `:2`, … (see safetyCopyPartKey).
 */
export const SAFETY_COPY_KEY = 'restoreSafetyCopy';
/** A key never stored: reading it is the smallest request there is (restore's pauses). */
export const RESTORE_PACE_KEY = 'restorePace';

/** The key of the safety copy's part `n` (from 1). */
export const safetyCopyPartKey = (n: number): string => `${SAFETY_COPY_KEY}:${n}`;
