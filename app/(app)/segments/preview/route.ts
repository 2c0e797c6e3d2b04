import { loadSessionContext } from "@/lib/auth/session";
import { toActionError } from "@/lib/action-result";
import { countMatching, sampleMatching } from "@/lib/segments/query";

export const dynamic = "force-dynamic";

/** The builder's live count and sample for criteria being edited (nothing is saved). */
export async function POST(request: Request) {
  const ctx = await loadSessionContext();
  if (!ctx) return Response.json({ ok: false, error: "Please sign in." }, { status: 401 });
  try {
    const body = (await request.json().catch(() => ({}))) as { criteria?: unknown };
    const now = new Date();
    const [count, sample] = await Promise.all([
      countMatching(ctx, body.criteria, now),
      sampleMatching(ctx, body.criteria, now),
    ]);
    return Response.json({ ok: true, count, sample });
  } catch (error) {
    return Response.json(toActionError(error), { status: 200 });
  }
}
