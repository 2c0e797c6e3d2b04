import { apiKeyCtx } from "@/lib/api-keys/authenticate";
import { analyticsReport } from "@/lib/analytics/report";
import { apiErrorResponse, json } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

/** An analytics page's numbers as JSON: GET /api/v1/analytics/email?range=30d (see the README). */
export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }): Promise<Response> {
  try {
    const ctx = await apiKeyCtx(request);
    const q = new URL(request.url).searchParams;
    const body = await analyticsReport(ctx, (await params).report, {
      range: q.get("range"),
      from: q.get("from"),
      to: q.get("to"),
      dating: q.get("dating"),
    });
    return json(body, 200);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
