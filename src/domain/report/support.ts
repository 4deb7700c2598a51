/** The report's "Length of support and waiting time" section. */
import { daysBetween } from '../../lib/dates';
import { countBasis, mean, share } from './figure-helpers';
import type { Basis, ReportScope, ServiceReport } from './types';

/** Sessions within which a case counts as "completed within 8 sessions". */
export const SHORT_SUPPORT_SESSIONS = 8;

/** Waiting times the Blackpool reports use: 8 weeks and 18 weeks, in days. */
export const WAITING_DAYS = [56, 126] as const;

/** Sessions per closed case, and days from referral to a first session. */
export function supportSection(
  scope: ReportScope,
): Pick<
  ServiceReport,
  | 'meanSessionsPerClosedCase'
  | 'closedWithinEightSessions'
  | 'meanWaitingDays'
  | 'seenWithin56Days'
  | 'seenWithin126Days'
> {
  const { cases, closed } = scope;
  const closedBasis: Basis = {
    count: closed.length,
    unit: 'closed cases',
    closedCases: closed.length,
  };
  const sessionCounts = closed.map((c) => c.sessions.length);
  const waits: number[] = [];
  for (const c of cases) {
    if (c.youngPerson.referralDate && c.firstSessionDate) {
      waits.push(daysBetween(c.youngPerson.referralDate, c.firstSessionDate));
    }
  }
  const waitBasis = countBasis(waits.length, 'cases with a referral date and a session');
  return {
    meanSessionsPerClosedCase: { value: mean(sessionCounts), basis: closedBasis },
    closedWithinEightSessions: {
      value: share(sessionCounts.filter((n) => n <= SHORT_SUPPORT_SESSIONS).length, closed.length),
      basis: closedBasis,
    },
    meanWaitingDays: { value: mean(waits), basis: waitBasis },
    seenWithin56Days: {
      value: share(waits.filter((d) => d <= WAITING_DAYS[0]).length, waits.length),
      basis: waitBasis,
    },
    seenWithin126Days: {
      value: share(waits.filter((d) => d <= WAITING_DAYS[1]).length, waits.length),
      basis: waitBasis,
    },
  };
}
