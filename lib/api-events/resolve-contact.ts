import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts } from "@/db/schema";
import { NotFoundError } from "../errors";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import type { ApiEvent } from "./event.schema";

export class UnknownContactError extends NotFoundError {
  constructor(contact: ApiEvent["contact"]) {
    super();
    const who = contact.externalId ? `externalId "${contact.externalId}"` : `email ${contact.email}`;
    this.message = `No customer with ${who} exists in this organisation. Send "create": true to add them.`;
  }
}

async function byExternalId(tx: DbOrTx, orgId: string, externalId: string) {
  const [row] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.externalId, externalId)))
    .limit(1);
  return row?.id ?? null;
}

async function byEmail(tx: DbOrTx, orgId: string, email: string) {
  const [row] = await tx
    .select({ id: contacts.id, externalId: contacts.externalId })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), sql`lower(${contacts.email}) = ${email}`))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1);
  return row ?? null;
}

/**
 * The customer an API event is about, always within the key's organisation: by external id, then
 * by email (remembering the external id on that customer), else created when the caller asks.
 */
export async function resolveApiContact(
  tx: DbOrTx,
  orgId: string,
  contact: ApiEvent["contact"],
): Promise<{ contactId: string; created: boolean }> {
  // Two concurrent events about the same new person must not create them twice.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`contact:${orgId}:${contact.externalId ?? ""}:${contact.email ?? ""}`}))`,
  );
  if (contact.externalId) {
    const id = await byExternalId(tx, orgId, contact.externalId);
    if (id) return { contactId: id, created: false };
  }
  if (contact.email) {
    const found = await byEmail(tx, orgId, contact.email);
    if (found) {
      if (contact.externalId && !found.externalId) {
        await tx
          .update(contacts)
          .set({ externalId: contact.externalId, updatedAt: new Date() })
          .where(and(eq(contacts.id, found.id), eq(contacts.orgId, orgId), isNull(contacts.externalId)));
      }
      return { contactId: found.id, created: false };
    }
  }
  if (!contact.create) throw new UnknownContactError(contact);
  const firstName = contact.firstName || contact.email?.split("@")[0] || "Customer";
  const [row] = await tx
    .insert(contacts)
    .values({
      orgId,
      firstName,
      lastName: contact.lastName ?? "",
      email: contact.email ?? null,
      externalId: contact.externalId ?? null,
    })
    .returning({ id: contacts.id });
  await recordActivity(tx, { orgId, contactId: row!.id, type: "contact.created", data: { source: "api" } });
  await emitEvent(tx, "crm/contact.created", { orgId, contactId: row!.id, source: "api", actorId: null });
  return { contactId: row!.id, created: true };
}
