/**
 * A cell a spreadsheet might run as a formula (=, +, -, @, or a leading tab/carriage return) is
 * prefixed with an apostrophe, the OWASP-recommended neutralisation; then CSV quoting applies.
 * Values that already start with apostrophes before such a character get one more, so that
 * csvValue (on import) can take exactly one off and every value comes back unchanged.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value == null ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_LIKE.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The inverse of csvCell's neutralisation, for a parsed cell: "'+33 6…" → "+33 6…". */
export function csvValue(cell: string): string {
  return cell.startsWith("'") && FORMULA_LIKE.test(cell) ? cell.slice(1) : cell;
}
