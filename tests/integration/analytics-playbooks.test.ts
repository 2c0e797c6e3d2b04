import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contacts, emailEvents, emailMessages, playbookRunLog, playbookRuns, playbooks } from "@/db/schema";
import { resolveRange } from "@/lib/analytics/range";
import { playbookFunnel, playbookSummaries, recoveredRevenueSeries } from "@/lib/analytics/playbook-metrics";
import { linearGraph } from "@/lib/playbooks/graph.schema";
import { createPlaybook } from "@/lib/playbooks/playbooks";
import { publishDraft } from "@/lib/playbooks/versions";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const range = () => resolveRange({ range: "custom", from: "2026-11-01", to: "2026-11-07" }, { timeZone: "UTC" }).range;
const day = (d: number, h = 12) => new Date(Date.UTC(2026, 10, d, h));

/** Four runs of a two-step playbook: two reach the send, one person opens, one only a proxy; one converts for 50.00. */
async function seed() {
  const org = await createTestOrg(db());
  const graph = linearGraph([
    { id: "mail", type: "add_tag", config: { tag: "rescued" } },
    { id: "done", type: "add_tag", config: { tag: "done" } },
  ]);
  const pb = await createPlaybook(
    org.owner.ctx,
    { name: "Rescue", trigger: "crm/contact.created", reentry: "never" },
    graph,
  );
  await publishDraft(org.owner.ctx, pb.id);
  const [p] = await db().select().from(playbooks).where(eq(playbooks.id, pb.id));
  const run = async (i: number, started: Date, opts: { converted?: number; status?: "active" | "completed" } = {}) => {
    const [c] = await db()
      .insert(contacts)
      .values({ orgId: org.orgId, firstName: `C${i}` })
      .returning({ id: contacts.id });
    const [r] = await db()
      .insert(playbookRuns)
      .values({
        orgId: org.orgId,
        playbookId: pb.id,
        versionId: p!.currentVersionId!,
        contactId: c!.id,
        triggerKey: `t${i}`,
        status: opts.status ?? "completed",
        endReason: opts.status === "active" ? null : "reached the end",
        startedAt: started,
        convertedAt: opts.converted ? day(5) : null,
        conversionValueMinor: opts.converted ?? null,
      })
      .returning({ id: playbookRuns.id });
    return { runId: r!.id, contactId: c!.id };
  };
  const send = async (runId: string, contactId: string, key: string, opened: "person" | "proxy" | null) => {
    const [m] = await db()
      .insert(emailMessages)
      .values({
        orgId: org.orgId,
        contactId,
        toEmail: "c@example.test",
        category: "marketing",
        status: "sent",
        subject: "We miss you",
        html: "",
        text: "",
        sourceType: "playbook",
        idempotencyKey: key,
        sentAt: day(3),
      })
      .returning({ id: emailMessages.id });
    await db()
      .insert(playbookRunLog)
      .values({
        orgId: org.orgId,
        runId,
        nodeId: "mail",
        nodeType: "send_email",
        key: `mail-${key}`,
        status: "done",
        messageId: m!.id,
        at: day(3),
      });
    if (opened)
      await db()
        .insert(emailEvents)
        .values({
          orgId: org.orgId,
          messageId: m!.id,
          contactId,
          type: "opened",
          occurredAt: day(3, 14),
          data: opened === "proxy" ? { machine: true, machineReason: "apple_privacy_proxy" } : {},
        });
  };
  const a = await run(1, day(2), { converted: 5_000 });
  const b = await run(2, day(2));
  await run(3, day(4), { status: "active" });
  await run(4, day(20)); // started outside the range
  await send(a.runId, a.contactId, "a", "person");
  await send(b.runId, b.contactId, "b", "proxy");
  await db()
    .insert(playbookRunLog)
    .values({
      orgId: org.orgId,
      runId: a.runId,
      nodeId: "done",
      nodeType: "add_tag",
      key: "done-a",
      status: "done",
      at: day(4),
    });
  return { org, playbookId: pb.id };
}

describe("playbook analytics", () => {
  it("counts runs, conversions, revenue and each step with opens by people only", async () => {
    const { org, playbookId } = await seed();
    const [summary] = await playbookSummaries(org.rep.ctx, range());
    expect(summary).toMatchObject({
      name: "Rescue",
      entered: 3,
      active: 1,
      completed: 2,
      converted: 1,
      revenueMinor: 5_000,
    });
    const recovered = await recoveredRevenueSeries(org.staff.ctx, range());
    expect(recovered.find((b) => b.bucket === "2026-11-05")).toEqual({
      bucket: "2026-11-05",
      converted: 1,
      revenueMinor: 5_000,
    });
    const funnel = await playbookFunnel(org.owner.ctx, range(), playbookId);
    expect(funnel).toMatchObject({ entered: 3, converted: 1, exits: [{ reason: "reached the end", n: 2 }] });
    expect(funnel!.steps).toEqual([
      { nodeId: "mail", nodeType: "send_email", reached: 2, sent: 2, openedHuman: 1, clickedHuman: 0 },
      { nodeId: "done", nodeType: "add_tag", reached: 1, sent: 0, openedHuman: 0, clickedHuman: 0 },
    ]);
  });

  it("never shows another organisation's playbook or runs", async () => {
    const { playbookId } = await seed();
    const other = await createTestOrg(db());
    expect(await playbookFunnel(other.owner.ctx, range(), playbookId)).toBeNull();
    expect(await playbookSummaries(other.owner.ctx, range())).toEqual([]);
    expect((await recoveredRevenueSeries(other.owner.ctx, range())).every((b) => b.revenueMinor === 0)).toBe(true);
  });
});
