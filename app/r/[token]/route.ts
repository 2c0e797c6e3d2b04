import { getDb } from "@/db/client";
import { readTrackToken } from "@/lib/email/links";
import { recordEngagement } from "@/lib/email/tracking";
import { requestMetaFrom } from "@/lib/request-meta";

export const dynamic = "force-dynamic";

// A transparent 1×1 GIF.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const NO_STORE = { "cache-control": "no-store, max-age=0", "referrer-policy": "no-referrer" };

/**
 * Click and open tracking. A click only ever redirects to the URL signed into the message (no
 * open redirect); a broken token gets a plain 400. Recording never blocks the person's way.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token;
  const claims = readTrackToken(token);
  if (!claims)
    return new Response("This link is not valid.\n", {
      status: 400,
      headers: { ...NO_STORE, "content-type": "text/plain; charset=utf-8" },
    });
  const engagement =
    claims.kind === "click" ? ({ kind: "clicked", url: claims.url } as const) : ({ kind: "opened" } as const);
  try {
    const meta = requestMetaFrom(request.headers);
    await recordEngagement(await getDb(), claims.orgId, claims.messageId, engagement, "tracking", meta);
  } catch (error) {
    console.error("[email] could not record", engagement.kind, error);
  }
  if (claims.kind === "click")
    return new Response(null, { status: 302, headers: { ...NO_STORE, location: claims.url } });
  return new Response(PIXEL, {
    status: 200,
    headers: { ...NO_STORE, "content-type": "image/gif", "content-length": String(PIXEL.length) },
  });
}
