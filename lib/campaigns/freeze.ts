import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { campaignRecipients, campaigns, contacts, organizations } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { inAudience } from "./audience";
import { loadVariants } from "./campaigns";
import type { CampaignRow } from "./campaigns";
import { dueAt, zoneOf } from "./schedule";

/**
 * Freezes the audience when sending starts, in one transaction: one INSERT … SELECT writes a row
 * per customer (unique per campaign: a repeat inserts nothing) with its zone and due time, the
 * holdout drawn at random as an exact share, then the A/B test group. Returns the number of rows; a
 * second call (a retried step) finds the campaign frozen and changes nothing.
 */
export async function freezeAudience(db: DbOrTx, c: CampaignRow, startedAt: Date): Promise<number> {
  const frozen = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(campaigns)
      .set({
        frozenAt: startedAt,
        startedAt,
        status: sql`case when ${campaigns.status} = 'scheduled' then 'sending'::campaign_status else ${campaigns.status} end`,
      })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, c.orgId), sql`${campaigns.frozenAt} is null`))
      .returning({ id: campaigns.id });
    if (claimed) {
      const [org] = await tx
        .select({ timeZone: organizations.timeZone })
        .from(organizations)
        .where(eq(organizations.id, c.orgId));
      const storedZone = sql`coalesce(nullif(trim(${contacts.timeZone}), ''), ${org!.timeZone})`;
      // Each zone's due time, worked out once per zone (schedule.ts) and written with the rows, so
      // no row is written twice. The zones are read first; a customer who joins a zone between the
      // two statements is caught by settleZones below.
      const zones = rowsOf<{ zone: string }>(
        await tx.execute(
          sql`select distinct ${storedZone} as zone from ${contacts} where ${inAudience(c.orgId, c.id)}`,
        ),
      ).map(({ zone }) => zonePlan(c, zone, org!.timeZone, startedAt));
      await tx.execute(sql`
        with z(stored, zone, due_at) as (${zoneValues(zones)})
        insert into ${campaignRecipients} (org_id, campaign_id, contact_id, holdout, status, reason, zone, due_at)
        select ${c.orgId}::uuid, ${c.id}::uuid, a.id, a.holdout,
          (case when a.holdout then 'suppressed' else 'queued' end)::campaign_recipient_status,
          case when a.holdout then 'holdout' end, coalesce(z.zone, a.zone), coalesce(z.due_at, ${startedAt.toISOString()}::timestamptz)
        from (
          select ${contacts.id} as id, ${storedZone} as zone,
            row_number() over (order by random()) <= floor(count(*) over () * ${c.holdoutPercent} / 100.0) as holdout
          from ${contacts} where ${inAudience(c.orgId, c.id)}
        ) a left join z on z.stored = a.zone
        on conflict (campaign_id, contact_id) do nothing`);
      if (c.abTestPercent) await drawTestGroup(tx, c);
      await settleZones(tx, c, org!.timeZone, startedAt);
    }
    const [n] = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from ${campaignRecipients} where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid`,
      ),
    );
    return { n: n!.n, inserted: !!claimed };
  });
  // Fresh statistics for the rows just written and the customers they are joined to, before the
  // first send step plans its statements: PostgreSQL's autovacuum may take a minute to notice (and
  // longer after a bulk import), and the embedded database has none. Without them every batch's
  // update was planned as a scan of all the campaign's recipients, and every page of recipients as
  // a scan of all the organisation's customers (500 ms a page at 100,000).
  if (frozen.inserted) await db.execute(sql`analyze ${campaignRecipients}, ${contacts}`);
  return frozen.n;
}

type ZonePlan = { stored: string; zone: string; dueAt: Date };

/** A stored zone (the customer's, or the organisation's) resolved to a valid one, and when it is due there. */
function zonePlan(c: CampaignRow, stored: string, orgZone: string, startedAt: Date): ZonePlan {
  const zone = zoneOf(stored, orgZone);
  return { stored, zone, dueAt: dueAt(c, zone, startedAt) };
}

function zoneValues(zones: ZonePlan[]) {
  if (!zones.length) return sql`select null::text, null::text, null::timestamptz where false`;
  return sql`values ${sql.join(
    zones.map((z) => sql`(${z.stored}::text, ${z.zone}::text, ${z.dueAt.toISOString()}::timestamptz)`),
    sql`, `,
  )}`;
}

/**
 * Every (zone, due time) pair of the frozen rows checked against the schedule: any that differs
 * (a zone that appeared after the zones were read) is corrected, one update per zone. Usually
 * none is.
 */
export async function settleZones(tx: DbOrTx, c: CampaignRow, orgZone: string, startedAt: Date) {
  const pairs = rowsOf<{ zone: string; due_at: string | Date }>(
    await tx.execute(
      sql`select distinct zone, due_at from ${campaignRecipients} where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid`,
    ),
  );
  for (const p of pairs) {
    const want = zonePlan(c, p.zone, orgZone, startedAt);
    if (want.zone === p.zone && want.dueAt.getTime() === new Date(p.due_at).getTime()) continue;
    await tx
      .update(campaignRecipients)
      .set({ zone: want.zone, dueAt: want.dueAt })
      .where(
        and(
          eq(campaignRecipients.orgId, c.orgId),
          eq(campaignRecipients.campaignId, c.id),
          eq(campaignRecipients.zone, p.zone),
          eq(campaignRecipients.dueAt, new Date(p.due_at)),
        ),
      );
  }
}

/**
 * The A/B test group: an exact share of those who are not held out, drawn at random and dealt
 * to the variants in turn (so their sizes differ by at most one). The rest have no variant until
 * the winner is decided, and nothing is sent to them before.
 */
async function drawTestGroup(tx: DbOrTx, c: CampaignRow) {
  const keys = (await loadVariants(tx, c.orgId, c.id)).map((v) => v.key);
  if (keys.length < 2) return;
  const list = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  await tx.execute(sql`
    with drawn as (
      select id, row_number() over (order by random()) as n, count(*) over () as total
      from ${campaignRecipients}
      where org_id = ${c.orgId}::uuid and campaign_id = ${c.id}::uuid and not holdout
    )
    update ${campaignRecipients} r set in_test = true,
      variant = (array[${list}]::text[])[((d.n - 1) % ${keys.length}) + 1]
    from drawn d
    where r.id = d.id and r.org_id = ${c.orgId}::uuid and d.n <= floor(d.total * ${c.abTestPercent} / 100.0)`);
}
