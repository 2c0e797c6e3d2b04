import "server-only";
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { contacts, organizations, tags, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";

export type Person = { id: string; name: string };

/** Who can own a lead: active reps and owners of this organisation. */
export async function listLeadOwners(ctx: Ctx): Promise<Person[]> {
  requirePermission(ctx.actor, "leads:read");
  return ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, ctx.orgId), eq(users.active, true), inArray(users.role, ["owner", "rep"])))
    .orderBy(asc(users.name));
}

export async function listTagsForFilter(ctx: Ctx): Promise<Person[]> {
  requirePermission(ctx.actor, "leads:read");
  return ctx.db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(eq(tags.orgId, ctx.orgId))
    .orderBy(asc(tags.name));
}

export async function orgCurrency(ctx: Ctx): Promise<string> {
  const [row] = await ctx.db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
    .limit(1);
  return row?.currency ?? "USD";
}

export type ContactOption = { id: string; name: string; company: string | null };

/** Contacts to link a lead to: by name, email or company, this organisation only. */
export async function searchContactsForLead(ctx: Ctx, q: string, includeId?: string): Promise<ContactOption[]> {
  requirePermission(ctx.actor, "leads:read");
  const term = `%${q
    .trim()
    .slice(0, 100)
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = q.trim()
    ? or(
        ilike(sql`${contacts.firstName} || ' ' || ${contacts.lastName}`, term),
        ilike(contacts.email, term),
        ilike(contacts.company, term),
      )
    : undefined;
  const rows = await ctx.db
    .select({ id: contacts.id, first: contacts.firstName, last: contacts.lastName, company: contacts.company })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.orgId), includeId ? or(match, eq(contacts.id, includeId)) : match))
    .orderBy(asc(contacts.firstName), asc(contacts.lastName))
    .limit(10);
  return rows.map((r) => ({ id: r.id, name: `${r.first} ${r.last}`.trim(), company: r.company }));
}
