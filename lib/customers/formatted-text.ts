/**
 * A small, safe note format: paragraphs, "- " bullet lines, **bold**, *italic* and `code`.
 * It parses to plain data; the component renders that as React text nodes, so nothing a person
 * types is ever interpreted as HTML.
 */
export type Inline = { kind: "text" | "bold" | "italic" | "code"; text: string };
export type Block = { kind: "paragraph"; lines: Inline[][] } | { kind: "list"; items: Inline[][] };

const INLINE = /(\*\*[^*\n]+\*\*|\*[^*\n]+\*|`[^`\n]+`)/g;

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  for (const part of line.split(INLINE)) {
    if (!part) continue;
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4)
      out.push({ kind: "bold", text: part.slice(2, -2) });
    else if (part.startsWith("`") && part.endsWith("`") && part.length > 2)
      out.push({ kind: "code", text: part.slice(1, -1) });
    else if (part.startsWith("*") && part.endsWith("*") && part.length > 2)
      out.push({ kind: "italic", text: part.slice(1, -1) });
    else out.push({ kind: "text", text: part });
  }
  return out;
}

export function parseFormattedText(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*] /.test(l)))
      blocks.push({ kind: "list", items: lines.map((l) => parseInline(l.replace(/^\s*[-*] /, ""))) });
    else blocks.push({ kind: "paragraph", lines: lines.map(parseInline) });
  }
  return blocks;
}
