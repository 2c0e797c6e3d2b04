import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import {
  activities,
  contacts,
  emailEvents,
  emailMessages,
  followUps,
  interactions,
  leads,
  leadStageHistory,
  organizations,
  pipelines,
  pipelineStages,
} from "@/db/schema";
import { resolveRange } from "@/lib/analytics/range";
import { emailSeries, emailTotals, machineReasons } from "@/lib/analytics/email-metrics";
import { pipelineSeries, stageFunnel, winRates } from "@/lib/analytics/pipeline-metrics";
import { customerSeries, customerSnapshot, lifecycleEffects } from "@/lib/analytics/customer-metrics";
import { stagesOverTime } from "@/lib/analytics/stages-over-time";
import { recordEngagement } from "@/lib/email/tracking";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const NY = "America/New_York";
// New York leaves DST on 2026-11-01: that local day lasts 25 hours.
const range = () => resolveRange({ range: "custom", from: "2026-10-31", to: "2026-11-02" }, { timeZone: NY }).range;

async function message(d: Db, orgId: string, contactId: string, sentAt: string) {
  const [m] = await d
    .insert(emailMessages)
    .values({
      orgId,
      contactId,
      toEmail: "ada@example.test",
      category: "marketing",
      status: "sent",
      subject: "Hello",
      html: "<p>Hello</p>",
      text: "Hello",
      sourceType: "manual",
      idempotencyKey: crypto.randomUUID(),
      sentAt: new Date(sentAt),
    })
    .returning({ id: emailMessages.id });
  return m!.id;
}

async function seedOrg(d: Db) {
  const org = await createTestOrg(d);
  await d.update(organizations).set({ timeZone: NY }).where(eq(organizations.id, org.orgId));
  const [c] = await d
    .insert(contacts)
    .values({
      orgId: org.orgId,
      firstName: "Ada",
      email: "ada@example.test",
      createdAt: new Date("2026-11-01T04:30:00Z"),
    })
    .returning({ id: contacts.id });
  const contactId = c!.id;
  const m1 = await message(d, org.orgId, contactId, "2026-11-01T03:30:00Z"); // 31 Oct 23:30 EDT
  const m2 = await message(d, org.orgId, contactId, "2026-11-01T04:30:00Z"); // 1 Nov 00:30 EDT
  const m3 = await message(d, org.orgId, contactId, "2026-11-02T04:30:00Z"); // 1 Nov 23:30 EST
  const m4 = await message(d, org.orgId, contactId, "2026-11-02T05:30:00Z"); // 2 Nov 00:30 EST
  const event = (messageId: string, type: string, at: string, data: Record<string, unknown> = {}) => ({
    orgId: org.orgId,
    messageId,
    contactId,
    type,
    occurredAt: new Date(at),
    data,
  });
  await d.insert(emailEvents).values([
    event(m1, "delivered", "2026-11-01T03:30:05Z"),
    event(m2, "opened", "2026-11-01T05:30:00Z"),
    event(m2, "opened", "2026-11-01T06:30:00Z"), // the same message opened again is one open
    event(m2, "unsubscribed", "2026-11-01T06:31:00Z"),
    event(m3, "opened", "2026-11-02T04:30:02Z", { machine: true, machineReason: "too_soon_after_delivery" }),
    event(m3, "clicked", "2026-11-02T04:45:00Z", { url: "https://example.test" }),
    event(m4, "bounced", "2026-11-02T05:30:10Z"),
  ]);
  return { org, contactId, messages: { m1, m2, m3, m4 } };
}

describe("email analytics", () => {
  it("buckets by local day across the DST change and counts opens as total, human and machine", async () => {
    const { org } = await seedOrg(db());
    const series = await emailSeries(org.owner.ctx, range());
    expect(series.map((b) => b.bucket)).toEqual(["2026-10-31", "2026-11-01", "2026-11-02"]);
    expect(series.map((b) => b.sent)).toEqual([1, 2, 1]);
    // Dated by when they happened: m1's delivery falls on 31 Oct local time; m2 and m3 have no
    // delivery report but were opened on 1 Nov, so they arrived then.
    expect(series.map((b) => b.delivered)).toEqual([1, 2, 0]);
    expect(series[1]).toMatchObject({ openedTotal: 2, openedHuman: 1, openedMachine: 1, clickedHuman: 1 });
    expect(series[1]!.unsubscribed).toBe(1);
    expect(series[2]!.bounced).toBe(1);
    const totals = emailTotals(series);
    expect(totals.openRateHuman).toBeCloseTo(1 / 4);
    expect(totals.openRateTotal).toBeCloseTo(2 / 4);
    expect(await machineReasons(org.owner.ctx, range())).toEqual([{ reason: "too_soon_after_delivery", n: 1 }]);
  });

  it("dates events by their send when asked", async () => {
    const { org } = await seedOrg(db());
    const bySend = await emailSeries(org.owner.ctx, range(), "send");
    // m1 was delivered on 31 Oct and sent on 31 Oct; m2's and m3's opens belong to their 1 Nov sends.
    expect(bySend.map((b) => b.delivered)).toEqual([1, 2, 0]);
    expect(bySend[1]).toMatchObject({ openedTotal: 2, openedHuman: 1 });
  });

  it("never counts another organisation's mail, for any role", async () => {
    const a = await seedOrg(db());
    const b = await seedOrg(db());
    await message(db(), b.org.orgId, b.contactId, "2026-11-01T12:00:00Z");
    for (const user of [a.org.owner, a.org.rep, a.org.staff]) {
      const totals = emailTotals(await emailSeries(user.ctx, range()));
      expect(totals.sent).toBe(4);
    }
    expect(emailTotals(await emailSeries(b.org.owner.ctx, range())).sent).toBe(5);
  });

  it("records an Apple privacy-proxy open as machine, and a person's later open as human", async () => {
    const { org, contactId } = await seedOrg(db());
    const id = await message(db(), org.orgId, contactId, new Date(Date.now() - 3_600_000).toISOString());
    await recordEngagement(db(), org.orgId, id, { kind: "opened" }, "tracking", {
      userAgent: "Mozilla/5.0",
      ip: "17.58.1.20",
    });
    await recordEngagement(db(), org.orgId, id, { kind: "opened" }, "tracking", {
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15",
      ip: "203.0.113.9",
    });
    const events = await db().select().from(emailEvents).where(eq(emailEvents.messageId, id));
    expect(events.map((e) => e.data.machineReason ?? null).sort()).toEqual(["apple_privacy_proxy", null]);
  });

  it("counts messages sent in bulk statements (a batch marked sent, sent times moved or cleared) as a recount does", async () => {
    const { org } = await seedOrg(db());
    const base = Date.parse("2026-10-31T10:00:00Z");
    for (let i = 0; i < 40; i++) {
      const [m] = await db()
        .insert(emailMessages)
        .values({
          orgId: org.orgId,
          toEmail: `bulk${i}@example.test`,
          category: "marketing",
          status: i % 4 ? "sent" : "queued",
          subject: "Hello",
          html: "<p>Hello</p>",
          text: "Hello",
          sourceType: "manual",
          idempotencyKey: crypto.randomUUID(),
          sentAt: i % 4 ? new Date(base + i * 47 * 60_000) : null,
        })
        .returning({ id: emailMessages.id });
      expect(m).toBeDefined();
    }
    // Only these messages: seedOrg's own have events, whose send-dated counts stay where they were counted.
    const ofOrg = sql`org_id = ${org.orgId}::uuid and to_email like 'bulk%'`;
    // The queued quarter marked sent in one statement, as a batch is; then a third moved, a fifth cleared.
    await db().execute(
      sql`update email_messages set status = 'sent', sent_at = timestamptz '2026-11-01 09:00:00+00' where ${ofOrg} and sent_at is null`,
    );
    await db().execute(
      sql`update email_messages set sent_at = sent_at + interval '5 hours' where ${ofOrg} and abs(hashtext(id::text)) % 3 = 0`,
    );
    await db().execute(
      sql`update email_messages set sent_at = null, status = 'failed' where ${ofOrg} and abs(hashtext(id::text)) % 5 = 0`,
    );
    const wide = resolveRange({ range: "custom", from: "2026-10-30", to: "2026-11-05" }, { timeZone: NY }).range;
    const read = async () => ({
      byEvent: await emailSeries(org.owner.ctx, wide),
      bySend: await emailSeries(org.owner.ctx, wide, "send"),
    });
    const maintained = await read();
    const [sent] = rowsOf<{ n: number }>(
      await db().execute(
        sql`select count(*)::int as n from email_messages where org_id = ${org.orgId}::uuid and sent_at is not null`,
      ),
    );
    expect(emailTotals(maintained.byEvent).sent).toBe(sent!.n);
    expect(emailTotals(maintained.bySend).sent).toBe(sent!.n);
    await db().execute(sql`select email_stats_rebuild(${org.orgId}::uuid)`);
    expect(maintained).toEqual(await read());
  });

  it("keeps its rollups equal to a recount from the raw rows, whatever order the events arrive in", async () => {
    const { org, contactId } = await seedOrg(db());
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const base = Date.parse("2026-10-31T10:00:00Z");
    const rows: (typeof emailEvents.$inferInsert)[] = [];
    for (let i = 0; i < 30; i++) {
      const sentAt = base + Math.floor(next() * 2 * 86_400_000);
      const id = await message(db(), org.orgId, contactId, new Date(sentAt).toISOString());
      for (let j = 0; j < 6; j++) {
        const type = ["delivered", "opened", "opened", "clicked", "unsubscribed", "bounced", "complained"][
          Math.floor(next() * 7)
        ]!;
        const machine = type === "opened" || type === "clicked" ? next() < 0.4 : false;
        rows.push({
          orgId: org.orgId,
          messageId: id,
          contactId,
          type,
          occurredAt: new Date(sentAt + Math.floor(next() * 36 * 3_600_000)),
          data: machine ? { machine: true, machineReason: "too_soon_after_delivery" } : {},
        });
      }
    }
    // Shuffled and one at a time: later-happening events often arrive first.
    rows.sort(() => next() - 0.5);
    for (const row of rows) await db().insert(emailEvents).values(row);
    const wide = resolveRange({ range: "custom", from: "2026-10-30", to: "2026-11-05" }, { timeZone: NY }).range;
    const read = async () => ({
      byEvent: await emailSeries(org.owner.ctx, wide),
      bySend: await emailSeries(org.owner.ctx, wide, "send"),
      machine: await machineReasons(org.owner.ctx, wide),
    });
    const maintained = await read();
    expect(maintained.machine.length).toBeGreaterThan(0);
    expect(emailTotals(maintained.byEvent).openedTotal).toBeGreaterThan(0);
    await db().execute(sql`select email_stats_rebuild(${org.orgId}::uuid)`);
    expect(maintained).toEqual(await read());
    // And the headline counts straight from the raw rows.
    const raw = rowsOf<{ opened: number; human: number; machine: number }>(
      await db().execute(sql`select count(distinct message_id) filter (where type = 'opened')::int as opened,
          count(distinct message_id) filter (where type = 'opened' and coalesce(data->>'machine', 'false') <> 'true')::int as human,
          (count(distinct message_id) filter (where type = 'opened')
            - count(distinct message_id) filter (where type = 'opened' and coalesce(data->>'machine', 'false') <> 'true'))::int as machine
        from email_events where org_id = ${org.orgId}`),
    )[0]!;
    const totals = emailTotals(maintained.byEvent);
    expect([totals.openedTotal, totals.openedHuman, totals.openedMachine]).toEqual([
      raw.opened,
      raw.human,
      raw.machine,
    ]);
  });

  it("flags a scanner that clicks every link of a message at once", async () => {
    const { org, contactId } = await seedOrg(db());
    const id = await message(db(), org.orgId, contactId, new Date(Date.now() - 3_600_000).toISOString());
    const client = { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", ip: "198.51.100.4" };
    for (const url of ["https://a.example", "https://b.example", "https://c.example"])
      await recordEngagement(db(), org.orgId, id, { kind: "clicked", url }, "tracking", client);
    const events = await db().select().from(emailEvents).where(eq(emailEvents.messageId, id));
    expect(events.filter((e) => e.data.machineReason === "all_links_at_once")).toHaveLength(2);
  });
});

describe("pipeline analytics", () => {
  it("counts a funnel with skipped stages, win rates by source and won and lost value by day", async () => {
    const org = await createTestOrg(db());
    await db().update(organizations).set({ timeZone: NY }).where(eq(organizations.id, org.orgId));
    const [p] = await db().insert(pipelines).values({ orgId: org.orgId }).returning({ id: pipelines.id });
    const stage = async (name: string, position: number, kind: "open" | "won" | "lost") =>
      (
        await db()
          .insert(pipelineStages)
          .values({ orgId: org.orgId, pipelineId: p!.id, name, position, kind })
          .returning({ id: pipelineStages.id })
      )[0]!.id;
    const s = {
      lead: await stage("Lead", 0, "open"),
      qualified: await stage("Qualified", 1, "open"),
      proposal: await stage("Proposal", 2, "open"),
      won: await stage("Won", 3, "won"),
      lost: await stage("Lost", 4, "lost"),
    };
    const lead = async (title: string, stageId: string, value: number, source: string, enteredAt: string) =>
      (
        await db()
          .insert(leads)
          .values({
            orgId: org.orgId,
            pipelineId: p!.id,
            stageId,
            title,
            value,
            source,
            rank: title,
            createdAt: new Date("2026-11-01T12:00:00Z"),
            stageEnteredAt: new Date(enteredAt),
          })
          .returning({ id: leads.id })
      )[0]!.id;
    const won = await lead("Won deal", s.won, 100, "Referral", "2026-11-02T15:00:00Z");
    await lead("Lost deal", s.lost, 50, "Referral", "2026-11-01T15:00:00Z");
    await lead("Open deal", s.lead, 10, "Web", "2026-11-01T12:00:00Z");
    // The won deal went Lead → Qualified → Won, skipping Proposal.
    await db()
      .insert(leadStageHistory)
      .values([
        { orgId: org.orgId, leadId: won, toStageId: s.lead, movedAt: new Date("2026-11-01T12:00:00Z") },
        {
          orgId: org.orgId,
          leadId: won,
          fromStageId: s.lead,
          toStageId: s.qualified,
          movedAt: new Date("2026-11-01T18:00:00Z"),
        },
        {
          orgId: org.orgId,
          leadId: won,
          fromStageId: s.qualified,
          toStageId: s.won,
          movedAt: new Date("2026-11-02T15:00:00Z"),
        },
      ]);
    const funnel = await stageFunnel(org.rep.ctx, range());
    expect(funnel.map((f) => [f.name, f.reached])).toEqual([
      ["Lead", 3],
      ["Qualified", 1],
      ["Proposal", 1],
      ["Won", 1],
    ]);
    expect(funnel[1]!.conversion).toBeCloseTo(1 / 3);
    expect(funnel[0]!.avgDays).toBeCloseTo(0.25); // six hours in Lead
    expect(await winRates(org.owner.ctx, range(), "source")).toEqual([
      { key: "Referral", won: 1, lost: 1, winRate: 0.5 },
    ]);
    const series = await pipelineSeries(org.staff.ctx, range());
    expect(series.map((b) => [b.created, b.wonValue, b.lostValue])).toEqual([
      [0, 0, 0],
      [3, 0, 50],
      [0, 100, 0],
    ]);
  });
});

describe("customer analytics", () => {
  it("counts new customers on their local day", async () => {
    const { org } = await seedOrg(db());
    const series = await customerSeries(org.owner.ctx, range());
    expect(series.map((b) => b.newCustomers)).toEqual([0, 1, 0]);
  });

  it("reads stages, lifetime value, channels, staff and overdue follow-ups of its own organisation only", async () => {
    const { org, contactId } = await seedOrg(db());
    const other = await seedOrg(db());
    const inRange = new Date("2026-11-01T15:00:00Z");
    for (const o of [org, other.org]) {
      await db()
        .insert(contacts)
        .values([
          { orgId: o.orgId, firstName: "Vip", lifecycleStage: "vip", totalSpentMinor: 120_000, lastSeenAt: inRange },
          { orgId: o.orgId, firstName: "Risk", lifecycleStage: "at_risk", totalSpentMinor: 20_000 },
        ]);
    }
    await db()
      .insert(interactions)
      .values([
        { orgId: org.orgId, contactId, type: "call", direction: "outbound", userId: org.rep.id, occurredAt: inRange },
        { orgId: org.orgId, contactId, type: "call", direction: "outbound", userId: org.rep.id, occurredAt: inRange },
        { orgId: org.orgId, contactId, type: "visit", direction: "inbound", occurredAt: inRange },
        // Outside the range: never counted.
        {
          orgId: org.orgId,
          contactId,
          type: "chat",
          direction: "inbound",
          occurredAt: new Date("2026-12-01T00:00:00Z"),
        },
      ]);
    await db()
      .insert(followUps)
      .values([
        {
          orgId: org.orgId,
          contactId,
          assigneeId: org.rep.id,
          title: "Call back",
          dueAt: new Date("2026-11-01T00:00:00Z"),
        },
        {
          orgId: org.orgId,
          contactId,
          assigneeId: org.rep.id,
          title: "Later",
          dueAt: new Date("2027-01-01T00:00:00Z"),
        },
      ]);
    const snap = await customerSnapshot(org.staff.ctx, range(), new Date("2026-11-02T12:00:00Z"));
    expect(snap.byStage).toEqual([
      { stage: "at_risk", n: 1 },
      { stage: "lead", n: 1 },
      { stage: "vip", n: 1 },
    ]);
    expect(snap).toMatchObject({ active: 1, atRisk: 1, followUpsOverdue: 1 });
    expect(snap.lifetimeValue.filter((b) => b.n > 0)).toEqual([
      { band: "0", n: 1 },
      { band: "10000", n: 1 },
      { band: "100000", n: 1 },
    ]);
    expect(snap.byChannel).toEqual([
      { key: "call", n: 2 },
      { key: "visit", n: 1 },
    ]);
    expect(snap.byStaff).toEqual([
      { key: org.rep.name, n: 2 },
      { key: "Automated or removed", n: 1 },
    ]);
  });
  it("replays lifecycle stages per local day from recorded stage changes, its own organisation's only", async () => {
    const { org, contactId } = await seedOrg(db());
    const other = await seedOrg(db());
    const change = (orgId: string, id: string, from: string, to: string, at: string) => ({
      orgId,
      contactId: id,
      type: "lifecycle.changed",
      data: { from, to, reason: "test" },
      occurredAt: new Date(at),
    });
    // Ada (added 1 Nov 00:30 local as a lead) became active at 22:00 local the same day.
    await db().update(contacts).set({ lifecycleStage: "active" }).where(eq(contacts.id, contactId));
    const [old, late] = await db()
      .insert(contacts)
      .values([
        { orgId: org.orgId, firstName: "Old", lifecycleStage: "at_risk", createdAt: new Date("2026-10-01T12:00:00Z") },
        { orgId: org.orgId, firstName: "Late", lifecycleStage: "vip", createdAt: new Date("2026-11-03T12:00:00Z") },
      ])
      .returning({ id: contacts.id });
    await db()
      .insert(activities)
      .values([
        change(org.orgId, contactId, "lead", "active", "2026-11-02T03:00:00Z"), // 1 Nov 22:00 EST
        change(org.orgId, old!.id, "active", "at_risk", "2026-11-02T15:00:00Z"), // 2 Nov 10:00 EST
        change(org.orgId, late!.id, "lead", "vip", "2026-11-04T12:00:00Z"), // after the range
        change(other.org.orgId, other.contactId, "lead", "churned", "2026-11-01T15:00:00Z"),
      ]);
    const today = (await customerSnapshot(org.rep.ctx, range())).byStage;
    const rows = stagesOverTime(range().bucketKeys, today, await lifecycleEffects(org.rep.ctx, range()));
    const zero = { lead: 0, active: 0, vip: 0, at_risk: 0, churned: 0 };
    expect(rows).toEqual([
      { bucket: "2026-10-31", ...zero, active: 1 },
      { bucket: "2026-11-01", ...zero, active: 2 },
      { bucket: "2026-11-02", ...zero, active: 1, at_risk: 1 },
    ]);
  });
});
