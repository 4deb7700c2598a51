/**
 * The report's "Progress on goals" and "Progress per young person" sections: both rest on
 * the goals with two ratings (ReportScope.scored).
 */
import { closedAmong, mean, share } from './figure-helpers';
import type { Basis, Figure, ReportScope, ServiceReport } from './types';

/** Mean baseline, closing score and change, and the shares of goals improved. */
export function goalsSection(
  scope: ReportScope,
): Pick<
  ServiceReport,
  | 'meanBaseline'
  | 'meanClosingScore'
  | 'meanChange'
  | 'goalsImproved'
  | 'goalsReliablyImproved'
  | 'goalsReliablyDeteriorated'
> {
  const { scored, threshold } = scope;
  const basis: Basis = {
    count: scored.length,
    unit: 'goals with two ratings',
    closedCases: closedAmong(
      scope,
      scored.map((s) => s.caseIndex),
    ),
  };
  const changes = scored.map((s) => s.change);
  const goalShare = (test: (change: number) => boolean): Figure<number | null> => ({
    value: share(changes.filter(test).length, changes.length),
    basis,
  });
  return {
    meanBaseline: { value: mean(scored.map((s) => s.baseline)), basis },
    meanClosingScore: { value: mean(scored.map((s) => s.closing)), basis },
    meanChange: { value: mean(changes), basis },
    goalsImproved: goalShare((c) => c > 0),
    goalsReliablyImproved: goalShare((c) => c >= threshold),
    goalsReliablyDeteriorated: goalShare((c) => c <= -threshold),
  };
}

/** The shares of young people improved, each over their own goals with two ratings. */
export function youngPeopleSection(
  scope: ReportScope,
): Pick<
  ServiceReport,
  'youngPeopleImproved' | 'youngPeopleReliablyImproved' | 'youngPeopleReliablyDeteriorated'
> {
  const { scored, threshold } = scope;
  const changesByCase = new Map<number, number[]>();
  for (const s of scored) {
    const list = changesByCase.get(s.caseIndex);
    if (list) list.push(s.change);
    else changesByCase.set(s.caseIndex, [s.change]);
  }
  const basis: Basis = {
    count: changesByCase.size,
    unit: 'young people with a goal with two ratings',
    closedCases: closedAmong(scope, changesByCase.keys()),
  };
  const lists = [...changesByCase.values()];
  const personShare = (test: (changes: number[]) => boolean): Figure<number | null> => ({
    value: share(lists.filter(test).length, lists.length),
    basis,
  });
  const improvedReliably = (list: number[]) => list.some((c) => c >= threshold);
  const deterioratedReliably = (list: number[]) => list.some((c) => c <= -threshold);
  return {
    youngPeopleImproved: personShare((list) => (mean(list) ?? 0) > 0),
    youngPeopleReliablyImproved: personShare(
      (list) => improvedReliably(list) && !deterioratedReliably(list),
    ),
    youngPeopleReliablyDeteriorated: personShare(deterioratedReliably),
  };
}
