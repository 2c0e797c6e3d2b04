import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailMessages } from "@/db/schema";
import { effectiveQuietHours, frequencyCapDecision, quietHoursDecision } from "./quiet-hours";
import { localLabel } from "./zoned-time";
import { loadContactContext, type ContactContext } from "./runner/run-state";

export type GuardDecision =
  { kind: "send" } | { kind: "skip"; why: string } | { kind: "defer"; until: Date; label: string; why: string };

// Messages that count against the cap: everything that went (or is going) out, not what was stopped.
export const COUNTED = ["queued", "sent", "delivered", "opened", "clicked", "bounced", "complained"] as const;

/** Marketing emails sent to the contact in the cap's window, from every playbook and campaign. */
export async function recentMarketingSends(db: DbOrTx, orgId: string, contactId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ at: emailMessages.createdAt })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.orgId, orgId),
        eq(emailMessages.contactId, contactId),
        eq(emailMessages.category, "marketing"),
        inArray(emailMessages.status, [...COUNTED]),
        gt(emailMessages.createdAt, since),
      ),
    );
  return rows.map((r) => r.at);
}

/**
 * The same, for many customers in one statement (a campaign's audience): each customer's send
 * times in the window, leaving out one source's own messages (a campaign never caps itself).
 */
export async function recentMarketingSendsMany(
  db: DbOrTx,
  orgId: string,
  contactIds: string[],
  since: Date,
  notFromSourceId: string | null,
): Promise<Map<string, Date[]>> {
  const out = new Map<string, Date[]>();
  if (!contactIds.length) return out;
  const rows = await db
    .select({ contactId: emailMessages.contactId, at: emailMessages.createdAt })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.orgId, orgId),
        inArray(emailMessages.contactId, contactIds),
        eq(emailMessages.category, "marketing"),
        inArray(emailMessages.status, [...COUNTED]),
        gt(emailMessages.createdAt, since),
        notFromSourceId ? sql`${emailMessages.sourceId} is distinct from ${notFromSourceId}` : undefined,
      ),
    );
  for (const r of rows) out.set(r.contactId!, [...(out.get(r.contactId!) ?? []), r.at]);
  return out;
}

/** Quiet hours first (defer or, if the node says so, skip), then the frequency cap (marketing only). */
export async function sendGuard(
  db: DbOrTx,
  orgId: string,
  contactId: string,
  opts: { category: "marketing" | "transactional"; onQuietHours: "defer" | "skip" },
  now: Date,
  preloaded?: ContactContext | null,
): Promise<GuardDecision> {
  const c = preloaded === undefined ? await loadContactContext(db, orgId, contactId) : preloaded;
  if (!c) return { kind: "skip", why: "the customer no longer exists" };
  const q = effectiveQuietHours(c.org, c.contact);
  const quiet = quietHoursDecision(q, now);
  if (quiet.kind === "defer") {
    if (opts.onQuietHours === "skip")
      return { kind: "skip", why: `inside ${quiet.reason} (the step skips rather than waits)` };
    return { kind: "defer", until: quiet.until, label: quiet.label, why: quiet.reason };
  }
  if (opts.category !== "marketing" || c.org.frequencyCapCount == null) return { kind: "send" };
  const cap = { count: c.org.frequencyCapCount, days: c.org.frequencyCapDays };
  const sent = await recentMarketingSends(db, orgId, contactId, new Date(now.getTime() - cap.days * 86_400_000));
  const capped = frequencyCapDecision(sent, now, cap);
  if (capped.kind === "now") return { kind: "send" };
  return {
    kind: "defer",
    until: capped.until,
    label: localLabel(capped.until, q.zone, now),
    why: `frequency cap (${cap.count} per ${cap.days} days)`,
  };
}
