import { ownApi } from "@/inngest/own-api";

export const dynamic = "force-dynamic";

/**
 * The embedded executor's checkpoint API: the SDK posts here (as /v1/checkpoint/<run>/async,
 * rewritten in next.config.ts) the steps a call ran before it goes on to the next. The app's own
 * client is answered in process (inngest/client.ts); this route serves any other caller.
 */
export async function POST(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  if (!ownApi.embedded()) return Response.json({ error: "the embedded executor is not in use" }, { status: 404 });
  const reply = await ownApi.checkpoint(
    (await params).runId,
    request.headers.get("authorization"),
    await request.text(),
  );
  return Response.json(reply.body, { status: reply.status });
}
