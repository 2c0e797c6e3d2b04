import { parseTokens, TemplateSyntaxError, type Segment } from "./tokens";

/**
 * The template body format: plain text, a blank line starts a paragraph, `[label](https://…)`
 * is a link (the URL may also be `{{unsubscribe_url}}`), tokens anywhere in text and labels.
 */
export type Inline = Segment | { kind: "link"; label: Segment[]; url: string };
export type Paragraph = Inline[][]; // lines of a paragraph

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const UNSUBSCRIBE_URL = /^\{\{\s*unsubscribe_url\s*\}\}$/;

function parseLine(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(LINK)) {
    if (m.index > last) out.push(...parseTokens(line.slice(last, m.index)));
    const url = m[2]!;
    if (!UNSUBSCRIBE_URL.test(url)) {
      let parsed: URL | null = null;
      try {
        parsed = new URL(url);
      } catch {}
      if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:"))
        throw new TemplateSyntaxError(`The link “${url}” must be a full http(s) address`);
    }
    out.push({ kind: "link", label: parseTokens(m[1]!), url: UNSUBSCRIBE_URL.test(url) ? "{{unsubscribe_url}}" : url });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(...parseTokens(line.slice(last)));
  return out;
}

export function parseBody(body: string): Paragraph[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== ""),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map(parseLine));
}

export function bodyError(body: string): string | null {
  try {
    parseBody(body);
    return null;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error.message;
    throw error;
  }
}
