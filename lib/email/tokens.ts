/** Personalisation tokens a template may use: `{{contact.first_name | "there"}}`. */
export const TEMPLATE_TOKENS: readonly string[] = [
  "contact.first_name",
  "contact.last_name",
  "contact.full_name",
  "contact.email",
  "contact.company",
  "org.name",
  "discount.code",
  "discount.amount",
  "discount.expires_at",
  "unsubscribe_url",
];

export type TokenValues = Partial<Record<string, string | null>>;

export type Segment = { kind: "text"; value: string } | { kind: "token"; name: string; fallback: string | null };

const TOKEN = /\{\{\s*([a-z_.]+)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/gy;
// Private-use characters mark slots in compiled templates; input never carries them.
const SLOT_CHARS = /[\uE000\uE001]/g;

export class TemplateSyntaxError extends Error {}

/** Splits text into literal and token segments; throws on an unknown token or an unclosed `{{`. */
export function parseTokens(input: string): Segment[] {
  const text = input.replace(SLOT_CHARS, "");
  const out: Segment[] = [];
  let i = 0;
  let literal = "";
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open === -1) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    TOKEN.lastIndex = open;
    const m = TOKEN.exec(text);
    if (!m) {
      const close = text.indexOf("}}", open);
      const raw = close === -1 ? text.slice(open, open + 30) : text.slice(open, close + 2);
      throw new TemplateSyntaxError(
        close === -1
          ? `“${raw}” is not closed with }}`
          : `“${raw}” is not a token: write {{name}} or {{name | "fallback"}}`,
      );
    }
    const name = m[1]!;
    if (!TEMPLATE_TOKENS.includes(name))
      throw new TemplateSyntaxError(`Unknown token {{${name}}}. Known tokens: ${TEMPLATE_TOKENS.join(", ")}`);
    if (literal) out.push({ kind: "text", value: literal });
    literal = "";
    out.push({ kind: "token", name, fallback: m[2] === undefined ? null : m[2].replace(/\\(.)/g, "$1") });
    i = TOKEN.lastIndex;
  }
  if (literal) out.push({ kind: "text", value: literal });
  return out;
}

/** The error message for a field, or null when every token is known and well formed. */
export function tokenError(input: string): string | null {
  try {
    parseTokens(input);
    return null;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error.message;
    throw error;
  }
}

export function tokenValue(values: TokenValues, name: string, fallback: string | null): string {
  const v = values[name];
  return v != null && v.trim() !== "" ? v : (fallback ?? "");
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
