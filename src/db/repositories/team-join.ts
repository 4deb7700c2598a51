/**
 * A coach's device joining a team (issue 14), between answering the invitation and the lead
 * accepting the device: one settings row, TEAM_JOIN_KEY, sealed under the data key like the
 * connection (./team-connection.ts). It holds what the device needs to collect its caseload
 * keys once the lead has accepted it: the server, the team database, the user name and
 * password, this device's identity (private keys wrapped by the data key) and the lead's
 * public keys and fingerprint, as the invitation code proved them. Backups never carry it.
 *
 * Validated with zod on every write and every read.
 */
import { z } from 'zod';
import { instantSchema } from '../../domain/schemas';
import { ValidationError } from '../../domain/validation';
import { toInstant } from '../../lib/instant';
import { fingerprintSchema, publicKeysSchema, storedIdentitySchema } from '../../team/keys/schemas';
import { TEAM_DATABASE_PATTERN } from '../../team/provision';
import { getDb, type CoachingDatabase } from '../database';
import { requirePassphraseForRealRecords } from '../encryption/session-key';
import { TEAM_JOIN_KEY } from '../settings-keys';
import { teamConnectionSchema } from './team-connection';

const connectionFields = teamConnectionSchema.shape;

export const teamJoinSchema = z.strictObject({
  format: z.literal('resilience-coaching/team-join'),
  version: z.literal(1),
  server: connectionFields.server,
  teamDatabase: z
    .string()
    .trim()
    .regex(TEAM_DATABASE_PATTERN, 'A team name is “team-” and 32 letters a to f and digits.'),
  userName: connectionFields.userName,
  password: connectionFields.password,
  identity: storedIdentitySchema,
  /** The lead's public keys and fingerprint, as the invitation code proved them. */
  lead: publicKeysSchema,
  leadFingerprint: fingerprintSchema,
  answeredAt: instantSchema,
  /**
   * 'answering': kept before the answer was written to the team server, which did not confirm
   * it (it may or may not be there); 'answered' (or absent, in rows saved before): it is there.
   */
  state: z.enum(['answering', 'answered']).optional(),
});

export type TeamJoin = z.infer<typeof teamJoinSchema>;

export type TeamJoinInput = Omit<TeamJoin, 'format' | 'version' | 'answeredAt'>;

/** Thrown when the stored join cannot be read back as one (changed, or damaged). */
export class TeamJoinError extends Error {
  constructor(
    message = 'The invitation this device answered cannot be read. Stop joining, and ask your service lead for a new invitation.',
  ) {
    super(message);
    this.name = 'TeamJoinError';
  }
}

/** Checks a join's fields; a ValidationError keyed by field names when one is not right. */
export function checkTeamJoin(input: TeamJoinInput, now: Date): TeamJoin {
  const parsed = teamJoinSchema.safeParse({
    format: 'resilience-coaching/team-join',
    version: 1,
    ...input,
    answeredAt: toInstant(now),
  });
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'join');
    fields[field] ??= issue.message;
  }
  throw new ValidationError(fields, 'Some details for joining the team are not right.');
}

/** Keeps the join in progress (replacing any). Needs the app unlocked and a passphrase. */
export async function saveTeamJoin(
  join: TeamJoin,
  db: CoachingDatabase = getDb(),
): Promise<TeamJoin> {
  requirePassphraseForRealRecords();
  const checked = teamJoinSchema.parse(join);
  await db.settings.put({ key: TEAM_JOIN_KEY, value: checked });
  return checked;
}

/** The join in progress, or null. Throws a TeamJoinError when the row is not one. */
export async function readTeamJoin(db: CoachingDatabase = getDb()): Promise<TeamJoin | null> {
  const row = await db.settings.get(TEAM_JOIN_KEY);
  if (row === undefined) return null;
  const parsed = teamJoinSchema.safeParse(row.value);
  if (!parsed.success) throw new TeamJoinError();
  return parsed.data;
}

/** Stops joining: the join in progress is removed (nothing on the server changes). */
export async function forgetTeamJoin(db: CoachingDatabase = getDb()): Promise<void> {
  await db.settings.delete(TEAM_JOIN_KEY);
}
