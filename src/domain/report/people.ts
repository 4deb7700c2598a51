/** The report's "Young people and goals" section. */
import { countBasis } from './figure-helpers';
import type { ReportScope, ServiceReport } from './types';

/** Young people, closed cases, goals, and goals per young person. */
export function peopleSection(
  scope: ReportScope,
): Pick<ServiceReport, 'youngPeople' | 'closedCases' | 'goals' | 'goalsPerYoungPerson'> {
  const { cases, closed, goals } = scope;
  const people = countBasis(cases.length, 'young people');
  const goalCounts = cases.map((c) => c.goals.length);
  return {
    youngPeople: { value: cases.length, basis: people },
    closedCases: { value: closed.length, basis: people },
    goals: { value: goals.length, basis: people },
    goalsPerYoungPerson: {
      value:
        cases.length === 0
          ? null
          : {
              least: Math.min(...goalCounts),
              most: Math.max(...goalCounts),
              mean: goals.length / cases.length,
            },
      basis: people,
    },
  };
}
