import { getDb } from "@/db/client";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { ingestApiEvent } from "@/lib/api-events/ingest";
import { apiErrorResponse, json, readJsonObject } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

/** Public event ingest: another system reports what happened to a customer (see the README). */
export async function POST(request: Request): Promise<Response> {
  try {
    const key = await authenticateApiKey(request);
    const read = await readJsonObject(request);
    if (!read.ok) return read.response;
    const result = await ingestApiEvent({ orgId: key.orgId, apiKeyId: key.keyId, db: await getDb() }, read.body);
    return json(result.body, result.httpStatus);
  } catch (error) {
    return apiErrorResponse(error);
  }
}
