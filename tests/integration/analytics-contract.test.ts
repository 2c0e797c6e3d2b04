import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { contacts, emailEvents, emailMessages } from "@/db/schema";
import { GET } from "@/app/api/v1/analytics/[report]/route";
import { createApiKey } from "@/lib/api-keys/keys";
import { resolveRange } from "@/lib/analytics/range";
import { EMAIL_COUNTS, emailSeries, emailTotals } from "@/lib/analytics/email-metrics";
import { customerSeries, customerSnapshot, lifecycleEffects } from "@/lib/analytics/customer-metrics";
import { stagesOverTime } from "@/lib/analytics/stages-over-time";
import { rowsOf } from "@/db/rows";
import { analyticsView } from "@/lib/analytics/views";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const HOUR = 3_600_000;

async function read(key: string, path: string) {
  const response = await GET(
    new Request(`http://tend.test/api/v1/analytics/${path}`, { headers: { authorization: `Bearer ${key}` } }),
    {
      params: Promise.resolve({ report: path.split("?")[0]! }),
    },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { issues?: { path: string }[] },
  };
}

/** Mail of the last days: some opened by people, some only by machines, one clicked, one unsubscribed. */
async function orgWithMail(messages: number) {
  const org = await createTestOrg(db());
  const { key } = await createApiKey(org.owner.ctx, { name: "BI" });
  const [c] = await db().insert(contacts).values({ orgId: org.orgId, firstName: "Ada" }).returning({ id: contacts.id });
  for (let i = 0; i < messages; i++) {
    const sentAt = Date.now() - (i + 1) * 20 * HOUR;
    const [m] = await db()
      .insert(emailMessages)
      .values({
        orgId: org.orgId,
        contactId: c!.id,
        toEmail: "ada@example.test",
        category: "marketing",
        status: "sent",
        subject: "Hello",
        html: "",
        text: "",
        sourceType: "manual",
        idempotencyKey: crypto.randomUUID(),
        sentAt: new Date(sentAt),
      })
      .returning({ id: emailMessages.id });
    const event = (type: string, after: number, data: Record<string, unknown> = {}) => ({
      orgId: org.orgId,
      messageId: m!.id,
      contactId: c!.id,
      type,
      data,
      occurredAt: new Date(sentAt + after),
    });
    const events = [event("delivered", 5_000)];
    if (i % 2 === 0) events.push(event("opened", 2 * HOUR), event("opened", 3 * HOUR));
    if (i % 3 === 0) events.push(event("opened", 6_000, { machine: true, machineReason: "too_soon_after_delivery" }));
    if (i % 4 === 0) events.push(event("clicked", 4 * HOUR));
    if (i === 1) events.push(event("unsubscribed", 5 * HOUR));
    await db().insert(emailEvents).values(events);
  }
  return { org, key };
}

describe("one metrics layer: the API, the pages' functions and the raw rows agree", () => {
  it("gives the same email numbers through GET /api/v1/analytics/email, emailSeries and raw SQL", async () => {
    const { org, key } = await orgWithMail(12);
    const api = await read(key, "email?range=30d");
    expect(api.status).toBe(200);
    const { range } = resolveRange({ range: "30d" }, { timeZone: "UTC" });
    const lib = emailTotals(await emailSeries(org.owner.ctx, range));
    const raw = rowsOf<Record<string, number>>(
      await db().execute(sql`
        with m as (select id from email_messages where org_id = ${org.orgId}),
        firsts as (
          select message_id, type, coalesce(data->>'machine', 'false') = 'true' as machine, min(occurred_at) as at
          from email_events where org_id = ${org.orgId} group by 1, 2, 3)
        select
          (select count(*) from email_messages where org_id = ${org.orgId})::int as sent,
          (select count(distinct message_id) from firsts where type in ('delivered', 'opened', 'clicked'))::int as delivered,
          (select count(distinct message_id) from firsts where type = 'opened')::int as "openedTotal",
          (select count(distinct message_id) from firsts where type = 'opened' and not machine)::int as "openedHuman",
          (select count(distinct message_id) from firsts f where type = 'opened' and machine
             and not exists (select 1 from firsts h where h.message_id = f.message_id and h.type = 'opened' and not h.machine))::int as "openedMachine",
          (select count(distinct message_id) from firsts where type = 'clicked')::int as "clickedTotal",
          (select count(distinct message_id) from firsts where type = 'clicked' and not machine)::int as "clickedHuman",
          (select count(*) from email_events where org_id = ${org.orgId} and type = 'unsubscribed')::int as unsubscribed,
          0 as bounced, 0 as complained`),
    )[0]!;
    const pick = (t: Record<string, unknown>) => Object.fromEntries(EMAIL_COUNTS.map((k) => [k, Number(t[k])]));
    expect(raw).toMatchObject({ sent: 12, openedHuman: 6, openedMachine: 2, unsubscribed: 1 });
    expect(pick(api.body.totals as Record<string, unknown>)).toEqual(pick(raw));
    expect(pick(lib)).toEqual(pick(raw));
  });

  it("answers each report for the key's organisation only, and names a field it cannot read", async () => {
    const a = await orgWithMail(3);
    const b = await orgWithMail(5);
    expect(((await read(a.key, "email?range=7d")).body.totals as { sent: number }).sent).toBe(3);
    expect(((await read(b.key, "email?range=7d")).body.totals as { sent: number }).sent).toBe(5);
    const customers = await read(a.key, "customers?range=7d");
    const { range } = resolveRange({ range: "7d" }, { timeZone: "UTC" });
    expect(customers.body.series).toEqual(await customerSeries(a.org.owner.ctx, range));
    // Stages over time as the customers page draws them.
    const today = (await customerSnapshot(a.org.owner.ctx, range)).byStage;
    expect(customers.body.stages).toEqual(
      stagesOverTime(range.bucketKeys, today, await lifecycleEffects(a.org.owner.ctx, range)),
    );
    expect((customers.body.stages as unknown[]).length).toBe(7);
    expect((await read(a.key, "pipeline?range=90d")).status).toBe(200);
    const bad = await read(a.key, "email?range=custom&from=2026-02-30&to=2026-03-01");
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((i) => i.path)).toEqual(["from"]);
    expect((await read(a.key, "email?dating=sometimes")).body.issues?.map((i) => i.path)).toEqual(["dating"]);
    expect((await read(a.key, "revenue")).status).toBe(404);
    expect((await read("tend_not_a_key", "email")).status).toBe(401);
  });

  it("draws the pages, first render and refetch alike, from the numbers the API answers, for the reader's organisation only", async () => {
    const a = await orgWithMail(4);
    const b = await orgWithMail(7);
    const asReader = (user: typeof a.org.rep) => ({ ...user.ctx, org: { timeZone: "UTC" } });
    const view = await analyticsView(asReader(a.org.rep), "email", "range=30d");
    const api = await read(a.key, "email?range=30d");
    expect(view.data.totals.sent).toBe(4);
    expect(JSON.parse(JSON.stringify(view.data.totals))).toEqual(api.body.totals);
    expect(JSON.parse(JSON.stringify(view.data.series))).toEqual(api.body.series);
    expect((await analyticsView(asReader(b.org.staff), "email", "range=30d")).data.totals.sent).toBe(7);

    const customers = await analyticsView(asReader(a.org.owner), "customers", "range=7d");
    expect(JSON.parse(JSON.stringify(customers.data.stages))).toEqual(
      (await read(a.key, "customers?range=7d")).body.stages,
    );
    // A page falls back to 30 days and says which field it could not read; the API refuses instead.
    const bad = await analyticsView(asReader(a.org.owner), "customers", "range=custom&from=2026-02-30&to=2026-03-01");
    expect(bad.issues.map((i) => i.field)).toEqual(["from"]);
    expect(bad.range.preset).toBe("30d");
  });
});
