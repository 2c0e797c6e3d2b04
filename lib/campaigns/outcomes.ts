import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { uuidArrayLiteral } from "@/db/uuid-array";
import { organizations } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import {
  attributeConversions,
  revenuePerCustomer,
  type AttributionBasis,
  type Conversion,
  type Touch,
} from "./attribution";
import type { CampaignRow } from "./campaigns";
import { campaignConversions } from "./conversions";
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

type GroupCount = {
  campaign_id: string;
  variant: string | null;
  in_test: boolean;
  holdout: boolean;
  n: number;
  opened: number;
  clicked: number;
};
type ConverterRow = RecipientRow & { campaign_id: string };
type ConverterTouch = TouchRow & { campaign_id: string };

/**
 * What a campaign earned and how its variants did, as of `asOf`: recipients are those whose
 * message left; opens and clicks are people's (machine opens and scanner clicks left out);
 * conversions are attributed by the campaign's rule (basis and window, lib/campaigns/attribution)
 * and revenue counts in the organisation's currency.
 */
export async function campaignOutcomes(db: DbOrTx, c: CampaignRow, asOf: Date): Promise<CampaignOutcomes> {
  return (await campaignsOutcomes(db, [c], asOf)).get(c.id)!;
}

/**
 * The same for several campaigns of one organisation (a list page's worth) in four statements
 * whatever their number: counts are summed in the database, and only the customers who converted
 * at all are read one by one, since attribution is per customer.
 */
export async function campaignsOutcomes(
  db: DbOrTx,
  list: readonly CampaignRow[],
  asOf: Date,
): Promise<Map<string, CampaignOutcomes>> {
  const out = new Map<string, CampaignOutcomes>();
  if (list.length === 0) return out;
  const orgId = list[0]!.orgId;
  if (list.some((c) => c.orgId !== orgId)) throw new Error("campaignsOutcomes reads one organisation's campaigns.");
  const currency = await orgCurrency(db, orgId);
  const ids = uuidArrayLiteral(list.map((c) => c.id));
  // Sent, opened and clicked as the recipient rows keep them (triggers, migrations 0026-0027): no
  // walk over every recipient's message and events.
  const groups = rowsOf<GroupCount>(
    await db.execute(sql`
      select r.campaign_id, r.variant, r.in_test, r.holdout, count(*)::int as n,
        count(*) filter (where r.opened_by_person)::int as opened,
        count(*) filter (where r.clicked_by_person)::int as clicked
      from campaign_recipients r
      where r.org_id = ${orgId}::uuid and r.campaign_id = any(${ids}::uuid[]) and (r.holdout or r.message_sent)
      group by 1, 2, 3, 4`),
  );
  const started = list.filter((c) => c.startedAt && groups.some((g) => g.campaign_id === c.id));
  const earliest = started.reduce<Date | null>((m, c) => (m && m < c.startedAt! ? m : c.startedAt!), null);
  const conversions = earliest
    ? await campaignConversions(
        db,
        orgId,
        started.map((c) => c.id),
        earliest,
        asOf,
      )
    : [];
  const { people, touches } = await convertersOf(db, orgId, ids, [...new Set(conversions.map((x) => x.customerId))]);
  for (const c of list)
    out.set(
      c.id,
      outcomesOf(
        c,
        currency,
        groups.filter((g) => g.campaign_id === c.id),
        c.startedAt ? conversions.filter((x) => x.at >= c.startedAt!) : [],
        people.filter((p) => p.campaign_id === c.id),
        touches.filter((t) => t.campaign_id === c.id),
      ),
    );
  return out;
}

function outcomesOf(
  c: CampaignRow,
  currency: string,
  groups: GroupCount[],
  conversions: Conversion[],
  people: ConverterRow[],
  touches: ConverterTouch[],
): CampaignOutcomes {
  const sentGroups = groups.filter((g) => !g.holdout);
  const sum = (list: GroupCount[], pick: (g: GroupCount) => number) => list.reduce((t, g) => t + pick(g), 0);
  const recipients = sum(sentGroups, (g) => g.n);
  const heldCount = sum(
    groups.filter((g) => g.holdout),
    (g) => g.n,
  );
  // Only this campaign's recipients among the converters: the others' conversions are not its to count.
  const mine = new Set(people.map((p) => p.contact_id));
  const own = conversions.filter((x) => mine.has(x.customerId));
  const sent = people.filter((p) => !p.holdout);
  const held = people.filter((p) => p.holdout);

  const engagement = touches.map((t): Touch => ({
    customerId: t.contact_id,
    at: new Date(t.occurred_at),
    basis: BASIS_OF[t.type],
  }));
  // A message that left counts as delivered for the "delivery" basis even before the provider says so.
  for (const p of sent) engagement.push({ customerId: p.contact_id, at: new Date(p.sent_at!), basis: "delivery" });
  const attributed = attributeConversions(engagement, own, {
    basis: c.attributionBasis,
    windowDays: c.attributionWindowDays,
  });

  // Each recipient's attributed revenue in the organisation's currency, read once.
  const revenueOf = new Map(
    [...attributed].map(([id, list]) => [id, revenuePerCustomer(new Map([[id, list]]), currency)[0]!]),
  );
  const variants = new Map<string, VariantRow>();
  for (const g of sentGroups) {
    if (!g.variant) continue;
    const group = g.in_test ? "test" : "rest";
    variants.set(`${group}:${g.variant}`, {
      id: g.variant,
      group,
      recipients: g.n,
      clicks: g.clicked,
      opens: g.opened,
      conversions: 0,
      revenue: [] as number[],
      revenueMinor: 0,
    });
  }

  let converters = 0;
  let conversionCount = 0;
  let revenueMinor = 0;
  for (const p of sent) {
    const earned = attributed.get(p.contact_id);
    if (!earned) continue;
    const amount = revenueOf.get(p.contact_id)!;
    converters += 1;
    conversionCount += earned.length;
    revenueMinor += amount;
    const row = p.variant ? variants.get(`${p.in_test ? "test" : "rest"}:${p.variant}`) : undefined;
    if (row) {
      row.conversions += 1;
      (row.revenue as number[]).push(amount);
      row.revenueMinor += amount;
    }
  }

  let uplift: Uplift | null = null;
  if (heldCount) {
    // Both groups on one rule: a delivery touch when the message left, or would have.
    const delivery: Touch[] = [
      ...sent.map((p) => ({ customerId: p.contact_id, at: new Date(p.sent_at!), basis: "delivery" as const })),
      ...held.map((p) => ({ customerId: p.contact_id, at: new Date(p.due_at), basis: "delivery" as const })),
    ];
    const byDelivery = attributeConversions(delivery, own, {
      basis: "delivery",
      windowDays: c.attributionWindowDays,
    });
    const heldIds = new Set(held.map((p) => p.contact_id));
    const of = (inHoldout: boolean) => new Map([...byDelivery].filter(([id]) => heldIds.has(id) === inHoldout));
    const sentConv = of(false);
    const heldConv = of(true);
    uplift = incrementalRevenue(
      { customers: recipients, converters: sentConv.size, revenue: revenuePerCustomer(sentConv, currency) },
      { customers: heldCount, converters: heldConv.size, revenue: revenuePerCustomer(heldConv, currency) },
    );
  }

  const order = (r: VariantRow) => `${r.group === "test" ? 0 : 1}${r.id}`;
  return {
    currency,
    recipients,
    openedPeople: sum(sentGroups, (g) => g.opened),
    clickedPeople: sum(sentGroups, (g) => g.clicked),
    converters,
    conversions: conversionCount,
    revenueMinor,
    variants: [...variants.values()].sort((a, b) => order(a).localeCompare(order(b))),
    uplift,
  };
}

async function orgCurrency(db: DbOrTx, orgId: string): Promise<string> {
  const [org] = await db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org!.currency;
}

/** The recipient rows and people's touches of the customers who converted: all attribution needs. */
async function convertersOf(db: DbOrTx, orgId: string, campaignIds: string, customerIds: string[]) {
  if (customerIds.length === 0) return { people: [] as ConverterRow[], touches: [] as ConverterTouch[] };
  const ids = uuidArrayLiteral(customerIds);
  const people = rowsOf<ConverterRow>(
    await db.execute(sql`
      select r.campaign_id, r.contact_id, r.variant, r.in_test, r.holdout, r.due_at, m.sent_at
      from campaign_recipients r
      left join email_messages m on m.id = r.message_id and m.org_id = r.org_id
      where r.org_id = ${orgId}::uuid and r.campaign_id = any(${campaignIds}::uuid[])
        and r.contact_id = any(${ids}::uuid[]) and (r.holdout or m.sent_at is not null)`),
  );
  const touches = rowsOf<ConverterTouch>(
    await db.execute(sql`
      select r.campaign_id, r.contact_id, e.type, e.occurred_at
      from campaign_recipients r
      join email_events e on e.message_id = r.message_id and e.org_id = r.org_id
      where r.org_id = ${orgId}::uuid and r.campaign_id = any(${campaignIds}::uuid[])
        and r.contact_id = any(${ids}::uuid[])
        and e.type in ('delivered', 'opened', 'clicked') and coalesce(e.data->>'machine', 'false') <> 'true'`),
  );
  return { people, touches };
}
