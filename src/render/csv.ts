/**
 * CSV as Excel reads it: UTF-8 with a byte-order mark (the Chinese text), CRLF, RFC 4180
 * quoting; blank cells are empty fields, never 0. The one CSV writer of the CLI and the API.
 */

export type CsvValue = string | number | null | undefined;

/**
 * One field. Text a spreadsheet would take for a formula (= + - @, tab or CR at the start)
 * gets a leading apostrophe: report content and names are untrusted input.
 */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The byte-order mark and header line that open a CSV file (rows follow, each ended by CRLF). */
export function csvHead(header: readonly string[]): string {
  return `\uFEFF${csvLine(header)}`;
}

/** One record and its CRLF. */
export function csvLine(row: readonly CsvValue[]): string {
  return `${row.map(csvField).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvHead(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
