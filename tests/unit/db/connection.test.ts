import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { getConnectionProblem, watchConnection } from '../../../src/db/connection';
import { CoachingDatabase } from '../../../src/db/database';
import { SCHEMA_V4 } from '../../../src/db/schema';

const NAME = 'connection-test';

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('another tab upgrading the database', () => {
  it('closes this connection so the upgrade goes ahead, reports it, and refuses later writes', async () => {
    const here = new CoachingDatabase(NAME);
    watchConnection(here);
    await here.open();
    expect(getConnectionProblem()).toBeNull();

    // "Another tab" runs a newer version of the app with a version 5 schema.
    const newer = new Dexie(NAME);
    newer.version(4).stores(SCHEMA_V4);
    newer.version(5).stores({ ...SCHEMA_V4, extra: 'id' });
    await newer.open();
    expect(newer.verno).toBe(5);

    expect(getConnectionProblem()).toBe('upgraded');
    await expect(here.settings.put({ key: 'k', value: 1 })).rejects.toMatchObject({
      name: 'DatabaseClosedError',
    });
    expect(await newer.table('settings').count()).toBe(0);
    newer.close();
  });
});
