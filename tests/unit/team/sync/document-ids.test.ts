import { describe, expect, it } from 'vitest';
import { createCaseloadKey, rotateCaseloadKey } from '../../../../src/team/keys/caseload-key';
import { documentIdsFor } from '../../../../src/team/sync/document-ids';
import { describeSyncError } from '../../../../src/team/sync/problems';

const CASELOAD = 'caseload-0123456789abcdef0123456789abcdef';

describe('document ids', () => {
  it('are the same for a record on every device that holds the key, and look random', async () => {
    const key = await createCaseloadKey(CASELOAD);
    const [one, two] = [await documentIdsFor(key), await documentIdsFor(key)];
    const id = await one.ofRecord('youngPeople', 'a8d4c0de-1111-4222-8333-444455556666');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await two.ofRecord('youngPeople', 'a8d4c0de-1111-4222-8333-444455556666')).toBe(id);
    expect(id).not.toContain('a8d4c0de');
  });

  it('differ by table, record, caseload key and key version', async () => {
    const key = await createCaseloadKey(CASELOAD);
    const ids = await documentIdsFor(key);
    const of = (table: string, id: string) => ids.ofRecord(table, id);
    const base = await of('goals', 'x1');
    expect(await of('sessions', 'x1')).not.toBe(base);
    expect(await of('goals', 'x2')).not.toBe(base);
    // No ambiguity from joining: "goals"+"x1" is not "goal"+"sx1".
    expect(await of('goal', 'sx1')).not.toBe(base);
    const other = await documentIdsFor(await createCaseloadKey(CASELOAD));
    expect(await other.ofRecord('goals', 'x1')).not.toBe(base);
    const rotated = await documentIdsFor(await rotateCaseloadKey(key));
    expect(await rotated.ofRecord('goals', 'x1')).not.toBe(base);
    expect(await ids.ofConflict(base, '2-abc')).not.toBe(await ids.ofConflict(base, '2-abd'));
  });
});

describe('sync problems', () => {
  it('tell a refused password and missing access (someone acts) from an unreachable server', () => {
    expect(describeSyncError({ status: 401, name: 'unauthorized' })).toMatchObject({
      state: 'error',
      message: expect.stringMatching(/did not accept this user name and password/),
    });
    expect(describeSyncError({ status: 403, name: 'forbidden' }).state).toBe('error');
    expect(describeSyncError({ status: 404, name: 'not_found' }).message).toMatch(
      /not on the team server/,
    );
    expect(describeSyncError({ status: 502 })).toMatchObject({
      state: 'offline',
      message: expect.stringMatching(/not working at the moment/),
    });
    expect(describeSyncError(new TypeError('fetch failed'))).toMatchObject({
      state: 'offline',
      message: expect.stringMatching(/cannot be reached/),
    });
    for (const problem of [describeSyncError(undefined), describeSyncError({ status: 401 })]) {
      expect(problem.message).toMatch(/kept on this device/);
    }
  });
});
