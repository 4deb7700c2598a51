import { describe, expect, it } from 'vitest';
import type { YoungPerson } from '../../../../src/domain/schemas';
import { filterPeople } from '../../../../src/features/young-people/filter-people';

function person(name: string): YoungPerson {
  return {
    id: `id-${name}`,
    name,
    dateOfBirth: null,
    school: null,
    programme: null,
    referralDate: null,
    status: 'open',
    closedOn: null,
    closureReason: null,
    createdAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-09-01T10:00:00.000Z',
  };
}

const PEOPLE = [
  person('Zoë'),
  person('Chloé B'),
  person('Ben'),
  person('Demo: Amara'),
  person('ZOE K'),
];
const names = (people: YoungPerson[]) => people.map((p) => p.name);

describe('filterPeople', () => {
  it('keeps everyone, in order, for an empty or blank query', () => {
    expect(filterPeople(PEOPLE, '')).toBe(PEOPLE);
    expect(names(filterPeople(PEOPLE, '   '))).toEqual(names(PEOPLE));
  });

  it('matches part of a name, ignoring case and accents both ways', () => {
    expect(names(filterPeople(PEOPLE, 'zoe'))).toEqual(['Zoë', 'ZOE K']);
    expect(names(filterPeople(PEOPLE, 'ZOË'))).toEqual(['Zoë', 'ZOE K']);
    expect(names(filterPeople(PEOPLE, 'chloe'))).toEqual(['Chloé B']);
    expect(names(filterPeople(PEOPLE, ' amara '))).toEqual(['Demo: Amara']);
    expect(names(filterPeople(PEOPLE, 'demo:'))).toEqual(['Demo: Amara']);
  });

  it('returns nothing when no name matches', () => {
    expect(filterPeople(PEOPLE, 'Xander')).toEqual([]);
  });
});
