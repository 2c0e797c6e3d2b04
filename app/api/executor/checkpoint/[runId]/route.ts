import { checkpointRequest } from "@/inngest/local/http";
import { currentTarget } from "@/inngest/target";

export const dynamic = "force-dynamic";

/**
 * The embedded executor's checkpoint API: the SDK posts here (as /v1/checkpoint/<run>/async,
 * rewritten in next.config.ts) the steps a call ran before it goes on to the next.
 */
export async function POST(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const target = currentTarget();
  if (target.kind !== "embedded")
    return Response.json({ error: "the embedded executor is not in use" }, { status: 404 });
  const { runId } = await params;
  const reply = await checkpointRequest(
    runId,
    request.headers.get("authorization"),
    target.signingKey,
    await request.text(),
  );
  return Response.json(reply.body, { status: reply.status });
}
