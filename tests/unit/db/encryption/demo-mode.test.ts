import { sealEveryRecord } from '../../../../src/db/encryption/reseal';
import { setUnsealedPolicy } from '../../../../src/db/encryption/unsealed-policy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../../src/db/database';
import {
  PassphraseNeededError,
  lock,
  setDataKey,
  setEncryptionSetUp,
} from '../../../../src/db/encryption/session-key';
import { REAL_RECORD_MESSAGE } from '../../../../src/db/encryption/middleware';
import { closeCase } from '../../../../src/db/repositories/closure';
import { loadDemoData } from '../../../../src/db/repositories/demo';
import { updateYoungPerson } from '../../../../src/db/repositories/young-people';
import type { YoungPerson } from '../../../../src/domain/schemas';
import { randomBytes } from '../../../../src/lib/crypto';
import { DATABASE_NAME } from '../../../../src/db/schema';
import { NOW, freshDb } from '../fixtures';
import { rawText } from './raw-idb';

// Before a passphrase is chosen records are stored as they are, so the database keeps only
// demo young people ("Demo: …"): a demo young person cannot be renamed into a real one.

beforeEach(async () => {
  lock();
  await freshDb();
  setEncryptionSetUp(false);
});
afterEach(() => setEncryptionSetUp(true));

async function demoJordan(): Promise<YoungPerson> {
  await loadDemoData(NOW);
  const jordan = (await getDb().youngPeople.toArray()).find((yp) => yp.name === 'Demo: Jordan');
  if (!jordan) throw new Error('No Demo: Jordan');
  return jordan;
}

function detailsOf(yp: YoungPerson, name: string) {
  return {
    name,
    dateOfBirth: yp.dateOfBirth ?? '',
    school: yp.school ?? '',
    programme: yp.programme ?? '',
    referralDate: yp.referralDate ?? '',
  };
}

describe('Before a passphrase is chosen, only demo young people are stored', () => {
  it('keeps the demo data, and lets demo young people be edited and closed', async () => {
    const jordan = await demoJordan();
    expect(await getDb().youngPeople.count()).toBe(5);

    const edited = await updateYoungPerson(jordan.id, detailsOf(jordan, 'Demo: Jordan B'), NOW);
    expect(edited.name).toBe('Demo: Jordan B');
    const active = (await getDb().goals.where('youngPersonId').equals(jordan.id).toArray()).filter(
      (g) => g.status === 'active',
    );
    await closeCase(
      jordan.id,
      {
        closedOn: '2026-11-20',
        reason: 'support-completed',
        reasonDetail: '',
        closingRatings: active.map((g) => ({ goalId: g.id, score: 7 })),
        closingRatedBy: 'young-person',
        goalOutcomes: Object.fromEntries(active.map((g) => [g.id, 'reached'])),
        youngPersonSatisfaction: null,
        parentCarerSatisfaction: null,
        youngPersonComments: '',
        parentCarerComments: '',
      },
      NOW,
    );
    expect((await getDb().youngPeople.get(jordan.id))?.status).toBe('closed');
  });

  it('refuses renaming a demo young person to a real name, and changes nothing', async () => {
    const jordan = await demoJordan();

    const renaming = updateYoungPerson(jordan.id, detailsOf(jordan, 'Jordan Okafor'), NOW);

    await expect(renaming).rejects.toBeInstanceOf(PassphraseNeededError);
    await expect(renaming).rejects.toThrow(REAL_RECORD_MESSAGE);
    expect((await getDb().youngPeople.get(jordan.id))?.name).toBe('Demo: Jordan');
    expect(await rawText(DATABASE_NAME)).not.toContain('Okafor');
  });

  it('refuses it whatever writes the record: put, update, bulk writes', async () => {
    const jordan = await demoJordan();
    const table = getDb().youngPeople;

    await expect(table.put({ ...jordan, name: 'Jordan Okafor' })).rejects.toBeInstanceOf(
      PassphraseNeededError,
    );
    await expect(table.update(jordan.id, { name: 'Jordan Okafor' })).rejects.toThrow(
      /Choose a passphrase first/,
    );
    await expect(
      table.bulkPut([
        { ...jordan, name: 'Demo: Jordan' },
        { ...jordan, id: crypto.randomUUID(), name: 'Priya' },
      ]),
    ).rejects.toThrow(/Choose a passphrase first/);
    await expect(
      table.add({ ...jordan, id: crypto.randomUUID(), name: 'demo: lower case' }),
    ).rejects.toBeInstanceOf(PassphraseNeededError);

    expect(await table.count()).toBe(5);
    const raw = await rawText(DATABASE_NAME);
    for (const words of ['Okafor', 'Priya', 'lower case']) expect(raw).not.toContain(words);
  });

  it('stores real names, encrypted, once a passphrase is chosen', async () => {
    const jordan = await demoJordan();
    // As choosing a passphrase does: the demo records are sealed with the new key.
    setUnsealedPolicy('plain');
    setDataKey(randomBytes(32));
    await sealEveryRecord(getDb());
    setUnsealedPolicy('refuse');

    await updateYoungPerson(jordan.id, detailsOf(jordan, 'Jordan Okafor'), NOW);

    expect((await getDb().youngPeople.get(jordan.id))?.name).toBe('Jordan Okafor');
    expect(await rawText(DATABASE_NAME)).not.toContain('Okafor');
  });
});
