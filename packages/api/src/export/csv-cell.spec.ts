import { csvCell, csvLine } from './csv-cell';

describe('csvCell', () => {
  it('writes plain text and numbers as they are, and null as an empty cell', () => {
    expect(csvCell('order-1001')).toBe('order-1001');
    expect(csvCell(12000)).toBe('12000');
    expect(csvCell(null)).toBe('');
  });

  it('makes a cell that would start a formula text with a leading quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('quotes a cell holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('ends a line with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
