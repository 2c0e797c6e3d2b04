import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { clockNow, clockOffsetMs } from "@/inngest/local/clock";
import { localParts, zonedInstant, addLocalDays } from "@/lib/playbooks/zoned-time";
import { saveDraft, publishDraft, loadVersion } from "@/lib/playbooks/versions";
import type { Graph } from "@/lib/playbooks/graph.schema";
import {
  event,
  logOf,
  messagesTo,
  playbookByKey,
  setupPlaybookHarness,
  playbookOrg,
  runsOf,
} from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";
import { makeContact } from "../email/fixtures";

const db = setupTestDb();
const h = setupPlaybookHarness(db);

/** Moves the executor clock forward to the next hh:mm local time in `zone`. */
async function advanceToLocal(zone: string, hour: number, minute: number) {
  const now = clockNow();
  const today = localParts(now, zone);
  for (let i = 0; i < 3; i++) {
    const d = addLocalDays(today, i);
    const t = zonedInstant(zone, d.year, d.month, d.day, hour, minute);
    if (t > now) return h().advance(`${t.getTime() - now.getTime()}ms`);
  }
}

describe("guards and versions through the embedded executor", () => {
  it("an event at 23:30 local waits for the quiet window's end: the first email goes at 08:00 local", async () => {
    const o = await playbookOrg(
      db(),
      { quietHoursStart: "21:00", quietHoursEnd: "08:00" },
      { timeZone: "Europe/Paris" },
    );
    await advanceToLocal("Europe/Paris", 23, 30);
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(0);
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    const deferred = (await logOf(db(), run!.id)).find((l) => l.status === "deferred")!;
    expect(deferred.detail).toMatch(/^deferred by quiet hours until \w{3} \d{4}-\d\d-\d\d 08:00 Europe\/Paris$/);
    expect(deferred.until!.getTime() - clockNow().getTime()).toBeGreaterThan(8 * 3_600_000);
    await h().advance("8h");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(0);
    await h().advance(`${deferred.until!.getTime() - clockNow().getTime()}ms`);
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    const done = (await logOf(db(), run!.id)).find((l) => l.nodeId === "update-details" && l.status === "done")!;
    const local = localParts(done.at, "Europe/Paris");
    expect([local.hour, local.minute]).toEqual([8, 0]);
  });

  it("unsubscribing mid-run cancels a marketing run: nothing more is sent", async () => {
    const o = await playbookOrg(db());
    await h().send({
      name: "crm/contact.inactive",
      data: { orgId: o.orgId, contactId: o.contact.id, stage: "at_risk", daysSinceLastVisit: 95 },
    });
    await h().settle();
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    await h().send({
      name: "crm/contact.unsubscribed",
      data: { orgId: o.orgId, contactId: o.contact.id, topicKey: null, messageId: null },
    });
    await h().settle();
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    expect(run).toMatchObject({ status: "cancelled", endReason: "unsubscribed" });
    await h().advance("4d");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
  });

  it("with marketing email only to customers who said yes, a playbook's marketing email to a Not asked customer is held back and the run log says why", async () => {
    const o = await playbookOrg(db(), { marketingRequiresConsent: true }, { marketingConsent: "unknown" });
    await h().send({
      name: "crm/contact.inactive",
      data: { orgId: o.orgId, contactId: o.contact.id, stage: "at_risk", daysSinceLastVisit: 95 },
    });
    await h().settle();
    const [message] = await messagesTo(db(), o.orgId, o.contact.id);
    expect(message).toMatchObject({ status: "suppressed", suppressionReason: "no_consent", sourceType: "playbook" });
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    expect((await logOf(db(), run!.id)).find((l) => l.nodeId === "miss-you" && l.status === "skipped")?.detail).toBe(
      "email suppressed: Never agreed to marketing email",
    );
  });

  it("a version published while a run sleeps: that run finishes on its own version, a new run takes the new one", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "milestone_congrats");
    await h().send(event("crm/milestone.reached", o.orgId, o.contact.id, `m-${randomUUID()}`));
    await h().settle();
    const v1 = (await loadVersion(db(), o.orgId, pb.currentVersionId!)).graph as Graph;
    const miss = (await playbookByKey(db(), o.orgId, "inactivity_nudge")).currentVersionId!;
    const missTemplate = ((await loadVersion(db(), o.orgId, miss)).graph as Graph).nodes.find(
      (n) => n.type === "send_email",
    )!;
    const edited = {
      ...v1,
      nodes: v1.nodes.map((n) => (n.id === "refer" ? { ...n, config: (missTemplate as typeof n).config } : n)),
    };
    await saveDraft(o.owner.ctx, pb.id, edited);
    await publishDraft(o.owner.ctx, pb.id);
    await h().advance("24h");
    const subjects = (await messagesTo(db(), o.orgId, o.contact.id)).map((m) => m.subject);
    expect(subjects).toEqual([`Congratulations, ${o.contact.firstName}!`, "Know someone who'd like us too?"]);
    const later = await makeContact(db(), o.orgId);
    await h().send(event("crm/milestone.reached", o.orgId, later.id, `m-${randomUUID()}`));
    await h().settle();
    await h().advance("24h");
    expect((await messagesTo(db(), o.orgId, later.id)).map((m) => m.subject)).toEqual([
      `Congratulations, ${later.firstName}!`,
      "We miss you",
    ]);
    const [newRun] = await runsOf(db(), o.orgId, later.id);
    expect(newRun!.versionId).not.toBe(pb.currentVersionId);
  });

  it("the frequency cap defers a marketing send until the cap frees, and logs it", async () => {
    // email_messages are stamped with wall time, the runner reads the executor clock: a window wider
    // than the clock's offset keeps this test independent of how far other tests moved the clock.
    const days = Math.ceil(clockOffsetMs() / 86_400_000) + 30;
    const o = await playbookOrg(db(), { frequencyCapCount: 1, frequencyCapDays: days });
    await h().send(event("crm/milestone.reached", o.orgId, o.contact.id, `m-${randomUUID()}`));
    await h().settle();
    await h().advance("24h");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    const deferred = (await logOf(db(), run!.id)).find((l) => l.status === "deferred")!;
    expect(deferred.detail).toMatch(new RegExp(`^deferred by frequency cap \\(1 per ${days} days\\) until .* UTC$`));
    await h().advance(`${days}d`);
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(2);
    await db().update(organizations).set({ frequencyCapCount: null }).where(eq(organizations.id, o.orgId));
  });
});
