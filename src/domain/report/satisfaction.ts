/** The report's "Satisfaction" section. */
import type { Closure } from '../schemas';
import { mean } from './figure-helpers';
import type { Figure, ReportScope, ServiceReport } from './types';

/** Mean satisfaction of young people and of parents and carers, from each closed case's closure. */
export function satisfactionSection(
  scope: ReportScope,
): Pick<ServiceReport, 'meanYoungPersonSatisfaction' | 'meanParentCarerSatisfaction'> {
  const satisfaction = (
    pick: (c: Closure) => number | null,
    unit: string,
  ): Figure<number | null> => {
    const scores: number[] = [];
    for (const c of scope.closed) {
      const score = c.closure ? pick(c.closure) : null;
      if (score !== null) scores.push(score);
    }
    return {
      value: mean(scores),
      basis: { count: scores.length, unit, closedCases: scores.length },
    };
  };
  return {
    meanYoungPersonSatisfaction: satisfaction(
      (c) => c.youngPersonSatisfaction,
      "young people's scores",
    ),
    meanParentCarerSatisfaction: satisfaction(
      (c) => c.parentCarerSatisfaction,
      "parents' and carers' scores",
    ),
  };
}
