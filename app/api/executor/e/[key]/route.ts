import { getDb } from "@/db/client";
import { runningExecutor } from "@/inngest/local/executor";
import { ingestRequest } from "@/inngest/local/http";
import { currentTarget } from "@/inngest/target";

export const dynamic = "force-dynamic";

/** The embedded executor's event API: where inngest.send() posts when no Inngest is configured. */
export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const target = currentTarget();
  if (target.kind !== "embedded")
    return Response.json({ status: 404, error: "the embedded executor is not in use" }, { status: 404 });
  const { key } = await params;
  const reply = await ingestRequest(await getDb(), "default", key, target.eventKey, await request.text());
  if (reply.status === 200) runningExecutor()?.notifyEvents();
  return Response.json(reply.body, { status: reply.status });
}
