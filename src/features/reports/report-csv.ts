/** The service report as CSV: one row per figure (and per item of the lists). */
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
} from '../../domain/report';
import { roundForCsv } from './report-format';

export const REPORT_CSV_HEADER = ['figure', 'item', 'value', 'unit', 'based_on', 'basis', 'note'];

const FEW_NOTE = 'rests on fewer than 10 closed cases';

function row(
  id: FigureId,
  figure: Figure<unknown>,
  item: string | null,
  value: number | null,
): CsvCell[] {
  const { label, unit } = REPORT_FIGURES[id];
  return [
    label,
    item,
    value,
    unit,
    figure.basis.count,
    figure.basis.unit,
    restsOnFewClosedCases(figure) ? FEW_NOTE : null,
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
    rows.push(row(id, figure, null, roundForCsv(figure.value, REPORT_FIGURES[id].kind)));
  }
  for (const id of FIGURE_ORDER.filter(isListFigure)) {
    for (const { item, value, kind } of REPORT_FIGURES[id].items(report)) {
      rows.push(row(id, report[id], item, roundForCsv(value, kind)));
    }
  }
  return rows;
}

/** The report CSV, with a byte order mark so spreadsheets read it as UTF-8. */
export function reportCsv(report: ServiceReport): string {
  return toCsv(REPORT_CSV_HEADER, reportCsvRows(report), { bom: true });
}
