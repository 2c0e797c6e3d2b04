import "server-only";
import { and, asc, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { filterConditions } from "./list";
import { parseListFilters } from "./list.schema";

export type CustomerOption = { id: string; name: string; detail: string | null };

const pickerSchema = z.object({
  q: z.string().trim().max(100, "Keep the search under 100 characters"),
  excludeId: z.uuid().optional(),
});

/** A few customers matching what was typed (the list's indexed search), for pickers such as "Referred by". */
export async function searchCustomerOptions(ctx: Ctx, input: unknown, limit = 8): Promise<CustomerOption[]> {
  requirePermission(ctx.actor, "customers:read");
  const { q, excludeId } = pickerSchema.parse(input);
  if (q.length < 2) return [];
  const conds = filterConditions(ctx, parseListFilters({ q }));
  if (excludeId) conds.push(ne(contacts.id, excludeId));
  const rows = await ctx.db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      company: contacts.company,
    })
    .from(contacts)
    .where(and(...conds))
    .orderBy(asc(sql`lower(${contacts.lastName} || ' ' || ${contacts.firstName})`), asc(contacts.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`.trim(), detail: r.email ?? r.company }));
}
