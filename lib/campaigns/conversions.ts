import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { uuidArrayLiteral } from "@/db/uuid-array";
import { activities, apiEvents, campaignRecipients, discountCodes, orders, organizations } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import type { Conversion, ConversionKind } from "./attribution";

type Row = {
  id: string;
  customer_id: string;
  at: Date | string;
  kind: ConversionKind;
  amount_minor: number | string;
  currency: string;
};

/**
 * The conversions of these campaigns' recipients (held out or not) in [from, to): orders
 * (`crm/order.placed`), successful payments (`crm/payment.succeeded`, their amount and currency
 * from the event's properties as kept on its timeline entry) and redeemed discount codes (in the
 * organisation's currency). One statement, each branch filtered on the organisation. A payment
 * without a whole amount counts with 0; without a currency code, in the organisation's. A
 * multi-use discount code keeps only its first redemption, so it converts once.
 */
export async function campaignConversions(
  db: DbOrTx,
  orgId: string,
  campaignIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Conversion[]> {
  if (campaignIds.length === 0) return [];
  // One array parameter and a subquery: a campaign has up to 100,000 recipients.
  const ids = uuidArrayLiteral(campaignIds);
  const recipients = sql`select contact_id from ${campaignRecipients}
    where ${campaignRecipients.orgId} = ${orgId}::uuid and ${campaignRecipients.campaignId} = any(${ids}::uuid[])`;
  const props = sql`${activities.data} -> 'properties'`;
  const result = await db.execute(sql`
    select 'order:' || o.id as id, o.contact_id as customer_id, o.occurred_at as at, 'order' as kind,
      o.amount_minor, o.currency
    from ${orders} o
    where o.org_id = ${orgId}::uuid and o.contact_id in (${recipients})
      and o.occurred_at >= ${from.toISOString()}::timestamptz and o.occurred_at < ${to.toISOString()}::timestamptz
    union all
    select 'payment:' || e.id, e.contact_id, e.occurred_at, 'payment',
      case when jsonb_typeof(${props} -> 'amountMinor') = 'number'
        then round((${props} ->> 'amountMinor')::numeric)::bigint else 0 end,
      case when (${props} ->> 'currency') ~ '^[A-Z]{3}$' then ${props} ->> 'currency' else org.currency end
    from ${apiEvents} e
    join ${organizations} org on org.id = e.org_id
    left join ${activities} on ${activities.orgId} = e.org_id and ${activities.subjectType} = 'api_event'
      and ${activities.subjectId} = e.id and ${activities.type} = 'api_event.received'
    where e.org_id = ${orgId}::uuid and e.name = 'crm/payment.succeeded' and e.contact_id in (${recipients})
      and e.occurred_at >= ${from.toISOString()}::timestamptz and e.occurred_at < ${to.toISOString()}::timestamptz
    union all
    select 'discount:' || d.id, d.contact_id, d.redeemed_at, 'discount', coalesce(d.order_value_minor, 0), org.currency
    from ${discountCodes} d
    join ${organizations} org on org.id = d.org_id
    where d.org_id = ${orgId}::uuid and d.contact_id in (${recipients})
      and d.redeemed_at >= ${from.toISOString()}::timestamptz and d.redeemed_at < ${to.toISOString()}::timestamptz
    order by at, id`);
  return rowsOf<Row>(result).map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    at: new Date(r.at),
    kind: r.kind,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
  }));
}
