import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executorRuns } from "@/db/schema";
import { makeContact } from "../email/fixtures";
import { event, messagesTo, playbookOrg, runsOf, setupPlaybookHarness } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();
const h = setupPlaybookHarness(db);

describe("playbook events arriving together", () => {
  it("are handled in one call: every customer's run starts and gets its first email, and an event that fails holds back no other", async () => {
    const o = await playbookOrg(db());
    const others = [
      await makeContact(db(), o.orgId, { ownerId: o.owner.id }),
      await makeContact(db(), o.orgId, { ownerId: o.owner.id }),
    ];
    const people = [o.contact, ...others];
    await h().send([
      event("crm/payment.failed", o.orgId, people[0]!.id, `inv-${randomUUID()}`),
      // Not a customer id at all: enrolling it fails in the database.
      event("crm/payment.failed", o.orgId, "not-a-customer-id", `inv-${randomUUID()}`),
      event("crm/payment.failed", o.orgId, people[1]!.id, `inv-${randomUUID()}`),
      event("crm/payment.failed", o.orgId, people[2]!.id, `inv-${randomUUID()}`),
    ]);
    await h().settle();
    for (const person of people) {
      const runs = await runsOf(db(), o.orgId, person.id);
      expect(runs.map((r) => r.status)).toEqual(["active"]);
      expect((await messagesTo(db(), o.orgId, person.id)).map((m) => m.status)).toEqual(["sent"]);
    }
    // One call for all four: its run holds them, and waits to be tried again for the one that failed.
    const batches = await db()
      .select()
      .from(executorRuns)
      .where(
        and(
          eq(executorRuns.env, h().env),
          eq(executorRuns.orgId, o.orgId),
          like(executorRuns.functionId, "%-playbook-events"),
        ),
      );
    expect(batches.map((b) => b.events?.length)).toEqual([4]);
    expect(batches[0]!.status).not.toBe("completed");
    expect(batches[0]!.attempt).toBeGreaterThan(0);
  });

  it("a customer's payment failure and their payment in the same batch: the payment ends the run the failure started, as one by one", async () => {
    const o = await playbookOrg(db());
    const other = await makeContact(db(), o.orgId, { ownerId: o.owner.id });
    await h().send([
      event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`),
      event("crm/payment.failed", o.orgId, other.id, `inv-${randomUUID()}`),
      event("crm/payment.succeeded", o.orgId, o.contact.id, `pay-${randomUUID()}`, { amountMinor: 4_200 }),
    ]);
    await h().settle();
    const [paid] = await runsOf(db(), o.orgId, o.contact.id);
    expect(paid).toMatchObject({ status: "completed", conversionValueMinor: 4_200 });
    // Ended before its runner started: no email for a run that is over.
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toEqual([]);
    expect((await runsOf(db(), o.orgId, other.id)).map((r) => r.status)).toEqual(["active"]);
    expect((await messagesTo(db(), o.orgId, other.id)).map((m) => m.status)).toEqual(["sent"]);
  });
});
