import { getDb } from "@/db/client";
import { handleResendWebhook } from "@/lib/email/webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const body = await request.text();
  const h = request.headers;
  const answer = await handleResendWebhook(
    await getDb(),
    { id: h.get("svix-id"), timestamp: h.get("svix-timestamp"), signature: h.get("svix-signature") },
    body,
  );
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
