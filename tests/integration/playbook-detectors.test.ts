import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { eventOutbox, interactions, organizations } from "@/db/schema";
import { orgsDueAt, runDetectors } from "@/lib/playbooks/detectors";
import { makeContact } from "../email/fixtures";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const DAY = 86_400_000;

async function emitted(orgId: string) {
  const rows = await db()
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.orgId, orgId)));
  return rows.map((r) => [r.name, (r.data as { contactId: string }).contactId]);
}

describe("playbook detectors", () => {
  it("report a customer once when they cross the inactivity threshold, trials ending soon, and engagement drops", async () => {
    const now = new Date("2026-06-10T06:05:00Z");
    const o = await createTestOrg(db());
    await db()
      .update(organizations)
      .set({ inactivityDays: 30, trialEndingDays: 3, churnRiskDrop: 20 })
      .where(eq(organizations.id, o.orgId));
    const old = new Date(now.getTime() - 200 * DAY);
    const crossed = await makeContact(db(), o.orgId, {
      createdAt: old,
      lastVisitAt: new Date(now.getTime() - 30.5 * DAY),
    });
    const longGone = await makeContact(db(), o.orgId, {
      createdAt: old,
      lastVisitAt: new Date(now.getTime() - 45 * DAY),
    });
    const fresh = await makeContact(db(), o.orgId, { createdAt: old, lastVisitAt: new Date(now.getTime() - 2 * DAY) });
    const trial = await makeContact(db(), o.orgId, { trialEndsAt: new Date(now.getTime() + 2 * DAY) });
    const laterTrial = await makeContact(db(), o.orgId, { trialEndsAt: new Date(now.getTime() + 10 * DAY) });
    for (const d of [40, 45])
      await db()
        .insert(interactions)
        .values({
          orgId: o.orgId,
          contactId: fresh.id,
          type: "call",
          direction: "outbound",
          occurredAt: new Date(now.getTime() - d * DAY),
        });
    const result = await runDetectors(db(), o.orgId, now);
    expect(result).toEqual({ inactive: 1, trialsEnding: 1, churnRisk: 1 });
    const events = await emitted(o.orgId);
    expect(events).toEqual(
      expect.arrayContaining([
        ["crm/contact.inactive", crossed.id],
        ["crm/trial.ending", trial.id],
        ["crm/churn.risk", fresh.id],
      ]),
    );
    expect(events.map((e) => e[1])).not.toContain(longGone.id);
    expect(events.map((e) => e[1])).not.toContain(laterTrial.id);
  });

  it("each organisation is swept at 06:00 in its own time zone", () => {
    const orgs = [
      { id: "paris", timeZone: "Europe/Paris" },
      { id: "ny", timeZone: "America/New_York" },
      { id: "bad", timeZone: "Not/AZone" },
    ];
    expect(orgsDueAt(orgs, new Date("2026-06-10T04:05:00Z")).map((o) => o.id)).toEqual(["paris"]);
    expect(orgsDueAt(orgs, new Date("2026-06-10T10:05:00Z")).map((o) => o.id)).toEqual(["ny"]);
    expect(orgsDueAt(orgs, new Date("2026-06-10T06:05:00Z")).map((o) => o.id)).toEqual(["bad"]);
  });
});
