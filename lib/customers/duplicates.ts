import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { activities, contactTags, contacts, followUps, interactions, leads, notes } from "@/db/schema";
import type { Ctx } from "../context";
import { ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { recordActivity } from "../activity/record";
import { loadContact, type ContactRow } from "./load";
import { similarNamePairs, similarNamesTo } from "./similar-names";
import { actedBy } from "../actors";
import { recordAudit } from "../audit/record";

export type DuplicatePair = {
  reason: "email" | "phone" | "name" | "similar_name";
  score?: number;
  a: { id: string; name: string; email: string | null; phone: string | null };
  b: { id: string; name: string; email: string | null; phone: string | null };
};

/**
 * Likely duplicates: the same email (any case), the same phone digits, the same name once case,
 * spacing and punctuation are ignored (each a grouped query), or a similar name (trigram
 * similarity, checked for the newest customers; see similar-names.ts).
 */
export async function findDuplicates(ctx: Ctx, limit = 50): Promise<DuplicatePair[]> {
  requirePermission(ctx.actor, "customers:merge");
  const keys = {
    email: sql`lower(${contacts.email})`,
    phone: sql`nullif(regexp_replace(coalesce(${contacts.phone}, ''), '[^0-9]', '', 'g'), '')`,
    name: sql`regexp_replace(lower(${contacts.firstName} || ${contacts.lastName}), '[^[:alnum:]]', '', 'g')`,
  } as const;
  const pairs: DuplicatePair[] = [];
  const seen = new Set<string>();
  const view = (c: ContactRow) => ({
    id: c.id,
    name: `${c.firstName} ${c.lastName}`.trim(),
    email: c.email,
    phone: c.phone,
  });
  const addPair = async (reason: DuplicatePair["reason"], x: string, y: string, score?: number) => {
    const k = [x, y].sort().join();
    if (seen.has(k)) return;
    seen.add(k);
    const rows = await ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, ctx.orgId), sql`${contacts.id} in (${x}, ${y})`));
    const a = rows.find((r) => r.id === x);
    const b = rows.find((r) => r.id === y);
    if (a && b) pairs.push({ reason, ...(score === undefined ? {} : { score }), a: view(a), b: view(b) });
  };
  for (const reason of ["email", "phone", "name"] as const) {
    const key = keys[reason];
    const groups = await ctx.db
      .select({ ids: sql<string[]>`(array_agg(${contacts.id} order by ${contacts.createdAt}))[1:2]` })
      .from(contacts)
      .where(
        and(
          eq(contacts.orgId, ctx.orgId),
          sql`${key} is not null`,
          reason === "phone" ? sql`length(${key}) >= 6` : undefined,
        ),
      )
      .groupBy(key)
      .having(sql`count(*) > 1`)
      .limit(limit);
    for (const { ids } of groups) {
      const [x, y] = ids as [string, string];
      await addPair(reason, x, y);
    }
  }
  if (pairs.length < limit) {
    for (const { a, b, score } of await similarNamePairs(ctx.db, ctx.orgId)) {
      if (pairs.length >= limit) break;
      await addPair("similar_name", b, a, score);
    }
  }
  return pairs.slice(0, limit);
}

const mergeSchema = z.object({ keepId: z.uuid(), mergeId: z.uuid() });

/** Folds one profile into another: history, notes, tasks, tags and metrics move; the other is deleted. */
export async function mergeContacts(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "customers:merge");
  const { keepId, mergeId } = mergeSchema.parse(input);
  if (keepId === mergeId) throw new ValidationError({ mergeId: "Choose two different customers" });
  await ctx.db.transaction(async (tx) => {
    const keep = await loadContact(tx, ctx.orgId, keepId, true);
    const gone = await loadContact(tx, ctx.orgId, mergeId, true);
    const move = { contactId: keep.id };
    await tx
      .update(interactions)
      .set(move)
      .where(and(eq(interactions.orgId, ctx.orgId), eq(interactions.contactId, gone.id)));
    await tx
      .update(notes)
      .set(move)
      .where(and(eq(notes.orgId, ctx.orgId), eq(notes.contactId, gone.id)));
    await tx
      .update(followUps)
      .set(move)
      .where(and(eq(followUps.orgId, ctx.orgId), eq(followUps.contactId, gone.id)));
    await tx
      .update(activities)
      .set(move)
      .where(and(eq(activities.orgId, ctx.orgId), eq(activities.contactId, gone.id)));
    // Leads would otherwise lose their customer (set null) when the merged profile is deleted.
    await tx
      .update(leads)
      .set(move)
      .where(and(eq(leads.orgId, ctx.orgId), eq(leads.contactId, gone.id)));
    await tx.execute(
      sql`insert into ${contactTags} (org_id, contact_id, tag_id) select org_id, ${keep.id}, tag_id from ${contactTags} where org_id = ${ctx.orgId} and contact_id = ${gone.id} on conflict do nothing`,
    );
    await tx
      .update(contacts)
      .set({ referredById: keep.id })
      .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.referredById, gone.id)));
    const fill = <K extends keyof ContactRow>(k: K) => (keep[k] ?? gone[k]) as ContactRow[K];
    const min = (x: Date | null, y: Date | null) => (x && y ? (x < y ? x : y) : (x ?? y));
    const max = (x: Date | null, y: Date | null) => (x && y ? (x > y ? x : y) : (x ?? y));
    const merged = {
      email: fill("email"),
      phone: fill("phone"),
      company: fill("company"),
      jobTitle: fill("jobTitle"),
      timeZone: fill("timeZone"),
      ownerId: fill("ownerId"),
      addressLine1: fill("addressLine1"),
      addressLine2: fill("addressLine2"),
      city: fill("city"),
      region: fill("region"),
      postalCode: fill("postalCode"),
      country: fill("country"),
      preferredLanguage: fill("preferredLanguage"),
      preferredContactMethod: fill("preferredContactMethod"),
      birthday: fill("birthday"),
      referralSource: fill("referralSource"),
      referredById: keep.referredById ?? (gone.referredById === keep.id ? null : gone.referredById),
      totalVisits: keep.totalVisits + gone.totalVisits,
      totalSpentMinor: keep.totalSpentMinor + gone.totalSpentMinor,
      firstVisitAt: min(keep.firstVisitAt, gone.firstVisitAt),
      lastVisitAt: max(keep.lastVisitAt, gone.lastVisitAt),
      lastSeenAt: max(keep.lastSeenAt, gone.lastSeenAt),
    };
    await tx
      .update(contacts)
      .set({ ...merged, updatedAt: new Date() })
      .where(and(eq(contacts.id, keep.id), eq(contacts.orgId, ctx.orgId)));
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: keep.id,
      type: "contact.merged",
      ...actedBy(ctx.actor),
      data: { mergedId: gone.id, mergedName: `${gone.firstName} ${gone.lastName}`.trim(), mergedEmail: gone.email },
    });
    await tx.delete(contacts).where(and(eq(contacts.id, gone.id), eq(contacts.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "customer.merged",
      target: { id: keep.id, label: `${keep.firstName} ${keep.lastName}`.trim() },
      data: { mergedId: gone.id, mergedName: `${gone.firstName} ${gone.lastName}`.trim(), mergedEmail: gone.email },
    });
  });
}

/** For one profile: customers with a similar name (one trigram-index probe), for owners to review and merge. */
export async function possibleDuplicatesOf(
  ctx: Ctx,
  contactId: string,
): Promise<{ id: string; name: string; score: number }[]> {
  requirePermission(ctx.actor, "customers:merge");
  const similar = await similarNamesTo(ctx.db, ctx.orgId, contactId);
  if (similar.length === 0) return [];
  const rows = await ctx.db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, ctx.orgId),
        inArray(
          contacts.id,
          similar.map((s) => s.id),
        ),
      ),
    );
  const names = new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`.trim()]));
  return similar.flatMap((s) => (names.has(s.id) ? [{ id: s.id, name: names.get(s.id)!, score: s.score }] : []));
}
