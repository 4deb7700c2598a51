/**
 * The service report as CSV: one row per figure (and per item of the lists), with small numbers
 * suppressed as a shared file must (see SUPPRESSION_NOTE and src/domain/suppression.ts).
 */
import { toCsv, type CsvCell } from '../../domain/csv';
import {
  FIGURE_ORDER,
  REPORT_FIGURES,
  isListFigure,
  isScalarFigure,
  restsOnFewClosedCases,
  type Figure,
  type FigureId,
  type ServiceReport,
  type ValueKind,
} from '../../domain/report';
import { SUPPRESS_BELOW, isSmallCount, suppressedCount } from '../../domain/suppression';
import { roundForCsv } from './report-format';

export const REPORT_CSV_HEADER = ['figure', 'item', 'value', 'unit', 'based_on', 'basis', 'note'];

const FEW_NOTE = 'rests on fewer than 10 closed cases';
const SUPPRESSED_NOTE = `suppressed: rests on fewer than ${SUPPRESS_BELOW}`;
/** What a mean or share resting on 1 to 4 things is written as. */
export const SUPPRESSED_VALUE = 'suppressed';

/** Said on the page beside the downloads and in the docs. */
export const SUPPRESSION_NOTE = `In the report CSV any count from 1 to ${SUPPRESS_BELOW - 1} is written "<${SUPPRESS_BELOW}", and a mean or share worked out from 1 to ${SUPPRESS_BELOW - 1} things (or a share of 1 to ${SUPPRESS_BELOW - 1} of them) is written "${SUPPRESSED_VALUE}", so that no figure can single out a young person.`;

/**
 * A figure's value and basis as the CSV writes them: a count from 1 to 4 as "<5"; a mean or
 * share that rests on 1 to 4 things, or a share whose part is 1 to 4 things, as "suppressed".
 */
function suppressedCells(
  value: number | null,
  kind: ValueKind,
  basisCount: number,
): { value: CsvCell; basedOn: CsvCell; suppressed: boolean } {
  const basedOn = suppressedCount(basisCount);
  const rounded = roundForCsv(value, kind);
  if (value === null || rounded === null) return { value: null, basedOn, suppressed: false };
  if (kind === 'count') {
    return { value: suppressedCount(rounded), basedOn, suppressed: isSmallCount(rounded) };
  }
  const part = kind === 'share' ? Math.round(value * basisCount) : 0;
  if (isSmallCount(basisCount) || isSmallCount(part)) {
    return { value: SUPPRESSED_VALUE, basedOn, suppressed: true };
  }
  return { value: rounded, basedOn, suppressed: false };
}

function row(
  id: FigureId,
  figure: Figure<unknown>,
  item: string | null,
  value: number | null,
  kind: ValueKind,
): CsvCell[] {
  const { label, unit } = REPORT_FIGURES[id];
  const cells = suppressedCells(value, kind, figure.basis.count);
  const notes = [
    restsOnFewClosedCases(figure) ? FEW_NOTE : null,
    cells.suppressed && kind !== 'count' ? SUPPRESSED_NOTE : null,
  ].filter((n) => n !== null);
  return [
    label,
    item,
    cells.value,
    unit,
    cells.basedOn,
    figure.basis.unit,
    notes.length > 0 ? notes.join('; ') : null,
  ];
}

/**
 * The rows of the report CSV, starting with what the report was run over. The figures that
 * are one number come first and the lists after them, each in the page's order, so that the
 * single numbers sit together at the top of the file.
 */
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
  for (const id of FIGURE_ORDER.filter(isScalarFigure)) {
    const figure: Figure<number | null> = report[id];
    rows.push(row(id, figure, null, figure.value, REPORT_FIGURES[id].kind));
  }
  for (const id of FIGURE_ORDER.filter(isListFigure)) {
    for (const { item, value, kind } of REPORT_FIGURES[id].items(report)) {
      rows.push(row(id, report[id], item, value, kind));
    }
  }
  return rows;
}

/** The report CSV, with a byte order mark so spreadsheets read it as UTF-8. */
export function reportCsv(report: ServiceReport): string {
  return toCsv(REPORT_CSV_HEADER, reportCsvRows(report), { bom: true });
}
