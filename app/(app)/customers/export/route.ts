import { loadSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { exportContactsCsv } from "@/lib/customers/export";
import { parseListFilters } from "@/lib/customers/list.schema";

export const dynamic = "force-dynamic";

/** The current filtered list as CSV, streamed in batches. */
export async function GET(request: Request) {
  const ctx = await loadSessionContext();
  if (!ctx) return new Response("Please sign in.", { status: 401 });
  if (!can(ctx.actor.role, "customers:export"))
    return new Response("Only owners can export customers.", { status: 403 });
  const filters = parseListFilters(Object.fromEntries(new URL(request.url).searchParams));
  const lines = exportContactsCsv(ctx, filters);
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
