import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactTags, contacts, organizations, tags } from "@/db/schema";
import type { CriteriaNode } from "@/lib/segments/criteria.schema";

export type NewContact = Partial<typeof contacts.$inferInsert> & { firstName: string };

export async function insertContacts(db: Db, orgId: string, rows: NewContact[]) {
  return db
    .insert(contacts)
    .values(rows.map((r) => ({ orgId, ...r })))
    .returning({ id: contacts.id, firstName: contacts.firstName });
}

export async function setOrgZone(db: Db, orgId: string, timeZone: string) {
  await db.update(organizations).set({ timeZone }).where(eq(organizations.id, orgId));
}

export async function addTag(db: Db, orgId: string, name: string, contactIds: string[]) {
  const [tag] = await db.insert(tags).values({ orgId, name, color: "#2563eb" }).returning({ id: tags.id });
  if (contactIds.length)
    await db.insert(contactTags).values(contactIds.map((contactId) => ({ orgId, contactId, tagId: tag!.id })));
  return tag!.id;
}

export const cond = (field: string, op: string, value?: unknown): CriteriaNode => ({
  kind: "condition",
  id: randomUUID().slice(0, 8),
  field,
  op,
  value,
});
export const all = (...children: CriteriaNode[]) => ({
  kind: "group" as const,
  id: randomUUID().slice(0, 8),
  match: "all" as const,
  children,
});
export const any = (...children: CriteriaNode[]) => ({
  kind: "group" as const,
  id: randomUUID().slice(0, 8),
  match: "any" as const,
  children,
});
