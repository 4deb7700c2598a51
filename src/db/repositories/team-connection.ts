/**
 * This device's team connection (issue 14): what it needs to sync its caseload with the
 * service's team server. One settings row, TEAM_CONNECTION_KEY, sealed under the data key
 * like a record (../encryption/encrypted-fields.ts): it cannot be read or written while the
 * app is locked, nor from a copy of the database. Backups never carry it (they hold records,
 * not settings), and a restore or an erasure leaves it as it is.
 *
 * It holds the user name and password, the caseload database, this device's identity (its
 * private keys wrapped again by the data key: ../../team/keys/identity.ts), the lead's public
 * keys and signed membership list (checked each time before a caseload key is taken), and the
 * caseload keys wrapped for this device. Never a caseload key in the clear.
 *
 * Validated with zod on every write and every read.
 */
import { z } from 'zod';
import { instantSchema } from '../../domain/schemas';
import { ValidationError } from '../../domain/validation';
import { toInstant } from '../../lib/instant';
import {
  publicKeysSchema,
  signedMembershipSchema,
  storedIdentitySchema,
  teamIdSchema,
  wrappedCaseloadKeySchema,
} from '../../team/keys/schemas';
import { getDb, type CoachingDatabase } from '../database';
import { requirePassphraseForRealRecords } from '../encryption/session-key';
import { TEAM_CONNECTION_KEY } from '../settings-keys';

/** The team server's address when none is given: the app's own origin, through its proxy. */
export const DEFAULT_TEAM_SERVER = '/couchdb';

/**
 * A server address: a path on the app's own origin ("/couchdb"), or an http(s) address (the
 * tests' local server). Kept without a trailing slash.
 */
const serverSchema = z
  .string()
  .trim()
  .min(1, 'Enter the address of the team server.')
  .max(500)
  .transform((text) => text.replace(/\/+$/, ''))
  .refine(
    (text) =>
      /^\/[A-Za-z0-9._~/-]+$/.test(text) || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(text),
    { message: 'The server address starts with “/” or with https://.' },
  );

/** CouchDB's user names as the provisioning code makes them. */
const userNameSchema = z
  .string()
  .regex(
    /^[a-z0-9._-]{3,64}$/,
    'A user name is 3 to 64 lower-case letters, digits, “.”, “_” or “-”.',
  );

export const teamConnectionSchema = z
  .strictObject({
    format: z.literal('resilience-coaching/team-connection'),
    version: z.literal(1),
    server: serverSchema,
    userName: userNameSchema,
    password: z.string().min(1, 'Enter the password.').max(1000),
    /** The caseload's database on the server, which is also its caseloadId. */
    caseloadDatabase: teamIdSchema,
    identity: storedIdentitySchema,
    /** The lead's public keys, as the invitation proved them. */
    lead: publicKeysSchema,
    /** The lead's signed membership list of the caseload (checked before a key is taken). */
    membership: signedMembershipSchema,
    /** The caseload's keys wrapped for this device, every version it holds. */
    caseloadKeys: z.array(wrappedCaseloadKeySchema).min(1).max(10_000),
    connectedAt: instantSchema,
    /**
     * The team database, where the device checks for a newer list and key of its caseload
     * (after the lead removed a device). Absent in connections saved before: those are not
     * checked (connect the device again to have them checked).
     */
    teamDatabase: teamIdSchema.optional(),
    /** When this device found itself taken off the caseload's list: it no longer syncs. */
    removedAt: instantSchema.optional(),
  })
  .refine((c) => c.caseloadKeys.every((k) => k.caseloadId === c.caseloadDatabase), {
    message: 'A caseload key is for another caseload.',
    path: ['caseloadKeys'],
  })
  .refine((c) => c.caseloadKeys.every((k) => k.recipient === c.identity.fingerprint), {
    message: 'A caseload key is wrapped for another device.',
    path: ['caseloadKeys'],
  })
  .refine((c) => c.membership.membership.caseloadId === c.caseloadDatabase, {
    message: 'The membership list is for another caseload.',
    path: ['membership'],
  });

export type TeamConnection = z.infer<typeof teamConnectionSchema>;

/** What saveTeamConnection is given: the server defaults to DEFAULT_TEAM_SERVER. */
export type TeamConnectionInput = Omit<
  TeamConnection,
  'format' | 'version' | 'server' | 'connectedAt' | 'removedAt'
> & { server?: string };

/** Thrown when the stored connection cannot be read back as one (changed, or damaged). */
export class TeamConnectionError extends Error {
  constructor(
    message = 'The connection to the service stored on this device cannot be read. Disconnect this device and connect it again.',
  ) {
    super(message);
    this.name = 'TeamConnectionError';
  }
}

const listeners = new Set<() => void>();

/** Calls `listener` after each save or forgetting of the connection (in this tab). */
export function subscribeToTeamConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify() {
  for (const listener of [...listeners]) listener();
}

/**
 * Saves this device's team connection (replacing any), after checking every field. The app
 * must be unlocked (the row is sealed under the data key: a LockedError otherwise, and a
 * PassphraseNeededError before a passphrase is chosen, when it would be stored plain). Throws a
 * ValidationError naming the fields that are not right, and stores nothing then. Whoever
 * listens (the sync runtime) starts syncing.
 */
export async function saveTeamConnection(
  input: TeamConnectionInput,
  now: Date = new Date(),
  db: CoachingDatabase = getDb(),
  /** Settings rows removed in the same transaction (a join it finishes). */
  { removing = [] }: { removing?: readonly string[] } = {},
): Promise<TeamConnection> {
  requirePassphraseForRealRecords();
  const parsed = teamConnectionSchema.safeParse({
    format: 'resilience-coaching/team-connection',
    version: 1,
    ...input,
    server: input.server ?? DEFAULT_TEAM_SERVER,
    connectedAt: toInstant(now),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'connection');
      fields[field] ??= issue.message;
    }
    throw new ValidationError(fields, 'This connection to the service is not complete.');
  }
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: TEAM_CONNECTION_KEY, value: parsed.data });
    if (removing.length > 0) await db.settings.bulkDelete([...removing]);
  });
  notify();
  return parsed.data;
}

/**
 * This device's team connection, or null when it has none (it works alone). Needs the app
 * unlocked. Throws a TeamConnectionError when the stored value is not a valid connection.
 */
export async function readTeamConnection(
  db: CoachingDatabase = getDb(),
): Promise<TeamConnection | null> {
  const row = await db.settings.get(TEAM_CONNECTION_KEY);
  if (row === undefined) return null;
  const parsed = teamConnectionSchema.safeParse(row.value);
  if (!parsed.success) throw new TeamConnectionError();
  return parsed.data;
}

/**
 * Replaces the stored connection with `next` (checked as on every write), only if the stored one
 * is still `expected`: a connection forgotten or replaced meanwhile (another tab, a disconnect)
 * is left as it is, and false is returned. Whoever listens (the sync runtime) starts again.
 */
export async function replaceTeamConnection(
  expected: TeamConnection,
  next: TeamConnection,
  db: CoachingDatabase = getDb(),
): Promise<boolean> {
  requirePassphraseForRealRecords();
  const parsed = teamConnectionSchema.safeParse(next);
  if (!parsed.success) throw new TeamConnectionError();
  const replaced = await db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(TEAM_CONNECTION_KEY);
    const stored = teamConnectionSchema.safeParse(row?.value);
    if (!stored.success || JSON.stringify(stored.data) !== JSON.stringify(expected)) return false;
    await db.settings.put({ key: TEAM_CONNECTION_KEY, value: parsed.data });
    return true;
  });
  if (replaced) notify();
  return replaced;
}

/**
 * Disconnects this device: the connection (and its password and keys) is removed, sync
 * stops. Every record stays on the device, as it was.
 */
export async function forgetTeamConnection(db: CoachingDatabase = getDb()): Promise<void> {
  await db.settings.delete(TEAM_CONNECTION_KEY);
  notify();
}
