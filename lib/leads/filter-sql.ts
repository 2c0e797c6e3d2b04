import { and, eq, gte, ilike, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { contactTags, leads } from "@/db/schema";
import type { LeadFilters } from "./filters";

/** The filters as conditions on the (unaliased) leads table, always with the org. */
export function leadConditions(orgId: string, actorId: string | null, f: LeadFilters): SQL {
  const parts: (SQL | undefined)[] = [eq(leads.orgId, orgId)];
  if (f.owner === "me") parts.push(actorId ? eq(leads.ownerId, actorId) : sql`false`);
  else if (f.owner === "unassigned") parts.push(isNull(leads.ownerId));
  else if (f.owner) parts.push(eq(leads.ownerId, f.owner));
  if (f.scoreMin !== undefined) parts.push(gte(leads.score, f.scoreMin));
  if (f.scoreMax !== undefined) parts.push(lte(leads.score, f.scoreMax));
  if (f.valueMin !== undefined) parts.push(gte(leads.value, Math.round(f.valueMin * 100)));
  if (f.valueMax !== undefined) parts.push(lte(leads.value, Math.round(f.valueMax * 100)));
  if (f.source) parts.push(eq(leads.source, f.source));
  if (f.tag) {
    parts.push(
      sql`exists (select 1 from ${contactTags} where ${contactTags.orgId} = ${orgId} and ${contactTags.contactId} = ${leads.contactId} and ${contactTags.tagId} = ${f.tag})`,
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(leads.title, like), ilike(leads.company, like)));
  }
  return and(...parts)!;
}
