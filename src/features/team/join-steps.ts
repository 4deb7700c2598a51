/**
 * The two steps of a coach's device joining a team (issue 14), behind the join form:
 *
 * 1. answer: the coach types the server, the team, their user name and password and the
 *    invitation code their service lead gave them by hand. The device makes its identity
 *    (private keys wrapped by the data key), keeps what it needs for step 2, sealed
 *    (../../db/repositories/team-join.ts), and only then answers the invitation on the team
 *    server (src/team/directory: the code proves the lead's keys, and the answer carries this
 *    device's).
 * 2. collect: once the lead has accepted the device, its caseload keys are on the team server,
 *    wrapped for it and named in a list the lead signed. The device takes them, wraps them
 *    again for itself, and saves its team connection: the sync runtime starts from there.
 *
 * Each step says what went wrong in plain words and saves nothing partially.
 */
import { ValidationError } from '../../domain/validation';
import { getDataKey } from '../../db/encryption/session-key';
import { readTeamConnection, saveTeamConnection } from '../../db/repositories/team-connection';
import { TEAM_JOIN_KEY } from '../../db/settings-keys';
import {
  checkTeamJoin,
  forgetTeamJoin,
  readTeamJoin,
  saveTeamJoin,
  teamJoinSchema,
  type TeamJoin,
} from '../../db/repositories/team-join';
import type {
  answerInvitation as AnswerInvitation,
  collectCaseloadKeys as CollectCaseloadKeys,
  TeamDirectory,
} from '../../team/directory';
import { wrapCaseloadKey } from '../../team/keys/caseload-key';
import { generateDeviceIdentity, openDeviceIdentity } from '../../team/keys/identity';
import { parseInvitationCode } from '../../team/keys/invitation';

/** The team directory's calls the steps make (the real ones, or a test's). */
export interface JoinDirectory {
  answerInvitation: typeof AnswerInvitation;
  collectCaseloadKeys: typeof CollectCaseloadKeys;
}

/** The directory's code, loaded when a coach first joins (not with Settings). */
export async function loadJoinDirectory(): Promise<JoinDirectory> {
  const { answerInvitation, collectCaseloadKeys } = await import('../../team/directory');
  return { answerInvitation, collectCaseloadKeys };
}

export interface JoinDetails {
  server: string;
  teamDatabase: string;
  userName: string;
  password: string;
  code: string;
}

const detailsSchema = teamJoinSchema.pick({
  server: true,
  teamDatabase: true,
  userName: true,
  password: true,
});

/** Problems of the kinds the code itself causes are shown beside the code. */
const CODE_PROBLEMS = new Set([
  'code-mistyped',
  'invitation-not-found',
  'invitation-expired',
  'invitation-changed',
  'invitation-answered',
]);

/** Problems after which the answer may or may not be on the server. */
const UNCONFIRMED = new Set(['server-unreachable', 'server-down', 'unexpected-answer']);

function dataKey(): Uint8Array {
  const key = getDataKey();
  if (!key) throw new Error('The app is locked: unlock it and try again.');
  return key;
}

export function directoryOf(
  join: Pick<TeamJoin, 'server' | 'teamDatabase' | 'userName' | 'password'>,
): TeamDirectory {
  return {
    address: join.server,
    credentials: { name: join.userName, password: join.password },
    database: join.teamDatabase,
  };
}

/**
 * Step 1: checks the details, keeps the join ('answering'), answers the invitation, and marks
 * the join 'answered'. Throws a ValidationError keyed by field (server, teamDatabase, userName,
 * password, code, or _form for what the server said); nothing is kept then, and nothing is on
 * the server. When the server did not confirm the answer (it may be there), the join is kept
 * as 'answering' and returned: the device waits, and the screen says so.
 */
export async function answerTeamInvitation(
  details: JoinDetails,
  directory: JoinDirectory,
  now: Date,
): Promise<TeamJoin> {
  const fields: Record<string, string> = {};
  const { code: typed, ...rest } = details;
  const checked = detailsSchema.safeParse(rest);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      fields[String(issue.path[0])] ??= issue.message;
    }
  }
  const code = parseInvitationCode(typed);
  if (!code.ok) fields.code = code.message;
  if (!checked.success || !code.ok) {
    throw new ValidationError(fields, 'Some details for joining the team are not right.');
  }
  // Another tab may have joined, or answered an invitation, since this form was shown.
  if ((await readTeamConnection()) !== null) {
    throw new ValidationError(
      { _form: 'This device has joined a team already. Reload this page to see it.' },
      'Already joined.',
    );
  }
  if ((await readTeamJoin().catch(() => null)) !== null) {
    throw new ValidationError(
      {
        _form:
          'This device has answered an invitation already (in another tab?). Reload this page to see it.',
      },
      'Already answered.',
    );
  }
  const { identity, stored } = await generateDeviceIdentity(dataKey());
  const keeping: { join: TeamJoin | null } = { join: null };
  const answered = await directory.answerInvitation(
    directoryOf(checked.data),
    code.code,
    identity,
    now,
    {
      // Kept before the answer goes to the server: never an answer whose keys are gone.
      keep: async (answer) => {
        keeping.join = await saveTeamJoin(
          checkTeamJoin(
            {
              ...checked.data,
              identity: stored,
              lead: answer.lead,
              leadFingerprint: answer.leadFingerprint,
              state: 'answering',
            },
            now,
          ),
        );
      },
    },
  );
  const kept = keeping.join;
  if (answered.ok && kept) return saveTeamJoin({ ...kept, state: 'answered' });
  if (!answered.ok && kept && UNCONFIRMED.has(answered.problem.kind)) {
    // The answer may have reached the server: the device waits, and says so.
    return kept;
  }
  if (kept) await forgetTeamJoin();
  if (!answered.ok) {
    const key = CODE_PROBLEMS.has(answered.problem.kind) ? 'code' : '_form';
    throw new ValidationError({ [key]: answered.problem.message }, answered.problem.message);
  }
  throw new Error('The invitation was answered, but this device kept nothing.');
}

const MORE_THAN_ONE =
  'Your service lead has accepted this device for more than one caseload, so it took none. Tell your service lead: a device joins one caseload.';

export type CollectOutcome =
  | { state: 'waiting'; message: string }
  | { state: 'refused'; messages: string[] }
  /** `notes`: other caseloads' keys found and refused (said, not hidden). */
  | { state: 'connected'; caseloadDatabase: string; notes: string[] }
  | { state: 'failed'; message: string };

/**
 * Step 2: asks the team server for this device's caseload keys. Connected: the connection is
 * saved (the join forgotten), and syncing starts. Otherwise says why not yet, and keeps the
 * join.
 */
export async function collectTeamKeys(
  join: TeamJoin,
  directory: JoinDirectory,
  now: Date,
): Promise<CollectOutcome> {
  const identity = await openDeviceIdentity(join.identity, dataKey());
  const collected = await directory.collectCaseloadKeys(
    directoryOf(join),
    identity,
    join.leadFingerprint,
  );
  if (!collected.ok) return { state: 'failed', message: collected.problem.message };
  if (collected.value.state === 'waiting') {
    return { state: 'waiting', message: collected.value.message };
  }
  const { caseloads, refused } = collected.value;
  const notes = refused.map((r) => r.message);
  const [caseload, ...others] = caseloads;
  if (!caseload) return { state: 'refused', messages: notes };
  // One device holds one caseload: it never chooses between two (nor lets the server's order
  // of documents choose).
  if (others.length > 0) return { state: 'refused', messages: [MORE_THAN_ONE, ...notes] };
  const caseloadKeys = await Promise.all(
    caseload.keys.map((key) => wrapCaseloadKey(key, identity.publicKeys)),
  );
  await saveTeamConnection(
    {
      server: join.server,
      userName: join.userName,
      password: join.password,
      caseloadDatabase: caseload.caseloadDatabase,
      identity: join.identity,
      lead: join.lead,
      membership: caseload.signed,
      caseloadKeys,
      teamDatabase: join.teamDatabase,
    },
    now,
    undefined,
    // The join is finished in the same transaction: never a connection beside a stale join.
    { removing: [TEAM_JOIN_KEY] },
  );
  return { state: 'connected', caseloadDatabase: caseload.caseloadDatabase, notes };
}
