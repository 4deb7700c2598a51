/** The report's "Goals per domain" section. */
import { DOMAINS, type DomainId } from '../framework';
import type { Goal } from '../schemas';
import { countBasis } from './figure-helpers';
import type { GoalsPerDomain, ReportScope, ServiceReport } from './types';

/** Goals per domain, every domain in framework order; a goal counts in each of its domains. */
export function goalsPerDomain(goals: readonly Goal[]): GoalsPerDomain {
  const counts = new Map<DomainId, number>();
  let multiDomainGoals = 0;
  for (const goal of goals) {
    const domains = new Set(goal.domains);
    if (domains.size > 1) multiDomainGoals += 1;
    for (const d of domains) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return {
    domains: DOMAINS.map((d) => ({
      domain: d.id,
      name: d.name,
      colour: d.colour,
      shape: d.shape,
      count: counts.get(d.id) ?? 0,
    })),
    multiDomainGoals,
  };
}

/** Goals per domain over every goal of the cases counted. */
export function domainsSection(scope: ReportScope): Pick<ServiceReport, 'goalsPerDomain'> {
  return {
    goalsPerDomain: {
      value: goalsPerDomain(scope.goals),
      basis: countBasis(scope.goals.length, 'goals'),
    },
  };
}
