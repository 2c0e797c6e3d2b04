import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { contacts, emailEvents, emailMessages, orders } from "@/db/schema";
import {
  campaignEarnings,
  campaignReport,
  campaignResults,
  createCampaign,
  getCampaign,
  listCampaigns,
  scheduleCampaign,
} from "@/lib/campaigns";
import { loadCampaign } from "@/lib/campaigns/campaigns";
import { freezeAudience } from "@/lib/campaigns/freeze";
import { sendDue } from "@/lib/campaigns/sending";
import { campaignOutcomes } from "@/lib/campaigns/outcomes";
import { recordEngagement } from "@/lib/email/tracking";
import { campaignRows } from "@/lib/analytics/campaign-metrics";
import { resolveRange } from "@/lib/analytics/range";
import { setupTestDb, uniqueEmail } from "./helpers";
import { campaignMessages, campaignOrg, draft, makeSegment, recipientsOf } from "../campaigns/fixtures";

const db = setupTestDb();
const HOUR = 3_600_000;

const abDraft = (segmentIds: string[], extra: Record<string, unknown> = {}) =>
  draft(segmentIds, {
    abEnabled: true,
    abTestPercent: 90,
    abMetric: "revenue_per_recipient",
    abDecideAfterHours: 4,
    abFallbackVariant: "A",
    attributionBasis: "delivery",
    variants: [{ subject: "Last chance, {{contact.first_name}}" }],
    ...extra,
  });

async function customers(orgId: string, n: number) {
  const rows = await db()
    .insert(contacts)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId,
        firstName: `P${i}`,
        lastName: "Test",
        email: uniqueEmail(`ab${i}`),
        marketingConsent: "subscribed" as const,
      })),
    )
    .returning({ id: contacts.id });
  return rows.map((r) => r.id);
}

/** Runs the send steps the executor would, at `now`, until nothing more is due then. */
async function sendAll(orgId: string, id: string, now: Date) {
  for (let i = 0; i < 10; i++) {
    const next = await sendDue(db(), orgId, id, now);
    if (next.kind !== "continue") return next;
  }
  throw new Error("the send did not settle");
}

describe("campaigns: A/B test", () => {
  it("stores variant A as the campaign's content and B with only what it changes; a bad variant saves nothing", async () => {
    const o = await campaignOrg(db());
    const seg = await makeSegment(db(), o.orgId, [(await o.customer()).id]);
    await expect(createCampaign(o.owner.ctx, abDraft([seg.id], { variants: [{}] }))).rejects.toThrow(
      "Variant B is the same as A",
    );
    expect(await listCampaigns(o.owner.ctx)).toEqual([]);
    const { id } = await createCampaign(o.owner.ctx, abDraft([seg.id]));
    expect((await getCampaign(o.owner.ctx, id)).variants).toEqual([
      { key: "A", subject: null, preheader: null, body: null },
      { key: "B", subject: "Last chance, {{contact.first_name}}", preheader: null, body: null },
    ]);
  });

  it("the test share is split evenly, the rest wait; the winner on revenue per recipient goes to the rest, each customer once", async () => {
    const o = await campaignOrg(db());
    const ids = await customers(o.orgId, 240);
    const seg = await makeSegment(db(), o.orgId, ids);
    const { id } = await createCampaign(o.owner.ctx, abDraft([seg.id], { holdoutPercent: 0 }));
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    const start = new Date();
    await freezeAudience(db(), await loadCampaign(db(), o.orgId, id), start);
    const frozen = await recipientsOf(db(), o.orgId, id);
    const test = frozen.filter((r) => r.inTest);
    expect(test).toHaveLength(216);
    expect(test.filter((r) => r.variant === "A")).toHaveLength(108);
    expect(test.filter((r) => r.variant === "B")).toHaveLength(108);
    expect(frozen.filter((r) => !r.inTest).every((r) => r.variant === null)).toBe(true);

    // The test group goes; the rest wait for the decision (4 hours after the last test recipient was due).
    expect(await sendAll(o.orgId, id, start)).toEqual({
      kind: "wait",
      until: new Date(+start + 4 * HOUR).toISOString(),
    });
    const mail = await campaignMessages(db(), o.orgId, id);
    expect(mail).toHaveLength(216);
    // While it runs, the page says when it is judged and how it stands, not what was sent.
    expect((await campaignResults(o.owner.ctx, id))?.test).toEqual({
      state: "running",
      decidesAt: new Date(+start + 4 * HOUR),
      standing: "Variant A has 0 conversions and each variant needs at least 5.",
      probabilities: null,
    });
    const byContact = new Map(frozen.map((r) => [r.contactId, r]));
    for (const m of mail)
      expect(m.subject.startsWith("Last chance")).toBe(byContact.get(m.contactId!)!.variant === "B");

    // B's recipients spend more: 30 orders of 40–69.00 against A's 10 of 20–29.00.
    const spend = (variant: string, count: number, base: number, spread: number) =>
      test
        .filter((r) => r.variant === variant)
        .slice(0, count)
        .map((r, i) => ({
          orgId: o.orgId,
          sourceOrderId: randomUUID(),
          contactId: r.contactId,
          amountMinor: base + (i % 30) * spread,
          currency: "USD",
          occurredAt: new Date(+start + HOUR),
        }));
    await db()
      .insert(orders)
      .values([...spend("B", 30, 4_000, 100), ...spend("A", 10, 2_000, 100)]);

    // An hour before the decision nothing more goes.
    expect(await sendAll(o.orgId, id, new Date(+start + 3 * HOUR))).toMatchObject({ kind: "wait" });
    expect(await campaignMessages(db(), o.orgId, id)).toHaveLength(216);

    const decided = new Date(+start + 4 * HOUR + 1_000);
    expect(await sendAll(o.orgId, id, decided)).toEqual({ kind: "finished", status: "sent" });
    const c = await loadCampaign(db(), o.orgId, id);
    expect(c).toMatchObject({ abWinnerVariant: "B", status: "sent" });
    expect(c.abDecisionReason).toMatch(/^Variant B has a 9\d\.\d% probability of the best revenue per recipient/);
    const all = await campaignMessages(db(), o.orgId, id);
    expect(all).toHaveLength(240);
    expect(new Set(all.map((m) => m.contactId)).size).toBe(240);
    const rest = new Set(frozen.filter((r) => !r.inTest).map((r) => r.contactId));
    const restMail = all.filter((m) => rest.has(m.contactId!));
    expect(restMail).toHaveLength(24);
    expect(restMail.every((m) => m.subject.startsWith("Last chance"))).toBe(true);

    const outcomes = await campaignOutcomes(db(), c, new Date(+start + 5 * HOUR));
    expect(outcomes).toMatchObject({ recipients: 240, converters: 40, conversions: 40 });
    expect(outcomes.revenueMinor).toBe(30 * 4_000 + 100 * 435 + 10 * 2_000 + 100 * 45);
    expect(outcomes.variants.map((v) => [v.group, v.id, v.recipients, v.conversions])).toEqual([
      ["test", "A", 108, 10],
      ["test", "B", 108, 30],
      ["rest", "B", 24, 0],
    ]);
    expect(outcomes.uplift).toBeNull();

    // What the owner's pages read: the list's counts and earnings, the results (reps read them too).
    const [row] = await listCampaigns(o.owner.ctx);
    expect(row).toMatchObject({ id, audience: 240, sent: 240, openedHuman: 0, unsubscribed: 0 });
    expect((await campaignEarnings(o.owner.ctx, [id], new Date(+start + 5 * HOUR))).get(id)).toMatchObject({
      conversions: 40,
      currency: "USD",
    });
    expect((await campaignResults(o.rep.ctx, id))?.test).toMatchObject({ state: "decided", chosen: "B" });
    const other = await campaignOrg(db());
    await expect(campaignResults(other.owner.ctx, id)).rejects.toThrow("not found");
    await expect(campaignEarnings(other.owner.ctx, [id])).rejects.toThrow("not found");
    expect(await listCampaigns(other.owner.ctx)).toEqual([]);

    // Analytics: the campaign and each variant of its test group; another organisation sees none of it.
    const { range } = resolveRange({ range: "7d" }, { timeZone: "UTC", now: start });
    const rows = await campaignRows(o.staff.ctx, range);
    expect(rows.map((r) => [r.label.replace(c.name, "#"), r.sent])).toEqual([
      ["#", 240],
      ["# · variant A", 108],
      ["# · variant B", 108],
    ]);
    expect(await campaignRows(other.owner.ctx, range)).toEqual([]);
  });

  it("a test too small to judge sends the owner's fallback to the rest, and says why; clicks by machines do not count", async () => {
    const o = await campaignOrg(db());
    const ids = await customers(o.orgId, 20);
    const seg = await makeSegment(db(), o.orgId, ids);
    const { id } = await createCampaign(
      o.owner.ctx,
      abDraft([seg.id], { abTestPercent: 50, abMetric: "click_rate", abFallbackVariant: "B", holdoutPercent: 10 }),
    );
    await scheduleCampaign(o.owner.ctx, id, { mode: "now" });
    const start = new Date();
    await freezeAudience(db(), await loadCampaign(db(), o.orgId, id), start);
    await sendAll(o.orgId, id, start);
    const mail = await campaignMessages(db(), o.orgId, id);
    expect(mail).toHaveLength(9);
    // A scanner clicks every A message: flagged machine, it is no click.
    await db()
      .insert(emailEvents)
      .values(
        mail.map((m) => ({
          orgId: o.orgId,
          messageId: m.id,
          contactId: m.contactId,
          type: "clicked",
          data: { machine: true, machineReason: "scanner" },
        })),
      );
    await sendAll(o.orgId, id, new Date(+start + 4 * HOUR + 1_000));
    const c = await loadCampaign(db(), o.orgId, id);
    expect(c.abWinnerVariant).toBe("B");
    expect(c.abDecisionReason).toMatch(/each variant needs at least 100, so the fallback variant was sent\.$/);
    const rows = await recipientsOf(db(), o.orgId, id);
    expect(rows.filter((r) => r.holdout)).toHaveLength(2);
    expect(rows.filter((r) => !r.inTest && !r.holdout).every((r) => r.variant === "B" && r.messageId)).toBe(true);
    const sent = await db()
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(and(eq(emailMessages.orgId, o.orgId), inArray(emailMessages.contactId, ids)));
    expect(sent).toHaveLength(18);
    const outcomes = await campaignOutcomes(db(), c, new Date(+start + 5 * HOUR));
    expect(outcomes.variants.reduce((n, v) => n + v.clicks, 0)).toBe(0);
    // No delivery report came, but the scanner's clicks show the 9 test messages arrived. A person
    // opens one an hour after it left: one open by a person.
    await db()
      .update(emailMessages)
      .set({ sentAt: new Date(Date.now() - HOUR) })
      .where(eq(emailMessages.id, mail[0]!.id));
    await recordEngagement(db(), o.orgId, mail[0]!.id, { kind: "opened" }, "tracking", {
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
      ip: "203.0.113.10",
    });
    expect(await campaignReport(o.owner.ctx, id)).toMatchObject({ sent: 18, delivered: 9, openedHuman: 1 });
    expect(outcomes.uplift?.holdout.customers).toBe(2);
  });
});
