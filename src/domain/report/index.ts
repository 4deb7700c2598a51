/**
 * The service report: what changed across a service's cases over a date range.
 *
 * Every figure follows "Definitions the app's figures use" in
 * shared/reference/goal-based-outcomes.md; the words for each figure are in ./figures.ts
 * (and docs/report-definitions.md). One builder per section of the report, each in its own
 * module, works from the cases counted (./cases.ts). Pure TypeScript: no React, no Dexie,
 * no clock.
 */
import { reportScope } from './cases';
import { domainsSection } from './domains';
import { goalsSection, youngPeopleSection } from './goal-progress';
import { peopleSection } from './people';
import { practiceSection } from './practice';
import { satisfactionSection } from './satisfaction';
import { sessionsSection } from './sessions';
import { supportSection } from './support';
import type { ServiceReport, ServiceReportOptions, ServiceReportRecords } from './types';

export type {
  Basis,
  DomainCount,
  Figure,
  FigureId,
  GoalsPerDomain,
  GoalsPerYoungPerson,
  ListFigureId,
  LocationCount,
  MoveCount,
  NobleTruthCount,
  ReportCase,
  ScalarFigureId,
  ServiceReport,
  ServiceReportOptions,
  ServiceReportRecords,
} from './types';
export {
  casesInReport,
  currentClosure,
  pairedScores,
  programmesOf,
  ratingsUpToClosing,
} from './cases';
export { goalsPerDomain } from './domains';
export { FEW_CLOSED_CASES, restsOnFewClosedCases } from './figure-helpers';
export {
  FEW_CASES_NOTE,
  FIGURE_ORDER,
  REPORT_FIGURES,
  REPORT_SECTIONS,
  WHICH_CASES,
  figuresOfSection,
  isListFigure,
  isScalarFigure,
  type FigureListItem,
  type FigureSpec,
  type ListFigureSpec,
  type ReportSectionId,
  type ScalarFigureSpec,
  type ValueKind,
} from './figures';
export { TOP_MOVES, nobleTruthCounts, topMoves } from './practice';
export { sessionLocations } from './sessions';
export { SHORT_SUPPORT_SESSIONS, WAITING_DAYS } from './support';

/** Builds every figure of the service report from all the records on the device. */
export function buildServiceReport(
  records: ServiceReportRecords,
  options: ServiceReportOptions,
): ServiceReport {
  const scope = reportScope(records, options);
  return {
    from: options.from,
    to: options.to,
    programme: options.programme,
    threshold: options.threshold,
    ...peopleSection(scope),
    ...domainsSection(scope),
    ...goalsSection(scope),
    ...youngPeopleSection(scope),
    ...sessionsSection(scope),
    ...supportSection(scope),
    ...satisfactionSection(scope),
    ...practiceSection(scope),
  };
}
