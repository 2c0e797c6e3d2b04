import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, organizations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { runnerNow } from "@/lib/playbooks/runner/now";
import { loadCampaign, type CampaignRow } from "./campaigns";
import { EXCLUSIONS, verdictsFor, type Exclusion } from "./eligibility";
import { dueAt, startAt, zoneOf } from "./schedule";

/**
 * Customers in any of the campaign's segments and in none of its exclusions, as a condition on
 * `contacts` (the organisation in the same statement).
 */
export function inAudience(orgId: string, campaignId: string): SQL {
  const member = (excluded: boolean) => sql`exists (
    select 1 from segment_members sm
    join campaign_segments cs on cs.segment_id = sm.segment_id and cs.org_id = ${orgId}::uuid
      and cs.campaign_id = ${campaignId}::uuid and cs.excluded = ${excluded}
    where sm.org_id = ${orgId}::uuid and sm.contact_id = ${contacts.id})`;
  return sql`${contacts.orgId} = ${orgId}::uuid and ${member(false)} and not ${member(true)}`;
}

export type AudienceNumbers = {
  total: number;
  eligible: number;
  /** Among the eligible: sent later, when quiet hours end. */
  deferredByQuietHours: number;
  excluded: Record<Exclusion, number>;
};

const CHUNK = 2_000;

/** Classifies the audience in chunks: the verdict for each customer at the moment they are due. */
async function classify(db: DbOrTx, c: CampaignRow, visit: (contact: typeof contacts.$inferSelect, v: string) => void) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, c.orgId));
  const start = startAt(c, runnerNow());
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await db
      .select()
      .from(contacts)
      .where(and(inAudience(c.orgId, c.id), sql`${contacts.id} > ${after}::uuid`))
      .orderBy(asc(contacts.id))
      .limit(CHUNK);
    if (!page.length) return;
    const verdicts = await verdictsFor(db, org!, c, page, (p) => dueAt(c, zoneOf(p.timeZone, org!.timeZone), start));
    for (const p of page) {
      const v = verdicts.get(p.id)!;
      visit(p, v.kind === "exclude" ? v.reason : v.kind === "defer" ? "deferred" : "eligible");
    }
    after = page[page.length - 1]!.id;
  }
}

/** Before sending: how many get it, and how many do not and why — with the campaign's schedule as it stands. */
export async function audienceNumbers(ctx: Ctx, id: unknown): Promise<AudienceNumbers> {
  requirePermission(ctx.actor, "campaigns:read");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const excluded = Object.fromEntries(EXCLUSIONS.map((k) => [k, 0])) as Record<Exclusion, number>;
  const n = { total: 0, eligible: 0, deferredByQuietHours: 0, excluded };
  await classify(ctx.db, c, (_, v) => {
    n.total++;
    if (v === "eligible") n.eligible++;
    else if (v === "deferred") {
      n.eligible++;
      n.deferredByQuietHours++;
    } else excluded[v as Exclusion]++;
  });
  return n;
}

export const AUDIENCE_GROUPS = ["eligible", "deferred", ...EXCLUSIONS] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];

/** The customers behind one number (the first 200 by name). */
export async function audienceList(ctx: Ctx, id: unknown, group: unknown) {
  requirePermission(ctx.actor, "campaigns:read");
  requirePermission(ctx.actor, "customers:read");
  if (!AUDIENCE_GROUPS.includes(group as AudienceGroup)) throw new ValidationError({ group: "Unknown audience group" });
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const found: { id: string; name: string; email: string | null }[] = [];
  await classify(ctx.db, c, (p, v) => {
    if (v === group || (group === "eligible" && v === "deferred"))
      found.push({ id: p.id, name: `${p.firstName} ${p.lastName}`.trim(), email: p.email });
  });
  found.sort((a, b) => a.name.localeCompare(b.name));
  return { total: found.length, rows: found.slice(0, 200) };
}
