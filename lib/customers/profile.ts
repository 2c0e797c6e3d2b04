import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { contacts } from "@/db/schema";
import type { Ctx } from "../context";
import { getContact } from "./contacts";
import { contactTagList } from "./tags";
import { engagementScore } from "./lifecycle-rules";

/** Everything the profile header and metrics need, in one call. */
export async function contactProfile(ctx: Ctx, contactId: unknown, now = new Date()) {
  const contact = await getContact(ctx, contactId);
  const [tags, referred, referrer] = await Promise.all([
    contactTagList(ctx, [contact.id]),
    ctx.db
      .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
      .from(contacts)
      .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.referredById, contact.id)))
      .orderBy(asc(contacts.lastName))
      .limit(50),
    contact.referredById
      ? ctx.db
          .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
          .from(contacts)
          .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.id, contact.referredById)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  return { contact, tags, referred, referrer, engagement: engagementScore(contact, now) };
}
