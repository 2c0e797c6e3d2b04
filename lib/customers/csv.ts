/**
 * A cell a spreadsheet might run as a formula (=, +, -, @, or a leading tab/carriage return) is
 * prefixed with an apostrophe, the OWASP-recommended neutralisation; then CSV quoting applies.
 */
export function csvCell(value: unknown): string {
  let s = value == null ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
