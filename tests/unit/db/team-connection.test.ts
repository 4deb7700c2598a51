/**
 * The team connection's settings row (issue 14): checked on every write and read, sealed
 * under the data key (not readable while locked, nor in the raw database), never in a
 * backup file, untouched by a restore that replaces everything, and removed by forgetting.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  getDataKey,
  lock,
  PassphraseNeededError,
  setDataKey,
  setEncryptionSetUp,
} from '../../../src/db/encryption/session-key';
import { makeBackup } from '../../../src/db/repositories/backup/export';
import { applyRestore } from '../../../src/db/repositories/backup/restore';
import {
  DEFAULT_TEAM_SERVER,
  forgetTeamConnection,
  readTeamConnection,
  saveTeamConnection,
  subscribeToTeamConnection,
  TeamConnectionError,
} from '../../../src/db/repositories/team-connection';
import { TEAM_CONNECTION_KEY } from '../../../src/db/settings-keys';
import { DATABASE_NAME } from '../../../src/db/schema';
import { parseBackup } from '../../../src/domain/backup-parse';
import { ValidationError } from '../../../src/domain/validation';
import { connectionFor, teamFixture } from '../../support/team-connection';
import { rawPut, rawStores, rawText } from './encryption/raw-idb';
import { addYoungPerson, freshDb, NOW } from './fixtures';

const PASSWORD = 'correct horse battery';

let dataKey: Uint8Array;

beforeEach(async () => {
  await freshDb();
  dataKey = new Uint8Array(getDataKey() as Uint8Array);
});

async function saved() {
  const team = await teamFixture();
  const input = await connectionFor(team, dataKey);
  const connection = await saveTeamConnection(input, NOW);
  return { team, input, connection };
}

describe('saving and reading the team connection', () => {
  it('reads back what was saved, with the default server address', async () => {
    const { input, connection } = await saved();
    expect(connection.server).toBe(DEFAULT_TEAM_SERVER);
    expect(connection.connectedAt).toBe(NOW.toISOString());
    const read = await readTeamConnection();
    expect(read).toEqual(connection);
    expect(read).toMatchObject({
      userName: input.userName,
      password: PASSWORD,
      caseloadDatabase: input.caseloadDatabase,
      identity: input.identity,
      caseloadKeys: input.caseloadKeys,
    });
  });

  it('is null on a device that works alone', async () => {
    expect(await readTeamConnection()).toBeNull();
  });

  it('keeps an address without its trailing slash', async () => {
    const team = await teamFixture();
    const input = await connectionFor(team, dataKey, {
      server: 'https://coaching.example.org/couchdb/',
    });
    const connection = await saveTeamConnection(input, NOW);
    expect(connection.server).toBe('https://coaching.example.org/couchdb');
  });

  it('refuses an incomplete connection, naming the field, and stores nothing', async () => {
    const team = await teamFixture();
    const input = await connectionFor(team, dataKey);
    const attempts = [
      { ...input, userName: 'Amber Smith' },
      { ...input, password: '' },
      { ...input, server: 'ftp://elsewhere' },
      { ...input, caseloadKeys: [] },
      { ...input, caseloadDatabase: 'caseload-other' },
    ];
    const fields = [];
    for (const attempt of attempts) {
      const error = await saveTeamConnection(attempt, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      fields.push(Object.keys((error as ValidationError).fieldErrors));
    }
    expect(fields).toEqual([
      ['userName'],
      ['password'],
      ['server'],
      ['caseloadKeys'],
      expect.arrayContaining(['caseloadKeys', 'membership']),
    ]);
    expect(await readTeamConnection()).toBeNull();
  });

  it('says so when the stored row is not a connection', async () => {
    await getDb().settings.put({ key: TEAM_CONNECTION_KEY, value: { password: 'x' } });
    await expect(readTeamConnection()).rejects.toBeInstanceOf(TeamConnectionError);
  });

  it('tells listeners when it is saved and forgotten', async () => {
    const heard = vi.fn();
    const stop = subscribeToTeamConnection(heard);
    await saved();
    await forgetTeamConnection();
    stop();
    expect(heard).toHaveBeenCalledTimes(2);
    expect(await readTeamConnection()).toBeNull();
  });
});

describe('the connection is protected', () => {
  it('is sealed: no password, user name or key material in the stored database', async () => {
    const { input } = await saved();
    const raw = await rawText(DATABASE_NAME);
    for (const secret of [
      PASSWORD,
      input.userName,
      input.identity.sealed,
      input.caseloadDatabase,
    ]) {
      expect(raw).not.toContain(secret);
    }
    const row = (await rawStores(DATABASE_NAME)).settings?.find(
      (r) => r.key === TEAM_CONNECTION_KEY,
    );
    expect(row).toBeDefined();
  });

  it('cannot be read or written while the app is locked', async () => {
    const { input } = await saved();
    lock();
    try {
      await expect(readTeamConnection()).rejects.toThrow(/locked/i);
      await expect(saveTeamConnection(input, NOW)).rejects.toThrow(/locked/i);
      await expect(forgetTeamConnection()).resolves.toBeUndefined();
    } finally {
      setDataKey(new Uint8Array(dataKey));
    }
  });

  it('is refused before a passphrase is chosen (it would be stored plain)', async () => {
    const team = await teamFixture();
    const input = await connectionFor(team, dataKey);
    lock();
    setEncryptionSetUp(false);
    try {
      await expect(saveTeamConnection(input, NOW)).rejects.toBeInstanceOf(PassphraseNeededError);
    } finally {
      setEncryptionSetUp(true);
      setDataKey(new Uint8Array(dataKey));
    }
    expect(await readTeamConnection()).toBeNull();
  });

  it('does not open with another data key (a copy of the database elsewhere): it is left out as damaged', async () => {
    await saved();
    const stored = (await rawStores(DATABASE_NAME)).settings ?? [];
    lock();
    setDataKey(crypto.getRandomValues(new Uint8Array(32)));
    try {
      await getDb().settings.delete(TEAM_CONNECTION_KEY);
      await rawPut(DATABASE_NAME, 'settings', stored);
      expect(await readTeamConnection()).toBeNull();
    } finally {
      lock();
      setDataKey(new Uint8Array(dataKey));
    }
  });

  it('is never put into a backup file, and a restore that replaces everything leaves it', async () => {
    const { connection } = await saved();
    await addYoungPerson('Mia');
    const { json, file } = await makeBackup(NOW);
    expect(json).not.toContain(PASSWORD);
    expect(json).not.toContain(connection.identity.sealed);
    expect(json).not.toContain(connection.caseloadDatabase);

    const parsed = parseBackup(file, NOW);
    if (!parsed.ok) throw new Error('The backup did not parse.');
    await applyRestore(parsed.backup, 'replace', NOW);
    expect(await readTeamConnection()).toEqual(connection);
  });
});
