import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../../src/db/database';
import { createKeyring, unlockWithPassphrase } from '../../../../src/db/encryption/keyring';
import { sealEveryRecord } from '../../../../src/db/encryption/reseal';
import { setUnsealedPolicy } from '../../../../src/db/encryption/unsealed-policy';
import { LockedError, lock, setDataKey } from '../../../../src/db/encryption/session-key';
import { getYoungPersonDetail } from '../../../../src/db/queries';
import { getCaseload } from '../../../support/caseload';
import { closeCase, getClosures } from '../../../../src/db/repositories/closure';
import { getDraft, saveDraft } from '../../../../src/db/repositories/drafts';
import { getLatestMap, saveResilienceMap } from '../../../../src/db/repositories/resilience-map';
import { logSession } from '../../../../src/db/repositories/sessions';
import {
  createYoungPerson,
  findPossibleDuplicates,
} from '../../../../src/db/repositories/young-people';
import { DATABASE_NAME } from '../../../../src/db/schema';
import { NOW, addGoal, at, freshDb, sessionInput } from '../fixtures';
import { rawPut, rawText } from './raw-idb';
import { goal, session, youngPerson } from './records';

// Fewer iterations keep these tests quick; keyring-real-kdf.test.ts checks the real figure.
vi.mock('../../../../src/lib/crypto', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/lib/crypto')>()),
  PBKDF2_ITERATIONS: 1000,
}));

// The shared database, as the app has it: getDb() installs the encryption layer with the
// session key holder.

const PASSPHRASE = 'seven swans on the canal';
const TYPED = [
  'Oluwaseun',
  'Marchetti',
  "St Brigid's",
  '2012-07-30',
  'Transitions',
  'swim a length at Ponds Forge',
  'breathing by the canal',
  'football with cousins',
  'It helped me talk to Nan',
  'Dad says mornings are calmer',
  'half-typed worry about Year 7',
];

beforeEach(async () => {
  lock();
  await freshDb();
});

afterEach(() => lock());

/** A young person with a goal, a session, a map, a draft and a closed case, all through the repositories. */
async function journey() {
  const yp = await createYoungPerson(
    {
      name: 'Oluwaseun Marchetti',
      dateOfBirth: '2012-07-30',
      school: "St Brigid's",
      programme: 'Transitions',
      referralDate: '2026-09-01',
    },
    at('2026-09-01'),
  );
  const { goal: swim } = await addGoal(yp.id, at('2026-09-01'), {
    text: 'Learn to swim a length at Ponds Forge',
  });
  await logSession(
    yp.id,
    sessionInput('2026-10-01', [{ goalId: swim.id, score: 5 }], {
      notes: 'Practised breathing by the canal',
    }),
    at('2026-10-01'),
  );
  await saveResilienceMap(
    yp.id,
    {
      tiles: { 'belonging-somewhere': 'strength' },
      examples: { 'belonging-somewhere': 'Plays football with cousins' },
      savedBy: 'young-person',
    },
    at('2026-10-02'),
  );
  await saveDraft('session', yp.id, { notes: 'A half-typed worry about Year 7' }, at('2026-10-03'));
  await closeCase(
    yp.id,
    {
      closedOn: '2026-11-20',
      reason: 'support-completed',
      reasonDetail: '',
      closingRatings: [{ goalId: swim.id, score: 8 }],
      closingRatedBy: 'young-person',
      goalOutcomes: { [swim.id]: 'reached' },
      youngPersonSatisfaction: 9,
      parentCarerSatisfaction: 8,
      youngPersonComments: 'It helped me talk to Nan',
      parentCarerComments: 'Dad says mornings are calmer',
    },
    NOW,
  );
  return { yp, swim };
}

describe('encryption at rest with the real repositories', () => {
  it('first use: encrypts the records already there, then everything saved after', async () => {
    // Records from before encryption was set up, stored plain.
    await rawPut(DATABASE_NAME, 'youngPeople', [youngPerson()]);
    await rawPut(DATABASE_NAME, 'goals', [goal()]);
    await rawPut(DATABASE_NAME, 'sessions', [session()]);
    expect(await rawText(DATABASE_NAME)).toContain('Zephyrine');

    const { dataKey } = await createKeyring(PASSPHRASE, NOW);
    setUnsealedPolicy('plain');
    setDataKey(dataKey);
    expect(await sealEveryRecord(getDb())).toBe(3);
    setUnsealedPolicy('refuse');
    expect(await rawText(DATABASE_NAME)).not.toContain('Zephyrine');
    expect(await rawText(DATABASE_NAME)).not.toContain('trombone');

    const { yp } = await journey();
    const detail = await getYoungPersonDetail(yp.id);
    expect(detail?.youngPerson).toMatchObject({
      name: 'Oluwaseun Marchetti',
      dateOfBirth: '2012-07-30',
      school: "St Brigid's",
      programme: 'Transitions',
      status: 'closed',
      closureReason: 'Support completed',
    });
    expect(detail?.goals.map((g) => g.goal.text)).toEqual([
      'Learn to swim a length at Ponds Forge',
    ]);
    expect(detail?.sessions.map((s) => s.notes)).toEqual(['Practised breathing by the canal']);
    const [closure] = await getClosures(yp.id);
    expect(closure).toMatchObject({
      youngPersonComments: 'It helped me talk to Nan',
      parentCarerComments: 'Dad says mornings are calmer',
    });
    expect((await getLatestMap(yp.id))?.examples).toEqual({
      'belonging-somewhere': 'Plays football with cousins',
    });
    expect((await getDraft('session', yp.id))?.values).toEqual({
      notes: 'A half-typed worry about Year 7',
    });
    expect((await getCaseload()).map((row) => row.youngPerson.name).sort()).toEqual([
      'Oluwaseun Marchetti',
      'Zephyrine Quartermaine',
    ]);
    expect(await findPossibleDuplicates('oluwaseun marchetti', '2012-07-30')).toHaveLength(1);

    const raw = await rawText(DATABASE_NAME);
    for (const words of TYPED) expect(raw).not.toContain(words);
  });

  it('locks: nothing can be read or saved until the passphrase is given again', async () => {
    const { dataKey } = await createKeyring(PASSPHRASE, NOW);
    setDataKey(dataKey);
    const { yp } = await journey();
    lock();
    expect(dataKey.every((b) => b === 0)).toBe(true);

    await expect(getYoungPersonDetail(yp.id)).rejects.toBeInstanceOf(LockedError);
    await expect(getCaseload()).rejects.toBeInstanceOf(LockedError);
    await expect(
      createYoungPerson(
        { name: 'New', dateOfBirth: '', school: '', programme: '', referralDate: '' },
        NOW,
      ),
    ).rejects.toThrow('The app is locked: unlock it to save.');
    expect(await getDb().youngPeople.count()).toBe(1);

    setDataKey(await unlockWithPassphrase(PASSPHRASE, NOW));
    expect((await getYoungPersonDetail(yp.id))?.youngPerson.name).toBe('Oluwaseun Marchetti');
  });
});
