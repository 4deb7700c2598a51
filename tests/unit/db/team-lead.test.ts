/**
 * The service lead's settings row (issue 14): checked on every write and read, sealed under
 * the data key (not readable while locked, nor in the raw database), never in a backup file,
 * untouched by a restore that replaces everything, and removed by forgetting.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  getDataKey,
  lock,
  PassphraseNeededError,
  setDataKey,
  setEncryptionSetUp,
} from '../../../src/db/encryption/session-key';
import { prepareIdentityRewrap } from '../../../src/db/repositories/identity-rewrap';
import { makeBackup } from '../../../src/db/repositories/backup/export';
import { applyRestore } from '../../../src/db/repositories/backup/restore';
import {
  DEFAULT_LEAD_SERVER,
  forgetTeamLead,
  logOpenedRecord,
  noteCaseloadCopy,
  OPENED_RECORDS_KEPT,
  teamLeadSchema,
  readTeamLead,
  saveTeamLead,
  TeamLeadError,
  updateTeamLead,
  type TeamLeadInput,
} from '../../../src/db/repositories/team-lead';
import { TEAM_LEAD_KEY } from '../../../src/db/settings-keys';
import { DATABASE_NAME } from '../../../src/db/schema';
import { parseBackup } from '../../../src/domain/backup-parse';
import { ValidationError } from '../../../src/domain/validation';
import { createCaseloadKey, wrapCaseloadKey } from '../../../src/team/keys/caseload-key';
import { generateDeviceIdentity, openDeviceIdentity } from '../../../src/team/keys/identity';
import { createInvitation } from '../../../src/team/keys/invitation';
import { rawStores, rawText } from './encryption/raw-idb';
import { addYoungPerson, freshDb, NOW } from './fixtures';

const PASSWORD = 'lead horse battery';
const TEAM = `team-${'abcdef0123456789'.repeat(2)}`;
const CASELOAD = `caseload-${'0123456789abcdef'.repeat(2)}`;

let dataKey: Uint8Array;

beforeEach(async () => {
  await freshDb();
  dataKey = new Uint8Array(getDataKey() as Uint8Array);
});

async function leadInput(): Promise<TeamLeadInput> {
  const { identity, stored } = await generateDeviceIdentity(dataKey);
  const key = await createCaseloadKey(CASELOAD);
  const made = await createInvitation(identity, { now: NOW });
  return {
    teamDatabase: TEAM,
    userName: 'lead-rowan',
    password: PASSWORD,
    identity: stored,
    caseloadKeys: [await wrapCaseloadKey(key, identity.publicKeys)],
    pending: [
      {
        format: 'resilience-coaching/pending-team-invitation',
        invitation: made.invitation,
        coachName: 'coach-amber',
        caseloadDatabase: CASELOAD,
      },
    ],
    heldLists: [],
  };
}

describe('saving and reading the lead state', () => {
  it('reads back what was saved, with the default server address', async () => {
    const input = await leadInput();
    const saved = await saveTeamLead(input, NOW);
    expect(saved.server).toBe(DEFAULT_LEAD_SERVER);
    expect(saved.setUpAt).toBe(NOW.toISOString());
    expect(await readTeamLead()).toEqual(saved);
  });

  it('is null on a device that leads no team', async () => {
    expect(await readTeamLead()).toBeNull();
  });

  it('refuses an incomplete state, naming the field, and stores nothing', async () => {
    const input = await leadInput();
    const other = await generateDeviceIdentity(dataKey);
    const attempts = [
      { ...input, teamDatabase: 'team-coaches' },
      { ...input, userName: 'Rowan Lead' },
      { ...input, password: '' },
      { ...input, identity: other.stored },
    ];
    const fields = [];
    for (const attempt of attempts) {
      const error = await saveTeamLead(attempt, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      fields.push(Object.keys((error as ValidationError).fieldErrors));
    }
    expect(fields).toEqual([['teamDatabase'], ['userName'], ['password'], ['caseloadKeys']]);
    expect(await readTeamLead()).toBeNull();
  });

  it('says so when the stored row is not a lead state', async () => {
    await getDb().settings.put({ key: TEAM_LEAD_KEY, value: { password: 'x' } });
    await expect(readTeamLead()).rejects.toBeInstanceOf(TeamLeadError);
  });

  it('updates in place and forgets', async () => {
    await saveTeamLead(await leadInput(), NOW);
    const updated = await updateTeamLead((lead) => ({ ...lead, pending: [] }), NOW);
    expect(updated?.pending).toEqual([]);
    expect((await readTeamLead())?.pending).toEqual([]);
    await forgetTeamLead();
    expect(await readTeamLead()).toBeNull();
    expect(await updateTeamLead((lead) => lead, NOW)).toBeNull();
  });

  it('seals the identity again under a new data key', async () => {
    const input = await leadInput();
    await saveTeamLead(input, NOW);
    const newKey = crypto.getRandomValues(new Uint8Array(32));
    const store = await prepareIdentityRewrap(TEAM_LEAD_KEY, teamLeadSchema, dataKey, newKey);
    expect(store).not.toBeNull();
    await store?.();
    const lead = await readTeamLead();
    const opened = await openDeviceIdentity(lead?.identity, newKey);
    expect(opened.fingerprint).toBe(input.identity.fingerprint);
  });
});

describe("the team report's lists in the lead state", () => {
  it('reads a row saved before they existed as empty lists', async () => {
    const input = await leadInput();
    // The row as the version before the team report saved it: no caseloadCopies, no log.
    const before = {
      format: 'resilience-coaching/team-lead',
      version: 1,
      server: DEFAULT_LEAD_SERVER,
      ...input,
      setUpAt: NOW.toISOString(),
    };
    expect(before).not.toHaveProperty('openedRecords');
    await getDb().settings.put({ key: TEAM_LEAD_KEY, value: before });
    const lead = await readTeamLead();
    expect(lead?.openedRecords).toEqual([]);
    expect(lead?.caseloadCopies).toEqual([]);
    expect(lead?.pending).toEqual(input.pending);
    // And it is updated as any other.
    const logged = await logOpenedRecord(
      { youngPersonId: 'yp-1', caseloadId: CASELOAD, openedAt: NOW.toISOString() },
      NOW,
    );
    expect(logged?.openedRecords).toEqual([
      { youngPersonId: 'yp-1', caseloadId: CASELOAD, openedAt: NOW.toISOString() },
    ]);
  });

  it('logs opened records in order, ids and time only, and refuses an entry that is not right', async () => {
    await saveTeamLead(await leadInput(), NOW);
    const entry = (n: number) => ({
      youngPersonId: `yp-${n}`,
      caseloadId: CASELOAD,
      openedAt: new Date(NOW.getTime() + n * 60_000).toISOString(),
    });
    await logOpenedRecord(entry(1), NOW);
    await logOpenedRecord(entry(2), NOW);
    const wrong = [
      { ...entry(3), caseloadId: 'somewhere-else' },
      { ...entry(3), openedAt: 'yesterday' },
      { ...entry(3), name: 'Mia Thornbury' },
    ];
    for (const attempt of wrong) {
      await expect(logOpenedRecord(attempt, NOW)).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await readTeamLead())?.openedRecords).toEqual([entry(1), entry(2)]);
  });

  it(`keeps the newest ${OPENED_RECORDS_KEPT} entries of the log`, async () => {
    const full = Array.from({ length: OPENED_RECORDS_KEPT }, (_, n) => ({
      youngPersonId: `yp-${n}`,
      caseloadId: CASELOAD,
      openedAt: NOW.toISOString(),
    }));
    await saveTeamLead({ ...(await leadInput()), openedRecords: full }, NOW);
    const last = { youngPersonId: 'yp-last', caseloadId: CASELOAD, openedAt: NOW.toISOString() };
    const lead = await logOpenedRecord(last, NOW);
    expect(lead?.openedRecords).toHaveLength(OPENED_RECORDS_KEPT);
    expect(lead?.openedRecords[0]?.youngPersonId).toBe('yp-1');
    expect(lead?.openedRecords.at(-1)).toEqual(last);
  });

  it("keeps each caseload's coaches and its last good refresh, one entry per caseload", async () => {
    await saveTeamLead(await leadInput(), NOW);
    await noteCaseloadCopy(
      { caseloadId: CASELOAD, coaches: ['coach-amber'], refreshedAt: NOW.toISOString() },
      NOW,
    );
    // A refresh that failed: the coaches are kept up to date, the last good time stays.
    const lead = await noteCaseloadCopy({ caseloadId: CASELOAD, coaches: ['coach-basil'] }, NOW);
    expect(lead?.caseloadCopies).toEqual([
      { caseloadId: CASELOAD, coaches: ['coach-basil'], refreshedAt: NOW.toISOString() },
    ]);
  });
});

describe('the lead state is protected', () => {
  it('is sealed: no password, user name, team, code or key material in the stored database', async () => {
    const input = await leadInput();
    await saveTeamLead(input, NOW);
    const raw = await rawText(DATABASE_NAME);
    const code = input.pending[0]?.invitation.code ?? 'missing';
    for (const secret of [PASSWORD, input.userName, TEAM, input.identity.sealed, code]) {
      expect(raw).not.toContain(secret);
    }
    const row = (await rawStores(DATABASE_NAME)).settings?.find((r) => r.key === TEAM_LEAD_KEY);
    expect(row).toBeDefined();
  });

  it('cannot be read or written while the app is locked', async () => {
    const input = await leadInput();
    await saveTeamLead(input, NOW);
    lock();
    try {
      await expect(readTeamLead()).rejects.toThrow(/locked/i);
      await expect(saveTeamLead(input, NOW)).rejects.toThrow(/locked/i);
    } finally {
      setDataKey(new Uint8Array(dataKey));
    }
  });

  it('is refused before a passphrase is chosen (it would be stored plain)', async () => {
    const input = await leadInput();
    lock();
    setEncryptionSetUp(false);
    try {
      await expect(saveTeamLead(input, NOW)).rejects.toBeInstanceOf(PassphraseNeededError);
    } finally {
      setEncryptionSetUp(true);
      setDataKey(new Uint8Array(dataKey));
    }
    expect(await readTeamLead()).toBeNull();
  });

  it('is never put into a backup file, and a restore that replaces everything leaves it', async () => {
    const input = await leadInput();
    const saved = await saveTeamLead(input, NOW);
    await addYoungPerson('Mia');
    const { json, file } = await makeBackup(NOW);
    expect(json).not.toContain(PASSWORD);
    expect(json).not.toContain(TEAM);
    expect(json).not.toContain(input.identity.sealed);
    const parsed = parseBackup(file, NOW);
    if (!parsed.ok) throw new Error('The backup did not parse.');
    await applyRestore(parsed.backup, 'replace', NOW);
    expect(await readTeamLead()).toEqual(saved);
  });
});

describe('the moves the lead keeps', () => {
  const move = {
    youngPersonId: crypto.randomUUID(),
    fromCaseload: CASELOAD,
    toCaseload: `caseload-${'fedcba9876543210'.repeat(2)}`,
    movedAt: NOW.toISOString(),
  };

  it('reads a row saved before moves were kept as one with no moves', async () => {
    const saved = await saveTeamLead(await leadInput(), NOW);
    const before: Record<string, unknown> = { ...saved };
    delete before.moves;
    await getDb().settings.put({ key: TEAM_LEAD_KEY, value: before });
    expect(await readTeamLead()).toEqual({ ...before, moves: [] });
  });

  it('keeps a move, and refuses one that names no caseload', async () => {
    await saveTeamLead(await leadInput(), NOW);
    const updated = await updateTeamLead((current) => ({
      ...current,
      moves: [...current.moves, move],
    }));
    expect(updated?.moves).toEqual([move]);
    expect((await readTeamLead())?.moves).toEqual([move]);
    await expect(
      updateTeamLead((current) => ({
        ...current,
        moves: [...current.moves, { ...move, toCaseload: 'Coach Amber' }],
      })),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await readTeamLead())?.moves).toEqual([move]);
  });
});
