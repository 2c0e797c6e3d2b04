import { openPixelUrl } from "./links";

/** The stored HTML for viewing in the app: without the open pixel, so reading it here is not an "open". */
export function previewHtml(m: { id: string; orgId: string; contactId: string | null; html: string }): string {
  const pixel = openPixelUrl({ orgId: m.orgId, messageId: m.id, contactId: m.contactId });
  return m.html
    .split(pixel)
    .join("")
    .replace(/<img[^>]*src=""[^>]*\/?>/g, "")
    .replace(/<link rel="preload" as="image" href=""\/>/g, "");
}
