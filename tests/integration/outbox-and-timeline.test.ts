import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { activities, eventOutbox } from "@/db/schema";
import { emitEvent } from "@/lib/events/emit";
import { recordActivity } from "@/lib/activity/record";
import { createOrganizationWithOwner } from "@/lib/orgs/signup";
import { createTestOrg, setupTestDb, uniqueEmail } from "./helpers";

const db = setupTestDb();

describe("event outbox", () => {
  it("announces an event only when its transaction commits", async () => {
    const org = await createTestOrg(db());
    const rolledBack = await db()
      .transaction(async (tx) => {
        const id = await emitEvent(tx, "crm/organization.created", { orgId: org.orgId, ownerId: org.owner.id });
        tx.rollback();
        return id;
      })
      .catch(() => "rolled back");
    expect(rolledBack).toBe("rolled back");
    expect(await db().select().from(eventOutbox).where(eq(eventOutbox.orgId, org.orgId))).toHaveLength(0);

    const id = await db().transaction((tx) =>
      emitEvent(tx, "crm/organization.created", { orgId: org.orgId, ownerId: org.owner.id }),
    );
    const [row] = await db().select().from(eventOutbox).where(eq(eventOutbox.id, id));
    expect(row).toMatchObject({
      name: "crm/organization.created",
      sentAt: null,
      data: { orgId: org.orgId, ownerId: org.owner.id },
    });
  });

  it("refuses data that does not match the event's schema", async () => {
    await expect(emitEvent(db(), "crm/organization.created", { orgId: "not-a-uuid", ownerId: "x" })).rejects.toThrow(
      /uuid/i,
    );
  });

  it("sign-up announces the new organisation", async () => {
    const created = await createOrganizationWithOwner(db(), {
      orgName: "Outbox Ltd",
      name: "Ola",
      email: uniqueEmail("ola"),
      password: "long-enough-pw",
    });
    const rows = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, created.orgId), eq(eventOutbox.name, "crm/organization.created")));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toEqual({ orgId: created.orgId, ownerId: created.userId });
  });
});

describe("timeline activities", () => {
  it("stores an entry with its type, data and privacy", async () => {
    const org = await createTestOrg(db());
    const id = await recordActivity(db(), {
      orgId: org.orgId,
      type: "note.added",
      actorId: org.staff.id,
      privateToUserId: org.staff.id,
      data: { body: "<b>hi</b>" },
    });
    const [row] = await db().select().from(activities).where(eq(activities.id, id));
    expect(row).toMatchObject({
      orgId: org.orgId,
      type: "note.added",
      privateToUserId: org.staff.id,
      data: { body: "<b>hi</b>" },
    });
  });
});
