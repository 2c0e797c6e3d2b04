import Papa from "papaparse";
import { csvValue } from "../csv";

/**
 * CSV parsing for imports, on papaparse (RFC 4180: quoted fields with "" escapes, delimiters and
 * newlines inside quotes, CRLF or LF, a UTF-8 BOM). It replaces our hand-written parser because it
 * parses a stream chunk by chunk (parseCsvStream): an upload is never held as one string. Every
 * cell is un-neutralised (csvValue), so our own exports come back unchanged.
 */
export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The delimiter that splits the header line into the most columns, outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** The line break of the header line (papaparse needs one per file). */
export function detectNewline(text: string): "\r\n" | "\n" | "\r" {
  const m = /\r\n|\n|\r/.exec(text);
  return (m?.[0] as "\r\n" | "\n" | "\r" | undefined) ?? "\n";
}

export type ParsedCsv = { rows: string[][]; unterminatedQuoteAtLine: number | null };

/** Collects rows as papaparse hands them over: blank lines dropped, cells un-neutralised. */
export class RowCollector {
  rows: string[][] = [];
  unterminatedQuoteAtLine: number | null = null;
  private line = 1;

  add(result: Papa.ParseStepResult<string[]>) {
    const startLine = this.line;
    const cells = result.data.map((cell, i) =>
      this.rows.length === 0 && i === 0 ? cell.replace(/^\uFEFF/, "") : cell,
    );
    // A row spans as many lines as the newlines inside its quoted cells, plus its own.
    this.line += 1 + cells.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    for (const error of result.errors) {
      if (error.code === "MissingQuotes" && this.unterminatedQuoteAtLine === null)
        this.unterminatedQuoteAtLine = startLine;
    }
    if (cells.length === 1 && cells[0]!.trim() === "") return;
    this.rows.push(cells.map(csvValue));
  }

  result(): ParsedCsv {
    return { rows: this.rows, unterminatedQuoteAtLine: this.unterminatedQuoteAtLine };
  }
}

export function parseCsv(input: string, delimiter: Delimiter = detectDelimiter(input)): ParsedCsv {
  const collector = new RowCollector();
  Papa.parse<string[]>(input, { delimiter, newline: detectNewline(input), step: (result) => collector.add(result) });
  return collector.result();
}
