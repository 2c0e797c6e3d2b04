import { loadSessionContext } from "@/lib/auth/session";
import { toActionError } from "@/lib/action-result";
import { createImportJob, createImportJobFromStream } from "@/lib/customers/import/jobs";

export const dynamic = "force-dynamic";

/**
 * Creates the import job; the background function does the rest. The import page posts the file
 * itself (text/csv, parsed as it streams in) with the file name, mode and column mapping in the
 * query; a JSON body { fileName, text, mapping, mode } is still accepted.
 */
export async function POST(request: Request) {
  const ctx = await loadSessionContext();
  if (!ctx) return Response.json({ ok: false, error: "Please sign in." }, { status: 401 });
  try {
    const type = request.headers.get("content-type") ?? "";
    let id: string;
    if (type.startsWith("text/csv") && request.body) {
      const q = new URL(request.url).searchParams;
      let mapping: unknown = null;
      try {
        mapping = JSON.parse(q.get("mapping") ?? "null");
      } catch {}
      id = await createImportJobFromStream(
        ctx,
        { fileName: q.get("fileName") ?? "", mode: q.get("mode") ?? "", mapping },
        request.body,
      );
    } else {
      id = await createImportJob(ctx, await request.json());
    }
    return Response.json({ ok: true, data: { id } });
  } catch (error) {
    return Response.json(toActionError(error), { status: 400 });
  }
}
