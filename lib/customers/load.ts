import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { contacts } from "@/db/schema";
import { NotFoundError } from "../errors";

export type ContactRow = typeof contacts.$inferSelect;

/** A contact of the caller's organisation, locked when `forUpdate`; anything else reads as not found. */
export async function loadContact(
  db: DbOrTx,
  orgId: string,
  contactId: unknown,
  forUpdate = false,
): Promise<ContactRow> {
  const id = z.uuid().safeParse(contactId);
  if (!id.success) throw new NotFoundError("That customer");
  const query = db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id.data), eq(contacts.orgId, orgId)))
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("That customer");
  return row;
}
