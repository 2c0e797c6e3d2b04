import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, users } from "@/db/schema";

/** The contact's owner when they have an active one (and it was asked for), else the organisation's owners. */
export async function ownersFor(
  db: DbOrTx,
  orgId: string,
  contactId: string,
  who: "contact_owner" | "org_owners" | "org_owner",
) {
  if (who === "contact_owner") {
    const [owner] = await db
      .select({ id: users.id, name: users.name })
      .from(contacts)
      .innerJoin(users, and(eq(users.id, contacts.ownerId), eq(users.orgId, contacts.orgId), eq(users.active, true)))
      .where(and(eq(contacts.id, contactId), eq(contacts.orgId, orgId)))
      .limit(1);
    if (owner) return [owner];
  }
  const owners = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, "owner"), eq(users.active, true)))
    .orderBy(users.createdAt);
  return who === "org_owner" ? owners.slice(0, 1) : owners;
}
