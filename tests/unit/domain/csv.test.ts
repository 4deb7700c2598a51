import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, toCsv, UTF8_BOM } from '../../../src/domain/csv';

describe('toCsv', () => {
  it('writes a header and rows separated by commas, each line ended by CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          ['y', 2],
        ],
      ),
    ).toBe('a,b\r\nx,1\r\ny,2\r\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv(['goal', 'score'], [])).toBe('goal,score\r\n');
  });

  it('leaves null cells empty', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, 'x', null]])).toBe('a,b,c\r\n,x,\r\n');
  });

  it('quotes fields with commas, quotes or line breaks and doubles inner quotes', () => {
    const csv = toCsv(['text'], [['one, two'], ['say "hi"'], ['line\nbreak'], ['cr\r\nlf']]);
    expect(csv).toBe('text\r\n"one, two"\r\n"say ""hi"""\r\n"line\nbreak"\r\n"cr\r\nlf"\r\n');
  });

  it('quotes fields with a leading or trailing space so they survive', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const csv = toCsv(
      ['t'],
      [['=SUM(A1:A2)'], ['+1'], ['-2'], ['@cmd'], ['\tTab'], ['\rReturn'], ['plain=ok']],
    );
    expect(csv.split('\r\n')).toEqual([
      't',
      "'=SUM(A1:A2)",
      "'+1",
      "'-2",
      "'@cmd",
      "'\tTab",
      '"\'\rReturn"',
      'plain=ok',
      '',
    ]);
  });

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x", "y")')).toBe('"\'=HYPERLINK(""http://x"", ""y"")"');
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(toCsv(['change'], [[-3], [0], [2.45], [4]])).toBe('change\r\n-3\r\n0\r\n2.45\r\n4\r\n');
  });

  it('writes a number that is not finite as an empty cell', () => {
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('neutralises header cells too', () => {
    expect(toCsv(['=bad'], [])).toBe("'=bad\r\n");
  });

  it('adds a UTF-8 byte order mark only when asked', () => {
    expect(toCsv(['a'], [['é']], { bom: true })).toBe(`${UTF8_BOM}a\r\né\r\n`);
    expect(toCsv(['a'], [['é']]).startsWith(UTF8_BOM)).toBe(false);
    expect(UTF8_BOM).toBe('\uFEFF');
  });
});

describe('neutraliseFormula', () => {
  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('Feel calmer at school')).toBe('Feel calmer at school');
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula('a = b + c - d @ e')).toBe('a = b + c - d @ e');
    expect(neutraliseFormula(' leading space')).toBe(' leading space');
  });

  it.each([
    ['a leading NUL', '\0=1+1'],
    ['a NUL alone', '\0'],
    ['a leading tab', '\t=1+1'],
    ['a leading carriage return', '\r=1+1'],
    ['a leading line feed', '\n=1+1'],
    ['spaces before =', '   =HYPERLINK("http://x")'],
    ['a full-width equals sign', '\uFF1DSUM(A1)'],
    ['a full-width plus sign', '\uFF0B1'],
    ['a full-width minus sign', '\uFF0D1'],
    ['a full-width at sign', '\uFF20cmd'],
  ])('neutralises %s', (_what, text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('neutralises a leading NUL inside a whole CSV too', () => {
    expect(toCsv(['t'], [['\0=cmd|calc']])).toBe("t\r\n'\0=cmd|calc\r\n");
  });
});
