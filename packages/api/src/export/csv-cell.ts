/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list, with tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180) that a spreadsheet shows as text: a value starting like a formula gets a leading `'`
 * (Excel and LibreOffice hide it), and a value holding a comma, quote or line break is quoted.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV line with its CRLF ending. */
export const csvLine = (cells: ReadonlyArray<string | number | null>): string => `${cells.map(csvCell).join(',')}\r\n`;

/** Makes Excel read the file as UTF-8 (without it, Japanese Excel reads Shift_JIS and shows mojibake). */
export const UTF8_BOM = '\uFEFF';
