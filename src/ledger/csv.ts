/**
 * RFC 4180 CSV: CRLF line ends; a field containing a comma, a double quote, CR or LF is
 * enclosed in double quotes and its double quotes are doubled. Pure, no I/O.
 */

/** Line terminator of every record (RFC 4180 §2.1), the last one included. */
export const CRLF = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

/** One field: null/undefined → empty; booleans → "true"/"false"; strings quoted when they must be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CRLF;
}
