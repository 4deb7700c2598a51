import type { CaseloadRow } from '../../db/queries';

const fold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB').trim();

/** Rows whose name contains the query, ignoring case and accents. Order is kept. */
export function filterCaseload(rows: CaseloadRow[], query: string): CaseloadRow[] {
  const q = fold(query);
  if (!q) return rows;
  return rows.filter((r) => fold(r.youngPerson.name).includes(q));
}
