import { ownApi } from "@/inngest/own-api";

export const dynamic = "force-dynamic";

/** The embedded executor's event API: where inngest.send() posts when no Inngest is configured. */
export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  if (!ownApi.embedded())
    return Response.json({ status: 404, error: "the embedded executor is not in use" }, { status: 404 });
  const reply = await ownApi.events((await params).key, await request.text());
  return Response.json(reply.body, { status: reply.status });
}
