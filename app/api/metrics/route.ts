import { getDb } from "@/db/client";
import { metricsAuth, renderMetrics } from "@/lib/playbooks/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint, guarded by `Authorization: Bearer $METRICS_TOKEN`. */
export async function GET(request: Request) {
  const auth = metricsAuth(request.headers.get("authorization"));
  if (auth === "off") return new Response("Metrics are off: set METRICS_TOKEN to enable them.\n", { status: 404 });
  if (auth === "denied")
    return new Response("Send 'Authorization: Bearer <METRICS_TOKEN>'.\n", {
      status: 401,
      headers: { "www-authenticate": "Bearer" },
    });
  return new Response(await renderMetrics(await getDb()), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
  });
}
