import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { contactTags, contacts, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ListFilters } from "./list.schema";
import { userIdOf } from "../actors";

const DAY = 86_400_000;

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export function likePattern(q: string) {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Everything but the cursor: shared by the list and the export. */
export function filterConditions(ctx: Ctx, f: ListFilters, now = new Date()): SQL[] {
  const conds: SQL[] = [eq(contacts.orgId, ctx.orgId)];
  if (f.q) {
    const digits = f.q.replace(/[^0-9]/g, "");
    // A phone typed with other spacing still matches on its digits.
    conds.push(
      digits.length >= 4 && digits.length < f.q.length
        ? or(
            sql`${contacts.searchText} like ${likePattern(f.q)}`,
            sql`${contacts.searchText} like ${likePattern(digits)}`,
          )!
        : sql`${contacts.searchText} like ${likePattern(f.q)}`,
    );
  }
  if (f.stage.length) conds.push(inArray(contacts.lifecycleStage, f.stage));
  if (f.owner === "none") conds.push(isNull(contacts.ownerId));
  else if (f.owner === "me") {
    const me = userIdOf(ctx.actor);
    conds.push(me ? eq(contacts.ownerId, me) : sql`false`);
  } else if (f.owner) conds.push(eq(contacts.ownerId, f.owner));
  if (f.tags.length) {
    conds.push(
      sql`exists (select 1 from ${contactTags} where ${contactTags.contactId} = ${contacts.id} and ${contactTags.orgId} = ${ctx.orgId} and ${inArray(contactTags.tagId, f.tags)})`,
    );
  }
  if (f.seen === "never") conds.push(isNull(contacts.lastSeenAt));
  else if (f.seen === "over_90d") conds.push(lt(contacts.lastSeenAt, new Date(now.getTime() - 90 * DAY)));
  else if (f.seen)
    conds.push(gte(contacts.lastSeenAt, new Date(now.getTime() - Number(f.seen.replace("d", "")) * DAY)));
  return conds;
}

/** Each sort is a key expression plus id, compared as a row so the cursor is exact. */
const SORT_KEYS = {
  name: { key: sql`lower(${contacts.lastName} || ' ' || ${contacts.firstName})`, dir: "asc", cast: "text" },
  recent: { key: sql`${contacts.createdAt}`, dir: "desc", cast: "timestamptz" },
  last_seen: {
    key: sql`coalesce(${contacts.lastSeenAt}, '1900-01-01T00:00:00Z'::timestamptz)`,
    dir: "desc",
    cast: "timestamptz",
  },
  spent: { key: sql`${contacts.totalSpentMinor}`, dir: "desc", cast: "bigint" },
} as const;

export type ContactListRow = Awaited<ReturnType<typeof listContacts>>["rows"][number];

export async function listContacts(ctx: Ctx, f: ListFilters, options: { limit?: number; now?: Date } = {}) {
  requirePermission(ctx.actor, "customers:read");
  const limit = Math.min(options.limit ?? 50, 200);
  const sort = SORT_KEYS[f.sort];
  const conds = filterConditions(ctx, f, options.now);
  const cursor = decodeCursor(f.cursor);
  if (cursor && cursor.v !== undefined) {
    const value = cursor.v === null ? null : String(cursor.v);
    if (sort.cast !== "text" && value !== null && !/^[0-9 :.+TZ-]+$/.test(value)) return { rows: [], nextCursor: null };
    const op = sql.raw(sort.dir === "asc" ? ">" : "<");
    conds.push(sql`(${sort.key}, ${contacts.id}) ${op} (${value}::${sql.raw(sort.cast)}, ${cursor.id}::uuid)`);
  }
  const order = sort.dir === "asc" ? [asc(sort.key), asc(contacts.id)] : [desc(sort.key), desc(contacts.id)];
  const rows = await ctx.db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      company: contacts.company,
      lifecycleStage: contacts.lifecycleStage,
      ownerId: contacts.ownerId,
      ownerName: users.name,
      lastSeenAt: contacts.lastSeenAt,
      totalSpentMinor: contacts.totalSpentMinor,
      // As text so both drivers hand back the same cursor value.
      sortValue: sql<string>`(${sort.key})::text`,
    })
    .from(contacts)
    .leftJoin(users, eq(users.id, contacts.ownerId))
    .where(and(...conds))
    .orderBy(...order)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const v = last?.sortValue;
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ v: v ?? null, id: last.id }) : null,
  };
}
