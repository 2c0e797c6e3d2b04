import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizations } from "@/db/schema";
import { rowsOf } from "@/lib/segments/rows";
import { attributeConversions, revenuePerCustomer, type AttributionBasis, type Touch } from "./attribution";
import type { CampaignRow } from "./campaigns";
import { conversionsFor } from "./conversions";
import { incrementalRevenue, type Uplift } from "./uplift";
import type { VariantOutcome } from "./winner";

export type VariantRow = VariantOutcome & {
  /** Test group, or the rest who got the winner after the decision. */
  group: "test" | "rest";
  opens: number;
  revenueMinor: number;
};

export type CampaignOutcomes = {
  currency: string;
  /** Recipients whose message left, and of those who converted within the window (per the campaign's basis). */
  recipients: number;
  /** Recipients who opened (or clicked) and who clicked, by a person. */
  openedPeople: number;
  clickedPeople: number;
  converters: number;
  conversions: number;
  revenueMinor: number;
  variants: VariantRow[];
  /** Recipients against the holdout, both judged on delivery (the holdout at when it would have arrived). */
  uplift: Uplift | null;
};

type RecipientRow = {
  contact_id: string;
  variant: string | null;
  in_test: boolean;
  holdout: boolean;
  due_at: string | Date;
  sent_at: string | Date | null;
};
type TouchRow = { contact_id: string; type: "delivered" | "opened" | "clicked"; occurred_at: string | Date };

const BASIS_OF: Record<TouchRow["type"], AttributionBasis> = {
  delivered: "delivery",
  opened: "open",
  clicked: "click",
};

/**
 * What a campaign earned and how its variants did, as of `asOf`: recipients are those whose
 * message left; opens and clicks are people's (machine opens and scanner clicks left out);
 * conversions are attributed by the campaign's rule (basis and window, lib/campaigns/attribution)
 * and revenue counts in the organisation's currency. Three statements, each on the organisation.
 */
export async function campaignOutcomes(db: DbOrTx, c: CampaignRow, asOf: Date): Promise<CampaignOutcomes> {
  const [org] = await db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, c.orgId));
  const currency = org!.currency;
  const people = rowsOf<RecipientRow>(
    await db.execute(sql`
      select r.contact_id, r.variant, r.in_test, r.holdout, r.due_at, m.sent_at
      from campaign_recipients r
      left join email_messages m on m.id = r.message_id and m.org_id = r.org_id
      where r.org_id = ${c.orgId}::uuid and r.campaign_id = ${c.id}::uuid and (r.holdout or m.sent_at is not null)`),
  );
  const touches = rowsOf<TouchRow>(
    await db.execute(sql`
      select r.contact_id, e.type, e.occurred_at
      from campaign_recipients r
      join email_events e on e.message_id = r.message_id and e.org_id = r.org_id
      where r.org_id = ${c.orgId}::uuid and r.campaign_id = ${c.id}::uuid
        and e.type in ('delivered', 'opened', 'clicked') and coalesce(e.data->>'machine', 'false') <> 'true'`),
  );
  const sent = people.filter((p) => !p.holdout);
  const held = people.filter((p) => p.holdout);
  const conversions =
    c.startedAt && people.length
      ? await conversionsFor(
          db,
          c.orgId,
          people.map((p) => p.contact_id),
          c.startedAt,
          asOf,
        )
      : [];

  const engagement = touches.map((t): Touch => ({
    customerId: t.contact_id,
    at: new Date(t.occurred_at),
    basis: BASIS_OF[t.type],
  }));
  // A message that left counts as delivered for the "delivery" basis even before the provider says so.
  for (const p of sent) engagement.push({ customerId: p.contact_id, at: new Date(p.sent_at!), basis: "delivery" });
  const attributed = attributeConversions(engagement, conversions, {
    basis: c.attributionBasis,
    windowDays: c.attributionWindowDays,
  });

  // Each recipient's attributed revenue in the organisation's currency, read once.
  const revenueOf = new Map(
    [...attributed].map(([id, list]) => [id, revenuePerCustomer(new Map([[id, list]]), currency)[0]!]),
  );
  const opened = new Set(touches.filter((t) => t.type !== "delivered").map((t) => t.contact_id));
  const clicked = new Set(touches.filter((t) => t.type === "clicked").map((t) => t.contact_id));
  const groups = new Map<string, VariantRow>();
  for (const p of sent) {
    if (!p.variant) continue;
    const group = p.in_test ? "test" : "rest";
    const id = `${group}:${p.variant}`;
    const row = groups.get(id) ?? {
      id: p.variant,
      group,
      recipients: 0,
      clicks: 0,
      opens: 0,
      conversions: 0,
      revenue: [] as number[],
      revenueMinor: 0,
    };
    row.recipients += 1;
    if (clicked.has(p.contact_id)) row.clicks += 1;
    if (opened.has(p.contact_id)) row.opens += 1;
    const amount = revenueOf.get(p.contact_id);
    if (amount !== undefined) {
      row.conversions += 1;
      (row.revenue as number[]).push(amount);
      row.revenueMinor += amount;
    }
    groups.set(id, row);
  }

  let converters = 0;
  let conversionCount = 0;
  let revenueMinor = 0;
  for (const p of sent) {
    const earned = attributed.get(p.contact_id);
    if (!earned) continue;
    converters += 1;
    conversionCount += earned.length;
    revenueMinor += revenueOf.get(p.contact_id)!;
  }

  let uplift: Uplift | null = null;
  if (held.length) {
    // Both groups on one rule: a delivery touch when the message left, or would have.
    const delivery: Touch[] = [
      ...sent.map((p) => ({ customerId: p.contact_id, at: new Date(p.sent_at!), basis: "delivery" as const })),
      ...held.map((p) => ({ customerId: p.contact_id, at: new Date(p.due_at), basis: "delivery" as const })),
    ];
    const byDelivery = attributeConversions(delivery, conversions, {
      basis: "delivery",
      windowDays: c.attributionWindowDays,
    });
    const heldIds = new Set(held.map((p) => p.contact_id));
    const of = (inHoldout: boolean) => new Map([...byDelivery].filter(([id]) => heldIds.has(id) === inHoldout));
    const sentConv = of(false);
    const heldConv = of(true);
    uplift = incrementalRevenue(
      { customers: sent.length, converters: sentConv.size, revenue: revenuePerCustomer(sentConv, currency) },
      { customers: held.length, converters: heldConv.size, revenue: revenuePerCustomer(heldConv, currency) },
    );
  }

  const order = (r: VariantRow) => `${r.group === "test" ? 0 : 1}${r.id}`;
  return {
    currency,
    recipients: sent.length,
    openedPeople: sent.filter((p) => opened.has(p.contact_id)).length,
    clickedPeople: sent.filter((p) => clicked.has(p.contact_id)).length,
    converters,
    conversions: conversionCount,
    revenueMinor,
    variants: [...groups.values()].sort((a, b) => order(a).localeCompare(order(b))),
    uplift,
  };
}
