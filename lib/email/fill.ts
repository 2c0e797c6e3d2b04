import type { Compiled } from "./compile";
import { escapeHtml, tokenValue, type TokenValues } from "./tokens";

export type FillLinks = {
  track: (url: string) => string;
  unsubscribeUrl: string | null;
  openPixelUrl: string | null;
  topicName: string | null;
  /** What stands in for a token with no value and no fallback (a preview says so in words); "" when absent. */
  missing?: (token: string) => string;
};
export type Filled = { subject: string; html: string; text: string; links: string[] };

const SLOT = /\uE000(\d+)\uE001/g;

/** Puts one recipient's values into a compiled template: HTML-escaped in the HTML, raw in text. */
export function fillTemplate(compiled: Compiled, values: TokenValues, links: FillLinks): Filled {
  const used = new Set<string>();
  const raw = (i: number, forHtml: boolean): string => {
    const slot = compiled.slots[i];
    if (!slot) return "";
    switch (slot.kind) {
      case "token":
        return slot.name === "unsubscribe_url"
          ? (links.unsubscribeUrl ?? "")
          : tokenValue(values, slot.name, slot.fallback) || (links.missing?.(slot.name) ?? "");
      case "link":
        used.add(slot.url);
        return forHtml ? links.track(slot.url) : slot.url;
      case "unsubscribe":
        return links.unsubscribeUrl ?? "";
      case "open_pixel":
        return links.openPixelUrl ?? "";
      case "topic":
        return links.topicName ? `emails about ${links.topicName}` : "these emails";
    }
  };
  const subject = compiled.subject.replace(SLOT, (_, i) => raw(Number(i), false)).replace(/[\r\n]+/g, " ");
  let html = compiled.html.replace(SLOT, (_, i) => escapeHtml(raw(Number(i), true)));
  // No pixel in this message (a user's mail): drop the empty image rather than point it nowhere.
  if (!links.openPixelUrl)
    html = html.replace(/<img[^>]*src=""[^>]*\/?>/g, "").replace(/<link rel="preload" as="image" href=""\/>/g, "");
  const text = compiled.text.replace(SLOT, (_, i) => raw(Number(i), false));
  return { subject, html, text, links: [...used] };
}
