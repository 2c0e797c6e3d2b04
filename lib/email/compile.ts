import { createElement, type ReactNode } from "react";
import { render } from "@react-email/render";
import { parseBody, type Inline } from "./body";
import { parseTokens, type Segment } from "./tokens";
import type { EmailCategory } from "./types";
import { EmailLink, MessageEmail } from "./react/message-email";

/** A place in a compiled template filled per message: a token, a link target, or a system value. */
export type Slot =
  | { kind: "token"; name: string; fallback: string | null }
  | { kind: "link"; url: string }
  | { kind: "unsubscribe" }
  | { kind: "open_pixel" }
  | { kind: "topic" };
export type Compiled = { subject: string; html: string; text: string; slots: Slot[] };

const marker = (i: number) => `\uE000${i}\uE001`;

/** Renders the React Email layout once with slot markers; fill.ts then puts escaped values in. */
export async function compileTemplate(input: {
  subject: string;
  body: string;
  category: EmailCategory;
}): Promise<Compiled> {
  const slots: Slot[] = [];
  const slot = (s: Slot) => marker(slots.push(s) - 1);
  const segText = (segs: Segment[]) => segs.map((s) => (s.kind === "text" ? s.value : slot(s))).join("");
  const subject = segText(parseTokens(input.subject)).replace(/\s+/g, " ").trim();
  const paragraphs = parseBody(input.body);
  const marketing = input.category === "marketing";

  const hrefOf = (url: string) =>
    url === "{{unsubscribe_url}}" ? slot({ kind: "unsubscribe" }) : slot({ kind: "link", url });
  const textLines: string[] = [];
  const htmlParagraphs: ReactNode[][] = paragraphs.map((lines) => {
    const textPara: string[] = [];
    const nodes = lines.map((line, j) => {
      let lineText = "";
      const parts = line.map((part: Inline, k) => {
        if (part.kind !== "link") {
          const s = segText([part]);
          lineText += s;
          return s;
        }
        const label = segText(part.label);
        const href = hrefOf(part.url);
        // The text part shows the real address: a reader of plain text sees where a link goes.
        lineText += `${label} (${part.url === "{{unsubscribe_url}}" ? slot({ kind: "unsubscribe" }) : part.url})`;
        return createElement(EmailLink, { key: k, href, style: { color: "#2563eb" } }, label);
      });
      textPara.push(lineText);
      return createElement("span", { key: j }, ...parts);
    });
    textLines.push(textPara.join("\n"));
    return nodes;
  });

  const org = slot({ kind: "token", name: "org.name", fallback: null });
  const footer: ReactNode = marketing
    ? createElement(
        "span",
        null,
        `You receive ${slot({ kind: "topic" })} from ${org}. `,
        createElement(
          EmailLink,
          { href: slot({ kind: "unsubscribe" }), style: { color: "#6b7280" } },
          "Unsubscribe or manage your email preferences",
        ),
        ".",
      )
    : createElement("span", null, `Sent by ${org}.`);
  const preview = textLines[0] ?? "";
  const html = await render(
    createElement(MessageEmail, {
      preview,
      paragraphs: htmlParagraphs,
      footer,
      openPixelSrc: slot({ kind: "open_pixel" }),
    }),
  );
  const textFooter = marketing
    ? `You receive ${slot({ kind: "topic" })} from ${org}. Unsubscribe or manage your email preferences: ${slot({ kind: "unsubscribe" })}`
    : `Sent by ${org}.`;
  const text = `${textLines.join("\n\n")}\n\n--\n${textFooter}\n`;
  return { subject, html, text, slots };
}

const cache = new Map<string, Promise<Compiled>>();
const CACHE_LIMIT = 200;

/** Compiling renders React: a bulk send of one template compiles it once. */
export function compileCached(input: { subject: string; body: string; category: EmailCategory }): Promise<Compiled> {
  const key = JSON.stringify([input.subject, input.body, input.category]);
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    hit = compileTemplate(input);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}
