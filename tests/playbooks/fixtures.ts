import { afterAll, beforeAll } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailMessages, notifications, organizations, playbookRunLog, playbookRuns, playbooks } from "@/db/schema";
import { installDefaultPlaybooks } from "@/lib/playbooks/install";
import { playbookFunctions } from "@/inngest/functions/playbooks";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { createTestOrg } from "../integration/helpers";
import { makeContact } from "../email/fixtures";

export async function playbookHarness(db: Db): Promise<Harness> {
  const made = testClient();
  return startHarness(db, made, playbookFunctions(made.client));
}

/** The playbook functions on an embedded executor for the file's tests, closed after them. */
export function setupPlaybookHarness(db: () => Db): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await playbookHarness(db());
  });
  afterAll(async () => {
    await h?.close();
  });
  return () => {
    if (!h) throw new Error("The playbook harness is not started yet");
    return h;
  };
}

/** An organisation with the six built-in playbooks active and one subscribed customer. */
export async function playbookOrg(
  db: Db,
  org: Partial<typeof organizations.$inferInsert> = {},
  contact: Parameters<typeof makeContact>[2] = {},
) {
  const o = await createTestOrg(db);
  await db
    .update(organizations)
    .set({ timeZone: "UTC", quietHoursStart: null, quietHoursEnd: null, ...org })
    .where(eq(organizations.id, o.orgId));
  await installDefaultPlaybooks(o.owner.ctx, "active");
  const c = await makeContact(db, o.orgId, { ownerId: o.owner.id, ...contact });
  return { ...o, contact: c };
}

export const event = (
  name: string,
  orgId: string,
  contactId: string,
  sourceEventId: string,
  properties: Record<string, unknown> = {},
) => ({ name, data: { orgId, contactId, sourceEventId, source: "api", properties } });

export async function playbookByKey(db: Db, orgId: string, key: string) {
  const [pb] = await db
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.orgId, orgId), eq(playbooks.key, key)));
  return pb!;
}

export async function runsOf(db: Db, orgId: string, contactId: string) {
  return db
    .select()
    .from(playbookRuns)
    .where(and(eq(playbookRuns.orgId, orgId), eq(playbookRuns.contactId, contactId)))
    .orderBy(asc(playbookRuns.startedAt));
}

export async function messagesTo(db: Db, orgId: string, contactId: string) {
  return db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.orgId, orgId), eq(emailMessages.contactId, contactId)))
    .orderBy(asc(emailMessages.createdAt));
}

export async function logOf(db: Db, runId: string) {
  return db
    .select()
    .from(playbookRunLog)
    .where(eq(playbookRunLog.runId, runId))
    .orderBy(asc(playbookRunLog.at), asc(playbookRunLog.key));
}

export async function notificationsOf(db: Db, orgId: string) {
  return db.select().from(notifications).where(eq(notifications.orgId, orgId));
}
