import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../src/db/database';
import {
  createYoungPerson,
  findPossibleDuplicates,
  updateYoungPerson,
} from '../../../src/db/repositories/young-people';
import type { YoungPersonInput } from '../../../src/domain/schemas';
import { NOW, fieldErrorsOf, freshDb } from './fixtures';

const input = (overrides: Partial<YoungPersonInput> = {}): YoungPersonInput => ({
  name: 'Mia',
  dateOfBirth: '2013-04-12',
  school: 'Highfield Academy',
  programme: 'Moving on Up 1:1',
  referralDate: '2026-09-01',
  ...overrides,
});

beforeEach(freshDb);

describe('createYoungPerson', () => {
  it('stores an open case with trimmed text and timestamps from "now"', async () => {
    const yp = await createYoungPerson(
      input({ name: '  Mia  ', school: '  Highfield Academy ', programme: ' Walk and Talk ' }),
      NOW,
    );
    expect(yp).toMatchObject({
      name: 'Mia',
      dateOfBirth: '2013-04-12',
      school: 'Highfield Academy',
      programme: 'Walk and Talk',
      referralDate: '2026-09-01',
      status: 'open',
      closedOn: null,
      closureReason: null,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(yp.id).not.toBe('');
    expect(await getDb().youngPeople.get(yp.id)).toEqual(yp);
  });

  it('stores empty optional fields as null', async () => {
    const yp = await createYoungPerson(
      { name: 'J.B.', dateOfBirth: '', school: '   ', programme: '', referralDate: null },
      NOW,
    );
    const stored = await getDb().youngPeople.get(yp.id);
    expect(stored).toMatchObject({
      name: 'J.B.',
      dateOfBirth: null,
      school: null,
      programme: null,
      referralDate: null,
    });
  });

  it('accepts a date of birth of today', async () => {
    const yp = await createYoungPerson(input({ dateOfBirth: '2026-11-23' }), NOW);
    expect(yp.dateOfBirth).toBe('2026-11-23');
  });

  it.each([
    ['an empty name', { name: '' }, 'name'],
    ['a name of spaces', { name: '   ' }, 'name'],
    ['a future date of birth', { dateOfBirth: '2026-11-24' }, 'dateOfBirth'],
    ['a date of birth that does not exist', { dateOfBirth: '2013-02-30' }, 'dateOfBirth'],
    ['a badly written date of birth', { dateOfBirth: '12/04/2013' }, 'dateOfBirth'],
    ['a future referral date', { referralDate: '2026-12-01' }, 'referralDate'],
    ['a name that is too long', { name: 'x'.repeat(101) }, 'name'],
  ])('refuses %s and writes nothing', async (_label, overrides, field) => {
    const errors = await fieldErrorsOf(createYoungPerson(input(overrides), NOW));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(/\w/);
    expect(await getDb().youngPeople.count()).toBe(0);
  });

  it('explains a future date of birth in plain words', async () => {
    const errors = await fieldErrorsOf(
      createYoungPerson(input({ dateOfBirth: '2030-01-01' }), NOW),
    );
    expect(errors.dateOfBirth).toBe('The date of birth cannot be in the future.');
  });
});

describe('updateYoungPerson', () => {
  it('changes the details and updatedAt, keeping status, closure and createdAt', async () => {
    const yp = await createYoungPerson(input(), NOW);
    const later = new Date(2026, 10, 30, 9, 0, 0);
    const updated = await updateYoungPerson(
      yp.id,
      input({ name: ' Mia R ', school: '', programme: 'Back on Track' }),
      later,
    );
    expect(updated).toMatchObject({
      id: yp.id,
      name: 'Mia R',
      school: null,
      programme: 'Back on Track',
      status: 'open',
      createdAt: NOW.toISOString(),
      updatedAt: later.toISOString(),
    });
    expect(await getDb().youngPeople.get(yp.id)).toEqual(updated);
    expect(await getDb().youngPeople.count()).toBe(1);
  });

  it('refuses bad input and leaves the record as it was', async () => {
    const yp = await createYoungPerson(input(), NOW);
    const errors = await fieldErrorsOf(updateYoungPerson(yp.id, input({ name: '' }), NOW));
    expect(errors).toHaveProperty('name');
    expect(await getDb().youngPeople.get(yp.id)).toEqual(yp);
  });

  it('fails for someone no longer in the caseload', async () => {
    await expect(updateYoungPerson('missing', input(), NOW)).rejects.toThrow(/no longer/);
    expect(await getDb().youngPeople.count()).toBe(0);
  });
});

describe('findPossibleDuplicates', () => {
  it('finds the same name and date of birth, ignoring case and spacing', async () => {
    const mia = await createYoungPerson(input({ name: 'Mia Jones' }), NOW);
    await createYoungPerson(input({ name: 'Mia Jones', dateOfBirth: '2012-01-01' }), NOW);
    await createYoungPerson(input({ name: 'Mia' }), NOW);

    const found = await findPossibleDuplicates('  mia   JONES ', '2013-04-12');
    expect(found.map((yp) => yp.id)).toEqual([mia.id]);
  });

  it('treats two missing dates of birth as the same', async () => {
    const noDob = await createYoungPerson(input({ name: 'J.B.', dateOfBirth: '' }), NOW);
    await createYoungPerson(input({ name: 'J.B.' }), NOW);
    expect((await findPossibleDuplicates('j.b.', '')).map((yp) => yp.id)).toEqual([noDob.id]);
    expect((await findPossibleDuplicates('j.b.', null)).map((yp) => yp.id)).toEqual([noDob.id]);
  });

  it('leaves out the record being edited', async () => {
    const mia = await createYoungPerson(input(), NOW);
    expect(await findPossibleDuplicates('Mia', '2013-04-12', mia.id)).toEqual([]);
  });

  it('finds nothing for an empty name', async () => {
    await createYoungPerson(input(), NOW);
    expect(await findPossibleDuplicates('   ', '2013-04-12')).toEqual([]);
  });
});
