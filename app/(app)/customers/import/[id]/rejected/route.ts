import { loadSessionContext } from "@/lib/auth/session";
import { rejectedRowsCsv } from "@/lib/customers/import/jobs";
import { DomainError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await loadSessionContext();
  if (!ctx) return new Response("Please sign in.", { status: 401 });
  try {
    const csv = await rejectedRowsCsv(ctx, (await params).id);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="rows-not-imported.csv"',
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError)
      return new Response(error.message, { status: error.name === "ForbiddenError" ? 403 : 404 });
    throw error;
  }
}
