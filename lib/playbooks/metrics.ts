import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailMessages, playbookRuns, playbooks } from "@/db/schema";

/** Bearer token check for /api/metrics; no METRICS_TOKEN configured means the endpoint is off. */
export function metricsAuth(header: string | null, token = process.env.METRICS_TOKEN?.trim()): "ok" | "off" | "denied" {
  if (!token) return "off";
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
  const a = createHash("sha256").update(given).digest(),
    b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) ? "ok" : "denied";
}

const label = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Prometheus text exposition: runs started / converted and recovered revenue per playbook; emails by status. */
export async function renderMetrics(db: DbOrTx): Promise<string> {
  const perPlaybook = await db
    .select({
      orgId: playbooks.orgId,
      id: playbooks.id,
      name: playbooks.name,
      started: sql<number>`count(${playbookRuns.id})`.mapWith(Number),
      converted: sql<number>`count(${playbookRuns.convertedAt})`.mapWith(Number),
      recovered: sql<number>`coalesce(sum(${playbookRuns.conversionValueMinor}), 0)`.mapWith(Number),
    })
    .from(playbooks)
    .leftJoin(playbookRuns, eq(playbookRuns.playbookId, playbooks.id))
    .groupBy(playbooks.id);
  const emails = await db
    .select({ orgId: emailMessages.orgId, status: emailMessages.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(emailMessages)
    .groupBy(emailMessages.orgId, emailMessages.status);
  const lines: string[] = [];
  const family = (name: string, help: string, rows: string[]) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...rows);
  const pl = (r: (typeof perPlaybook)[number]) =>
    `org_id="${r.orgId}",playbook_id="${r.id}",playbook="${label(r.name)}"`;
  family(
    "tend_playbook_runs_started_total",
    "Playbook runs started.",
    perPlaybook.map((r) => `tend_playbook_runs_started_total{${pl(r)}} ${r.started}`),
  );
  family(
    "tend_playbook_runs_converted_total",
    "Playbook runs that converted (exit event or redeemed code).",
    perPlaybook.map((r) => `tend_playbook_runs_converted_total{${pl(r)}} ${r.converted}`),
  );
  family(
    "tend_playbook_recovered_revenue_minor_total",
    "Conversion value of playbook runs, in the organisation's currency minor units.",
    perPlaybook.map((r) => `tend_playbook_recovered_revenue_minor_total{${pl(r)}} ${r.recovered}`),
  );
  family(
    "tend_email_messages_total",
    "Email messages by current status.",
    emails.map((e) => `tend_email_messages_total{org_id="${e.orgId}",status="${e.status}"} ${e.n}`),
  );
  return `${lines.join("\n")}\n`;
}
