import { loadSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { exportMembersCsv } from "@/lib/segments/members";
import { getSegment } from "@/lib/segments/segments";
import { DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The segment's stored members as CSV, streamed in batches. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await loadSessionContext();
  if (!ctx) return new Response("Please sign in.", { status: 401 });
  if (!can(ctx.actor.role, "customers:export"))
    return new Response("Only owners can export customers.", { status: 403 });
  const { id } = await params;
  let name: string;
  try {
    name = (await getSegment(ctx, id)).name;
  } catch (e) {
    if (e instanceof DomainError) return new Response(e.message, { status: 404 });
    throw e;
  }
  const lines = exportMembersCsv(ctx, id);
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "segment";
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${slug}-members.csv"`,
      "cache-control": "no-store",
    },
  });
}
