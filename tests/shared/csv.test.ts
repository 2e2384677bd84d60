import { describe, it, expect } from 'vitest';
import { csvCell, csvRow, BOM } from '../../src/shared/csv';

/** Each value, and the cell a spreadsheet receives. */
const cellsOf = (cases: Record<string, string>) => expect(Object.keys(cases).map(csvCell)).toEqual(Object.values(cases));

describe('CSV for Excel', () => {
  it('quotes cells with commas, quotes and newlines as RFC 4180 says', () => {
    cellsOf({ 'a,b': '"a,b"', 'say "hi"': '"say ""hi"""', 'line1\nline2': '"line1\nline2"' });
  });

  it('leaves plain Chinese text untouched', () => {
    expect(csvCell('服务态度很好')).toBe('服务态度很好');
  });

  it('guards cells that a spreadsheet would run as a formula', () => {
    cellsOf({ '=HYPERLINK("http://x","y")': `"'=HYPERLINK(""http://x"",""y"")"`, '+1': "'+1", '-2': "'-2", '@SUM(A1)': "'@SUM(A1)", '\tcmd': "'\tcmd" });
  });

  it('guards formulas hidden behind leading spaces, a line feed or a full-width sign', () => {
    cellsOf({ ' =1+1': "' =1+1", '\u3000=1+1': "'\u3000=1+1", '\n=cmd|\'/c calc\'!A1': `"'\n=cmd|'/c calc'!A1"` });
    for (const sign of ['＝', '＋', '－', '＠']) expect(csvCell(`${sign}SUM(A1:A9)`)).toBe(`'${sign}SUM(A1:A9)`);
    expect(csvCell('  服务很好')).toBe('  服务很好');
  });

  it('writes numbers as numbers and empty values as empty cells', () => {
    expect(csvRow([1, null, undefined, true, 'x'])).toBe('1,,,true,x\r\n');
  });

  it('ends every row with CRLF and starts files with a UTF-8 byte-order mark', () => {
    expect(csvRow(['a', 'b']).endsWith('\r\n')).toBe(true);
    expect(BOM).toBe('\uFEFF');
  });
});
