import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eventOutbox } from "@/db/schema";
import { emitEvent } from "@/lib/events/emit";
import { relayOnce } from "@/lib/events/relay";
import { createTestOrg, setupTestDb } from "./helpers";

const getDb = setupTestDb();

describe("outbox relay", () => {
  it("hands pending rows over with their id as the event id, and backs off when sending fails", async () => {
    const org = await createTestOrg(getDb());
    const id = await emitEvent(getDb(), "crm/organization.created", { orgId: org.orgId, ownerId: org.owner.id });
    const failing = async () => {
      throw new Error("Inngest is down");
    };
    // Only this organisation's rows: on a shared PostgreSQL, other files' pending events must not be touched.
    await relayOnce(getDb(), failing, 100, new Date(), org.orgId);
    let [row] = await getDb().select().from(eventOutbox).where(eq(eventOutbox.id, id));
    expect(row!.sentAt).toBeNull();
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toBe("Inngest is down");
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    const sent: { id: string; name: string }[] = [];
    const later = new Date(Date.now() + 10 * 60_000);
    while (
      (await relayOnce(getDb(), async (events) => void sent.push(...events), 100, later, org.orgId)) > 0 &&
      !sent.some((e) => e.id === id)
    );
    expect(sent.find((e) => e.id === id)?.name).toBe("crm/organization.created");
    [row] = await getDb().select().from(eventOutbox).where(eq(eventOutbox.id, id));
    expect(row!.sentAt).not.toBeNull();
    expect(row!.lastError).toBeNull();
  });
});
