import type { YoungPerson } from '../../domain/schemas';

const fold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB').trim();

/** Young people whose name contains the query, ignoring case and accents. Order is kept. */
export function filterPeople(people: YoungPerson[], query: string): YoungPerson[] {
  const q = fold(query);
  if (!q) return people;
  return people.filter((yp) => fold(yp.name).includes(q));
}
