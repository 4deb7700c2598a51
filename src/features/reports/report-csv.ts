/** The service report as CSV: one row per figure (and per item of the lists). */
import { toCsv, type CsvCell } from '../../domain/csv';
import { restsOnFewClosedCases, type Figure, type ServiceReport } from '../../domain/report';
import { FIGURE_DEFINITIONS, type FigureId, type ScalarFigureId } from './definitions';
import { roundForCsv } from './report-format';

export const REPORT_CSV_HEADER = ['figure', 'item', 'value', 'unit', 'based_on', 'basis', 'note'];

const FEW_NOTE = 'rests on fewer than 10 closed cases';

type Kind = 'share' | 'mean' | 'count';

/** The single-number figures, with how each is rounded and its unit. */
const SCALARS: readonly [ScalarFigureId, Kind, string][] = [
  ['youngPeople', 'count', 'young people'],
  ['closedCases', 'count', 'closed cases'],
  ['goals', 'count', 'goals'],
  ['meanBaseline', 'mean', 'out of 10'],
  ['meanClosingScore', 'mean', 'out of 10'],
  ['meanChange', 'mean', 'points'],
  ['goalsImproved', 'share', '%'],
  ['goalsReliablyImproved', 'share', '%'],
  ['goalsReliablyDeteriorated', 'share', '%'],
  ['youngPeopleImproved', 'share', '%'],
  ['youngPeopleReliablyImproved', 'share', '%'],
  ['youngPeopleReliablyDeteriorated', 'share', '%'],
  ['sessions', 'count', 'sessions'],
  ['meanSessionsPerClosedCase', 'mean', 'sessions'],
  ['closedWithinEightSessions', 'share', '%'],
  ['meanWaitingDays', 'mean', 'days'],
  ['seenWithin56Days', 'share', '%'],
  ['seenWithin126Days', 'share', '%'],
  ['meanYoungPersonSatisfaction', 'mean', 'out of 10'],
  ['meanParentCarerSatisfaction', 'mean', 'out of 10'],
];

function row(
  id: FigureId,
  figure: Figure<unknown>,
  item: string | null,
  value: number | null,
  unit: string,
): CsvCell[] {
  return [
    FIGURE_DEFINITIONS[id].label,
    item,
    value,
    unit,
    figure.basis.count,
    figure.basis.unit,
    restsOnFewClosedCases(figure) ? FEW_NOTE : null,
  ];
}

/** The rows of the report CSV, starting with what the report was run over. */
export function reportCsvRows(report: ServiceReport): CsvCell[][] {
  const setting = (item: string, value: CsvCell): CsvCell[] => [
    'Report',
    item,
    value,
    null,
    null,
    null,
    null,
  ];
  const rows: CsvCell[][] = [
    setting('From', report.from),
    setting('To', report.to),
    setting('Programme', report.programme ?? 'All programmes'),
    setting('Reliable change threshold', report.threshold),
  ];
  for (const [id, kind, unit] of SCALARS) {
    const figure: Figure<number | null> = report[id];
    rows.push(row(id, figure, null, roundForCsv(figure.value, kind), unit));
  }
  const perPerson = report.goalsPerYoungPerson;
  rows.push(
    row('goalsPerYoungPerson', perPerson, 'least', perPerson.value?.least ?? null, 'goals'),
    row('goalsPerYoungPerson', perPerson, 'most', perPerson.value?.most ?? null, 'goals'),
    row(
      'goalsPerYoungPerson',
      perPerson,
      'mean',
      roundForCsv(perPerson.value?.mean ?? null, 'mean'),
      'goals',
    ),
  );
  const domains = report.goalsPerDomain;
  for (const d of domains.value.domains)
    rows.push(row('goalsPerDomain', domains, d.name, d.count, 'goals'));
  rows.push(
    row(
      'goalsPerDomain',
      domains,
      'Goals linked to more than one domain (counted in each)',
      domains.value.multiDomainGoals,
      'goals',
    ),
  );
  const places = report.sessionLocations;
  for (const l of places.value) {
    rows.push(row('sessionLocations', places, l.label, roundForCsv(l.share, 'share'), '%'));
  }
  for (const m of report.topMoves.value) {
    rows.push(row('topMoves', report.topMoves, m.name, m.count, 'sessions'));
  }
  for (const t of report.nobleTruths.value) {
    rows.push(row('nobleTruths', report.nobleTruths, t.name, t.count, 'sessions'));
  }
  return rows;
}

/** The report CSV, with a byte order mark so spreadsheets read it as UTF-8. */
export function reportCsv(report: ServiceReport): string {
  return toCsv(REPORT_CSV_HEADER, reportCsvRows(report), { bom: true });
}
