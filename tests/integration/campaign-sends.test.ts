import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { campaignRecipients, contacts, eventOutbox, orders } from "@/db/schema";
import {
  cancelCampaign,
  campaignProgress,
  createCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
} from "@/lib/campaigns";
import { loadCampaign } from "@/lib/campaigns/campaigns";
import { changePreferences } from "@/lib/email/unsubscribe";
import { localParts, pad2, zonedInstant } from "@/lib/playbooks/zoned-time";
import { campaignFunctions } from "@/inngest/functions/campaigns";
import { clockNow } from "@/inngest/local/clock";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { campaignMessages, campaignOrg, draft, makeSegment, recipientsOf } from "../campaigns/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();
let h: Harness;
const handed = new Set<string>();
beforeAll(async () => {
  const made = testClient();
  h = await startHarness(db(), made, campaignFunctions(made.client));
});
afterAll(async () => {
  await h?.close();
});

/** The relay's job for one organisation, done by hand (other files share the outbox on PostgreSQL). */
async function relay(orgId: string) {
  const rows = await db()
    .select()
    .from(eventOutbox)
    .where(
      and(
        eq(eventOutbox.orgId, orgId),
        inArray(eventOutbox.name, ["crm/campaign.started", "crm/campaign.resumed", "crm/campaign.cancelled"]),
      ),
    )
    .orderBy(asc(eventOutbox.createdAt));
  const fresh = rows.filter((r) => !handed.has(r.id));
  fresh.forEach((r) => handed.add(r.id));
  if (fresh.length) await h.send(fresh.map((r) => ({ id: r.id, name: r.name, data: r.data })));
  await h.settle();
}

/** Moves the executor clock to just after an instant (never backwards). */
async function advanceTo(at: Date) {
  const ms = Math.max(0, +at - +clockNow()) + 1_000;
  await h.advance(`${ms}ms`);
}

async function sentTo(orgId: string, campaignId: string) {
  const mail = await campaignMessages(db(), orgId, campaignId);
  return mail.filter((m) => m.status === "sent").map((m) => m.contactId!);
}

describe("campaign sends through the embedded executor", () => {
  it("local-time send: each of four zones (one half-hour) at 09:00 its own time, quiet hours deferring one customer to when they end", async () => {
    const o = await campaignOrg(db());
    const zones = ["Pacific/Auckland", "Asia/Kolkata", "Europe/Berlin", "America/New_York"];
    const people = await Promise.all(zones.map((timeZone) => o.customer({ timeZone })));
    const quiet = await o.customer({ timeZone: "Asia/Kolkata", quietHoursStart: "08:00", quietHoursEnd: "10:00" });
    const seg = await makeSegment(
      db(),
      o.orgId,
      [...people, quiet].map((p) => p.id),
    );
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id]));
    // Two days ahead in UTC: 09:00 is still to come in every zone.
    const day = localParts(new Date(+clockNow() + 2 * 86_400_000), "UTC");
    const localDate = `${day.year}-${pad2(day.month)}-${pad2(day.day)}`;
    await scheduleCampaign(o.owner.ctx, id, { mode: "local_time", localDate, localTime: "09:00" });
    await relay(o.orgId);

    const at = (zone: string, hour: number) => zonedInstant(zone, day.year, day.month, day.day, hour, 0);
    const plan = [
      ...people.map((p, i) => ({ id: p.id, at: at(zones[i]!, 9) })),
      { id: quiet.id, at: at("Asia/Kolkata", 10) },
    ].sort((a, b) => +a.at - +b.at);
    expect(await sentTo(o.orgId, id)).toEqual([]);
    for (let i = 0; i < plan.length; i++) {
      await advanceTo(new Date(+plan[i]!.at - 60_000));
      expect((await sentTo(o.orgId, id)).sort()).toEqual(
        plan
          .slice(0, i)
          .map((p) => p.id)
          .sort(),
      );
      await advanceTo(plan[i]!.at);
      expect((await sentTo(o.orgId, id)).sort()).toEqual(
        plan
          .slice(0, i + 1)
          .map((p) => p.id)
          .sort(),
      );
    }
    const rows = await recipientsOf(db(), o.orgId, id);
    expect(rows.find((r) => r.contactId === quiet.id)).toMatchObject({ status: "sent", zone: "Asia/Kolkata" });
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    await h.settle();
    expect((await loadCampaign(db(), o.orgId, id)).status).toBe("sent");
    const mail = await campaignMessages(db(), o.orgId, id);
    expect(mail[0]!.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("pause, a restart of the executor, resume and cancel mid-send: nobody gets it twice, the rest is cancelled", async () => {
    const o = await campaignOrg(db());
    const people = await Promise.all(Array.from({ length: 6 }, () => o.customer()));
    const seg = await makeSegment(
      db(),
      o.orgId,
      people.map((p) => p.id),
    );
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id], { throttlePerHour: 2 }));
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    await relay(o.orgId);
    expect(await sentTo(o.orgId, id)).toHaveLength(2);
    expect(await campaignProgress(o.rep.ctx, id)).toMatchObject({ total: 6, sent: 2, queued: 4 });

    await pauseCampaign(o.owner.ctx, id);
    await relay(o.orgId);
    await h.advance("3h");
    expect(await sentTo(o.orgId, id)).toHaveLength(2);
    await h.restart();

    await resumeCampaign(o.owner.ctx, id);
    await relay(o.orgId);
    expect(await sentTo(o.orgId, id)).toHaveLength(4);

    await cancelCampaign(o.owner.ctx, id);
    await relay(o.orgId);
    await h.advance("3h");
    const sent = await sentTo(o.orgId, id);
    expect(sent).toHaveLength(4);
    expect(new Set(sent).size).toBe(4);
    expect(await campaignProgress(o.owner.ctx, id)).toMatchObject({ total: 6, sent: 4, cancelled: 2, queued: 0 });
    expect((await loadCampaign(db(), o.orgId, id)).status).toBe("cancelled");
    expect(await campaignMessages(db(), o.orgId, id)).toHaveLength(4);
  });

  it("an unsubscribe mid-send stops that customer's message; holdout recipients get nothing", async () => {
    const o = await campaignOrg(db());
    const people = await Promise.all(Array.from({ length: 8 }, () => o.customer()));
    const seg = await makeSegment(
      db(),
      o.orgId,
      people.map((p) => p.id),
    );
    const { id } = await createCampaign(o.owner.ctx, draft([seg.id], { throttlePerHour: 2, holdoutPercent: 25 }));
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    await relay(o.orgId);
    const rows = await recipientsOf(db(), o.orgId, id);
    const holdout = rows.filter((r) => r.holdout).map((r) => r.contactId);
    expect(holdout).toHaveLength(2);
    const waiting = rows.filter((r) => !r.holdout && !r.messageId);
    expect(waiting).toHaveLength(4);
    const leaving = waiting[0]!.contactId;
    await changePreferences(
      db(),
      { orgId: o.orgId, contactId: leaving, messageId: null, topicKey: null },
      { action: "unsubscribe_all" },
      "one_click",
    );
    await h.advance("2h");
    await h.advance("2h");
    const [c] = await db().select().from(contacts).where(eq(contacts.id, leaving));
    expect(c!.marketingConsent).toBe("unsubscribed");
    const sent = await sentTo(o.orgId, id);
    expect(sent).toHaveLength(5);
    expect(sent).not.toContain(leaving);
    for (const h of holdout) expect(sent).not.toContain(h);
    const [left] = await db()
      .select()
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.contactId, leaving)));
    expect(left).toMatchObject({ status: "suppressed", reason: "unsubscribed" });
    expect((await loadCampaign(db(), o.orgId, id)).status).toBe("sent");
  });
  it("A/B: the test group goes at once, the run sleeps until the decision, then the rest get the chosen variant", async () => {
    const o = await campaignOrg(db());
    const people = await Promise.all(Array.from({ length: 10 }, () => o.customer()));
    const seg = await makeSegment(
      db(),
      o.orgId,
      people.map((p) => p.id),
    );
    const { id } = await createCampaign(
      o.owner.ctx,
      draft([seg.id], {
        abEnabled: true,
        abTestPercent: 40,
        abDecideAfterHours: 2,
        abFallbackVariant: "B",
        variants: [{ subject: "Only today" }],
      }),
    );
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    await relay(o.orgId);
    expect(await sentTo(o.orgId, id)).toHaveLength(4);
    await h.advance("1h");
    expect(await sentTo(o.orgId, id)).toHaveLength(4);
    await h.advance("61m");
    expect(await sentTo(o.orgId, id)).toHaveLength(10);
    const c = await loadCampaign(db(), o.orgId, id);
    expect(c).toMatchObject({ status: "sent", abWinnerVariant: "B" });
    const rest = (await recipientsOf(db(), o.orgId, id)).filter((r) => !r.inTest);
    const mail = await campaignMessages(db(), o.orgId, id);
    for (const r of rest) expect(mail.find((m) => m.id === r.messageId)!.subject).toBe("Only today");
  });
  it("A/B on revenue: the variant whose recipients spend more wins after the decision time and goes to the rest", async () => {
    const o = await campaignOrg(db());
    const people = await Promise.all(Array.from({ length: 240 }, () => o.customer()));
    const seg = await makeSegment(
      db(),
      o.orgId,
      people.map((p) => p.id),
    );
    const { id } = await createCampaign(
      o.owner.ctx,
      draft([seg.id], {
        abEnabled: true,
        abTestPercent: 90,
        abMetric: "revenue_per_recipient",
        abDecideAfterHours: 2,
        abFallbackVariant: "A",
        attributionBasis: "delivery",
        variants: [{ subject: "Last chance" }],
      }),
    );
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    await relay(o.orgId);
    expect(await sentTo(o.orgId, id)).toHaveLength(216);

    // Each variant needs 100 recipients to be judged. B's test recipients buy more and more often:
    // 30 orders of 40.00–69.00 against A's 10 of 20.00–29.00,
    // each a few minutes after that customer's email left.
    const test = (await recipientsOf(db(), o.orgId, id)).filter((r) => r.inTest);
    const sentAt = new Map((await campaignMessages(db(), o.orgId, id)).map((m) => [m.contactId!, m.sentAt!]));
    const spend = (variant: string, n: number, base: number) =>
      test
        .filter((r) => r.variant === variant)
        .slice(0, n)
        .map((r, i) => ({
          orgId: o.orgId,
          sourceOrderId: randomUUID(),
          contactId: r.contactId,
          amountMinor: base + i * 100,
          currency: "USD",
          occurredAt: new Date(+sentAt.get(r.contactId)! + 5 * 60_000),
        }));
    await db()
      .insert(orders)
      .values([...spend("B", 30, 4_000), ...spend("A", 10, 2_000)]);

    await h.advance("1h");
    expect(await sentTo(o.orgId, id)).toHaveLength(216);
    await h.advance("61m");
    expect(await sentTo(o.orgId, id)).toHaveLength(240);
    const c = await loadCampaign(db(), o.orgId, id);
    expect(c).toMatchObject({ status: "sent", abWinnerVariant: "B" });
    expect(c.abDecisionReason).toMatch(/^Variant B has a (9\d|100)\.\d% probability of the best revenue per recipient/);
    const rest = (await recipientsOf(db(), o.orgId, id)).filter((r) => !r.inTest);
    expect(rest).toHaveLength(24);
    const mail = await campaignMessages(db(), o.orgId, id);
    for (const r of rest) expect(mail.find((m) => m.id === r.messageId)!.subject).toBe("Last chance");
  });
});
