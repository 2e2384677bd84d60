import { describe, it, expect } from 'vitest';
import { csvCell, csvRow, BOM } from '../../src/shared/csv';

describe('CSV for Excel', () => {
  it('quotes cells with commas, quotes and newlines as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
  });

  it('leaves plain Chinese text untouched', () => {
    expect(csvCell('服务态度很好')).toBe('服务态度很好');
  });

  it('guards cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('guards formulas hidden behind leading spaces, a line feed or a full-width sign', () => {
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('\u3000=1+1')).toBe("'\u3000=1+1");
    expect(csvCell('\n=cmd|\'/c calc\'!A1')).toBe(`"'\n=cmd|'/c calc'!A1"`);
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
