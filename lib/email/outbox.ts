import "server-only";
import { and, asc, desc, eq, ilike, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, emailEvents, emailMessages, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { NotFoundError } from "../errors";
import { decodeCursor, encodeCursor } from "../customers/cursor";
import type { OutboxFilters } from "./outbox.schema";

const PAGE = 50;

/** Newest first, 50 a page, keyset-paginated on (createdAt, id). */
export async function listMessages(ctx: Ctx, filters: OutboxFilters) {
  requirePermission(ctx.actor, "email:read");
  const after = decodeCursor(filters.cursor);
  const rows = await ctx.db
    .select({
      id: emailMessages.id,
      toEmail: emailMessages.toEmail,
      subject: emailMessages.subject,
      status: emailMessages.status,
      category: emailMessages.category,
      topicKey: emailMessages.topicKey,
      sourceType: emailMessages.sourceType,
      suppressionReason: emailMessages.suppressionReason,
      createdAt: emailMessages.createdAt,
      contactId: emailMessages.contactId,
      contactName: sql<string | null>`nullif(trim(${contacts.firstName} || ' ' || ${contacts.lastName}), '')`,
    })
    .from(emailMessages)
    .leftJoin(contacts, and(eq(contacts.id, emailMessages.contactId), eq(contacts.orgId, emailMessages.orgId)))
    .where(
      and(
        eq(emailMessages.orgId, ctx.orgId),
        filters.status ? eq(emailMessages.status, filters.status) : undefined,
        filters.source ? eq(emailMessages.sourceType, filters.source) : undefined,
        filters.contact ? eq(emailMessages.contactId, filters.contact) : undefined,
        filters.q ? ilike(emailMessages.toEmail, `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        after?.at
          ? sql`(${emailMessages.createdAt}, ${emailMessages.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    messages: page,
    nextCursor: rows.length > PAGE && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** One message with its event history; another org's message reads as not found. */
export async function getMessage(ctx: Ctx, messageId: unknown) {
  requirePermission(ctx.actor, "email:read");
  const id = z.uuid().safeParse(messageId);
  if (!id.success) throw new NotFoundError("That email");
  const [row] = await ctx.db
    .select({
      message: emailMessages,
      contactName: sql<string | null>`nullif(trim(${contacts.firstName} || ' ' || ${contacts.lastName}), '')`,
      userName: users.name,
    })
    .from(emailMessages)
    .leftJoin(contacts, and(eq(contacts.id, emailMessages.contactId), eq(contacts.orgId, emailMessages.orgId)))
    .leftJoin(users, and(eq(users.id, emailMessages.userId), eq(users.orgId, emailMessages.orgId)))
    .where(and(eq(emailMessages.id, id.data), eq(emailMessages.orgId, ctx.orgId)))
    .limit(1);
  if (!row) throw new NotFoundError("That email");
  const events = await ctx.db
    .select({ id: emailEvents.id, type: emailEvents.type, data: emailEvents.data, occurredAt: emailEvents.occurredAt })
    .from(emailEvents)
    .where(and(eq(emailEvents.messageId, row.message.id), eq(emailEvents.orgId, ctx.orgId)))
    .orderBy(asc(emailEvents.occurredAt), asc(emailEvents.id));
  return { ...row, events };
}
