import { getDb } from "@/db/client";
import { advanceClock, clockNow, clockOffsetMs, loadClock } from "@/inngest/local/clock";
import { clockAllowed } from "@/inngest/local/clock-access";
import { parseDuration } from "@/inngest/local/duration";
import { runningExecutor } from "@/inngest/local/executor";
import { sameKey } from "@/inngest/local/http";
import { currentTarget } from "@/inngest/target";

export const dynamic = "force-dynamic";

function refuse(request: Request): Response | null {
  if (!clockAllowed())
    return Response.json({ error: "The executor clock cannot be moved in production." }, { status: 403 });
  const target = currentTarget();
  if (target.kind !== "embedded")
    return Response.json({ error: "The embedded executor is not in use." }, { status: 404 });
  const given = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  if (!sameKey(given, target.clockKey))
    return Response.json({ error: "A valid clock key is required." }, { status: 401 });
  return null;
}

const show = () => ({ now: clockNow().toISOString(), offsetMs: clockOffsetMs() });

export async function GET(request: Request) {
  const refused = refuse(request);
  if (refused) return refused;
  await loadClock(await getDb());
  return Response.json(show());
}

/** Body {"advance":"24h"}: moves the executor's clock forward; due sleeps wake, timeouts fire. */
export async function POST(request: Request) {
  const refused = refuse(request);
  if (refused) return refused;
  const body = (await request.json().catch(() => ({}))) as { advance?: unknown };
  const ms = typeof body.advance === "string" ? parseDuration(body.advance) : null;
  if (ms === null)
    return Response.json({ error: 'advance: give a duration such as "24h", "90m" or "1d2h"' }, { status: 400 });
  await advanceClock(await getDb(), ms);
  runningExecutor()?.wake();
  return Response.json(show());
}
