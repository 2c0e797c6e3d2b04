import { getDb } from "@/db/client";
import { handleResendWebhook } from "@/lib/email/webhook";
import { BODY_LIMITS, readTextWithin } from "@/lib/api/body-limit";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const read = await readTextWithin(request, BODY_LIMITS.resendWebhook, (message) => text(`${message}\n`, 413));
  if (!read.ok) return read.response;
  const body = read.text;
  const h = request.headers;
  const answer = await handleResendWebhook(
    await getDb(),
    { id: h.get("svix-id"), timestamp: h.get("svix-timestamp"), signature: h.get("svix-signature") },
    body,
  );
  return text(answer.body, answer.status);
}

function text(body: string, status: number) {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
