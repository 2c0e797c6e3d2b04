import { loadSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { auditCsvLines } from "@/lib/audit/csv";
import { auditFiltersSchema } from "@/lib/audit/filters";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV (formula-safe cells), streamed page by page. Owners only. */
export async function GET(request: Request) {
  const ctx = await loadSessionContext();
  if (!ctx) return new Response("Please sign in.", { status: 401 });
  if (!can(ctx.actor, "audit:read")) return new Response("Only owners can export the audit log.", { status: 403 });
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response(parsed.error.issues.map((i) => i.message).join("; "), { status: 400 });
  const { cursor: _cursor, ...filters } = parsed.data;
  const lines = auditCsvLines(ctx, filters, ctx.org);
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
      "content-disposition": `attachment; filename="audit-log-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
}
