import { loadSessionContext } from "@/lib/auth/session";
import { toActionError } from "@/lib/action-result";
import { explainMembership } from "@/lib/segments/explain";

export const dynamic = "force-dynamic";

/** Why one customer is in or out of the criteria being edited, condition by condition. */
export async function POST(request: Request) {
  const ctx = await loadSessionContext();
  if (!ctx) return Response.json({ ok: false, error: "Please sign in." }, { status: 401 });
  try {
    const body = (await request.json().catch(() => ({}))) as { criteria?: unknown; contactId?: unknown };
    return Response.json({ ok: true, ...(await explainMembership(ctx, body.criteria, body.contactId)) });
  } catch (error) {
    return Response.json(toActionError(error), { status: 200 });
  }
}
