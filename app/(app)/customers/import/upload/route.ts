import { loadSessionContext } from "@/lib/auth/session";
import { toActionError } from "@/lib/action-result";
import { createImportJob } from "@/lib/customers/import/jobs";

export const dynamic = "force-dynamic";

/** Creates the import job from the uploaded text; the background function does the rest. */
export async function POST(request: Request) {
  const ctx = await loadSessionContext();
  if (!ctx) return Response.json({ ok: false, error: "Please sign in." }, { status: 401 });
  try {
    const id = await createImportJob(ctx, await request.json());
    return Response.json({ ok: true, data: { id } });
  } catch (error) {
    return Response.json(toActionError(error), { status: 400 });
  }
}
