/** One CSV cell: text, a number, or empty. */
export type CsvCell = string | number | null;

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads accents and symbols correctly. */
  bom?: boolean;
}

/** The UTF-8 byte order mark, as the first character of a string. */
export const UTF8_BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet treat a cell as a formula, or that it may drop before
 * looking (a NUL, tab, carriage return or line feed): =, +, -, @ and their full-width forms,
 * which some spreadsheets in East Asian locales also read as formulas. Spaces before one of
 * them count too, since an import may trim them.
 */
const FORMULA_START = /^(?:[\0\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** Characters that oblige a field to be quoted (RFC 4180), plus a leading or trailing space. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * Text a spreadsheet will show as text, never run as a formula: a cell starting with
 * =, +, -, @ (or their full-width forms, or spaces then one of them), a NUL, a tab, a carriage
 * return or a line feed gets a leading apostrophe.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted as RFC 4180 asks. Numbers stay numbers (so -3 stays -3). */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document (RFC 4180): a header row then one line per row, fields separated by
 * commas, lines ended by CRLF (the last line too). Text cells are protected against
 * spreadsheet formula injection; pass numbers as numbers to keep them as numbers.
 */
export function toCsv(header: string[], rows: CsvCell[][], options: CsvOptions = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  const body = lines.map((line) => `${line}\r\n`).join('');
  return options.bom ? `${UTF8_BOM}${body}` : body;
}
