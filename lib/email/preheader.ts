import { escapeHtml } from "./tokens";

/**
 * The preview text mail apps show after the subject: hidden text first in the body. The padding
 * of zero-width joiners keeps the apps from filling the rest of the preview with the body.
 */
export function withPreheader(html: string, preheader: string | null | undefined): string {
  const text = preheader?.trim();
  if (!text) return html;
  const hidden = `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(text)}${"&#8204;&nbsp;".repeat(40)}</div>`;
  const body = /<body[^>]*>/i.exec(html);
  return body
    ? html.slice(0, body.index + body[0].length) + hidden + html.slice(body.index + body[0].length)
    : hidden + html;
}
