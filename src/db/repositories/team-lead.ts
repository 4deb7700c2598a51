/**
 * The service lead's team state on this device (issue 14): what the lead's device needs to
 * run the team directory (../../team/directory). One settings row, TEAM_LEAD_KEY, sealed under
 * the data key like a record (../encryption/encrypted-fields.ts): it cannot be read or written
 * while the app is locked, nor from a copy of the database. Backups never carry it (they hold
 * records, not settings), and a restore or an erasure leaves it as it is.
 *
 * It holds the server address, the team database, the lead's user name and password, the
 * lead's device identity (private keys sealed by the data key: ../../team/keys/identity.ts),
 * each set-up caseload's keys wrapped for this device (never a caseload key in the clear), the
 * keys of caseloads being set up (wrapped the same way), the pending invitations (they hold the
 * codes) and the newest signed membership lists this device has seen (checked again with the
 * lead's keys before use). For the team report: each caseload's coaches and when this device
 * last got its copy from the server (so the report can say how old it is when the server
 * cannot be reached), and the log of records the lead opened (ids and times only). Rows saved
 * before these two lists existed read as empty lists.
 *
 * Validated with zod on every write and every read.
 */
import { z } from 'zod';
import { idSchema, instantSchema } from '../../domain/schemas';
import { ValidationError } from '../../domain/validation';
import { toInstant } from '../../lib/instant';
import { pendingInvitationSchema } from '../../team/directory/documents';
import {
  signedMembershipSchema,
  storedIdentitySchema,
  wrappedCaseloadKeySchema,
} from '../../team/keys/schemas';
import {
  CASELOAD_DATABASE_PATTERN,
  TEAM_DATABASE_PATTERN,
  USER_NAME_PATTERN,
} from '../../team/provision';
import { getDb, type CoachingDatabase } from '../database';
import { requirePassphraseForRealRecords } from '../encryption/session-key';
import { TEAM_LEAD_KEY } from '../settings-keys';

/** The team server's address when none is given: the app's own origin, through its proxy. */
export const DEFAULT_LEAD_SERVER = '/couchdb';

/** A path on the app's own origin ("/couchdb"), or an http(s) address; no trailing slash. */
export const leadServerSchema = z
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

export const teamDatabaseSchema = z
  .string()
  .trim()
  .regex(
    TEAM_DATABASE_PATTERN,
    'The team name is “team-” and 32 letters a to f or digits, as your IT team gave it.',
  );

export const leadUserNameSchema = z
  .string()
  .trim()
  .regex(
    USER_NAME_PATTERN,
    'A user name starts with a lower-case letter, then 2 to 63 lower-case letters, digits, “.”, “_” or “-”.',
  );

/**
 * A case moved from one caseload to another (../../team/lead/move-case.ts): kept so the
 * lead's device forwards to the new coach what the old coach's device did offline meanwhile.
 */
export const recordedMoveSchema = z.strictObject({
  youngPersonId: idSchema,
  fromCaseload: z.string().regex(CASELOAD_DATABASE_PATTERN),
  toCaseload: z.string().regex(CASELOAD_DATABASE_PATTERN),
  movedAt: instantSchema,
});

/** The most entries the log of opened records keeps (the oldest go first). */
export const OPENED_RECORDS_KEPT = 20_000;

/** One "Open records" on the team report: whose, from which caseload, when. Ids only. */
export const openedRecordSchema = z.strictObject({
  youngPersonId: z.string().min(1).max(100),
  caseloadId: z.string().regex(CASELOAD_DATABASE_PATTERN),
  openedAt: instantSchema,
});

export type OpenedRecord = z.infer<typeof openedRecordSchema>;

/** A caseload's copy on this device: its coaches as last listed, and its last good refresh. */
export const caseloadCopySchema = z.strictObject({
  caseloadId: z.string().regex(CASELOAD_DATABASE_PATTERN),
  coaches: z.array(z.string().min(1).max(200)).max(100),
  /** When this device last got the caseload from the server in full; null: never. */
  refreshedAt: instantSchema.nullable(),
});

export type CaseloadCopy = z.infer<typeof caseloadCopySchema>;

export const teamLeadSchema = z
  .strictObject({
    format: z.literal('resilience-coaching/team-lead'),
    version: z.literal(1),
    server: leadServerSchema,
    teamDatabase: teamDatabaseSchema,
    userName: leadUserNameSchema,
    password: z.string().min(1, 'Enter the password.').max(1000),
    identity: storedIdentitySchema,
    /** Every caseload key this device set up, wrapped for this device. */
    caseloadKeys: z.array(wrappedCaseloadKeySchema).max(10_000),
    /**
     * Keys this device made for a caseload it is setting up, wrapped for this device and kept
     * before the server has the caseload's list (a try cut short is finished with the same
     * key). Moved to caseloadKeys once the list is kept. Absent in rows saved before.
     */
    settingUp: z.array(wrappedCaseloadKeySchema).max(10_000).optional(),
    /** Invitations made and not yet settled (each holds its code). */
    pending: z.array(pendingInvitationSchema).max(10_000),
    /** The newest signed list of each caseload this device has seen (one per caseload). */
    heldLists: z.array(signedMembershipSchema).max(10_000),
    /** Each caseload's coaches and last refresh, for the team report (one per caseload). */
    caseloadCopies: z.array(caseloadCopySchema).max(10_000).default([]),
    /** Every "Open records" on the team report, oldest first. */
    openedRecords: z.array(openedRecordSchema).max(OPENED_RECORDS_KEPT).default([]),
    setUpAt: instantSchema,
    /** Cases moved between caseloads (none in a row saved before moves were kept). */
    moves: z.array(recordedMoveSchema).max(100_000).default([]),
  })
  .refine((l) => l.caseloadKeys.every((k) => k.recipient === l.identity.fingerprint), {
    message: 'A caseload key is wrapped for another device.',
    path: ['caseloadKeys'],
  })
  .refine((l) => (l.settingUp ?? []).every((k) => k.recipient === l.identity.fingerprint), {
    message: 'A caseload key is wrapped for another device.',
    path: ['settingUp'],
  })
  .refine(
    (l) => new Set(l.heldLists.map((s) => s.membership.caseloadId)).size === l.heldLists.length,
    { message: 'Two lists are kept for one caseload.', path: ['heldLists'] },
  )
  .refine(
    (l) => new Set(l.caseloadCopies.map((c) => c.caseloadId)).size === l.caseloadCopies.length,
    { message: 'Two copies are kept for one caseload.', path: ['caseloadCopies'] },
  );

export type TeamLead = z.infer<typeof teamLeadSchema>;

/**
 * What saveTeamLead is given: the server defaults to DEFAULT_LEAD_SERVER, the team report's
 * lists and the moves to empty ones.
 */
export type TeamLeadInput = Omit<
  TeamLead,
  'format' | 'version' | 'server' | 'setUpAt' | 'caseloadCopies' | 'openedRecords' | 'moves'
> & {
  server?: string;
  setUpAt?: string;
  caseloadCopies?: CaseloadCopy[];
  openedRecords?: OpenedRecord[];
  moves?: RecordedMoveRow[];
};
export type RecordedMoveRow = z.infer<typeof recordedMoveSchema>;

/** Thrown when the stored lead state cannot be read back (changed, or damaged). */
export class TeamLeadError extends Error {
  constructor(
    message = 'The team details stored on this device cannot be read. Stop leading the team on this device and set it up again.',
  ) {
    super(message);
    this.name = 'TeamLeadError';
  }
}

/**
 * Saves the lead's state (replacing any), after checking every field. The app must be
 * unlocked (a LockedError otherwise) and a passphrase chosen (a PassphraseNeededError before,
 * when it would be stored plain). Throws a ValidationError naming the fields that are not
 * right, and stores nothing then.
 */
export async function saveTeamLead(
  input: TeamLeadInput,
  now: Date = new Date(),
  db: CoachingDatabase = getDb(),
): Promise<TeamLead> {
  requirePassphraseForRealRecords();
  const parsed = teamLeadSchema.safeParse({
    format: 'resilience-coaching/team-lead',
    version: 1,
    ...input,
    server: input.server ?? DEFAULT_LEAD_SERVER,
    setUpAt: input.setUpAt ?? toInstant(now),
  });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'lead');
      fields[field] ??= issue.message;
    }
    throw new ValidationError(fields, 'These team details are not complete.');
  }
  await db.settings.put({ key: TEAM_LEAD_KEY, value: parsed.data });
  return parsed.data;
}

/**
 * The lead's state, or null when this device does not lead a team. Needs the app unlocked.
 * Throws a TeamLeadError when the stored value is not valid.
 */
export async function readTeamLead(db: CoachingDatabase = getDb()): Promise<TeamLead | null> {
  const row = await db.settings.get(TEAM_LEAD_KEY);
  if (row === undefined) return null;
  const parsed = teamLeadSchema.safeParse(row.value);
  if (!parsed.success) throw new TeamLeadError();
  return parsed.data;
}

/**
 * Reads the lead's state, changes it with `change` and saves it, in one transaction (two
 * tabs cannot lose each other's invitations). Null when there is none.
 */
export async function updateTeamLead(
  change: (current: TeamLead) => TeamLeadInput,
  now: Date = new Date(),
  db: CoachingDatabase = getDb(),
): Promise<TeamLead | null> {
  return db.transaction('rw', db.settings, async () => {
    const current = await readTeamLead(db);
    if (!current) return null;
    return saveTeamLead(change(current), now, db);
  });
}

/**
 * Adds one entry to the log of opened records (the oldest dropped past OPENED_RECORDS_KEPT),
 * in one transaction. Null when this device leads no team. Throws a ValidationError for an
 * entry that is not right, and logs nothing then.
 */
export async function logOpenedRecord(
  entry: OpenedRecord,
  now: Date = new Date(),
  db: CoachingDatabase = getDb(),
): Promise<TeamLead | null> {
  const parsed = openedRecordSchema.safeParse(entry);
  if (!parsed.success) throw new ValidationError({ openedRecords: 'This entry is not right.' });
  return updateTeamLead(
    (lead) => ({
      ...lead,
      openedRecords: [...lead.openedRecords, parsed.data].slice(-OPENED_RECORDS_KEPT),
    }),
    now,
    db,
  );
}

/**
 * Keeps what the team report learnt of one caseload: its coaches, and (when given) the time
 * its copy was last brought up to date. Null when this device leads no team.
 */
export async function noteCaseloadCopy(
  copy: { caseloadId: string; coaches: string[]; refreshedAt?: string },
  now: Date = new Date(),
  db: CoachingDatabase = getDb(),
): Promise<TeamLead | null> {
  return updateTeamLead(
    (lead) => {
      const before = lead.caseloadCopies.find((c) => c.caseloadId === copy.caseloadId);
      const next: CaseloadCopy = {
        caseloadId: copy.caseloadId,
        coaches: copy.coaches,
        refreshedAt: copy.refreshedAt ?? before?.refreshedAt ?? null,
      };
      return {
        ...lead,
        caseloadCopies: [
          ...lead.caseloadCopies.filter((c) => c.caseloadId !== copy.caseloadId),
          next,
        ],
      };
    },
    now,
    db,
  );
}

/** Stops leading a team on this device: the row is removed. Nothing on the server changes. */
export async function forgetTeamLead(db: CoachingDatabase = getDb()): Promise<void> {
  await db.settings.delete(TEAM_LEAD_KEY);
}
