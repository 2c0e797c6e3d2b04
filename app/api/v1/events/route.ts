import { BODY_LIMITS } from "@/lib/api/body-limit";
import { apiKeyCtx } from "@/lib/api-keys/authenticate";
import { ingestApiEvent } from "@/lib/api-events/ingest";
import { apiErrorResponse, json, readJsonObject } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

/** Public event ingest: another system reports what happened to a customer (see the README). */
export async function POST(request: Request): Promise<Response> {
  try {
    const ctx = await apiKeyCtx(request);
    const read = await readJsonObject(request, BODY_LIMITS.events);
    if (!read.ok) return read.response;
    const result = await ingestApiEvent(ctx, read.body);
    return json(result.body, result.httpStatus);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
