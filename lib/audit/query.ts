import "server-only";
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { apiKeys, auditEvents, organizations, users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { SYSTEM_JOBS } from "../actors";
import { AUDIT_ACTIONS, type AuditAction, type AuditTargetType } from "./actions";
import { auditFiltersSchema, type AuditFilters } from "./filters";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEntryView = {
  id: string;
  createdAt: Date;
  actorKey: string;
  actorKind: string;
  /** The teammate's current name, or the label kept for a key or the system. */
  actorName: string;
  action: string;
  actionLabel: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  data: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
};

export type AuditPage = { entries: AuditEntryView[]; nextCursor: string | null };

/**
 * The cursor is the last row's exact (created_at, id): PostgreSQL keeps microseconds, which a JS
 * Date would drop, so the timestamp travels as text.
 */
type Cursor = { at: string; id: string };
function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at}|${c.id}`).toString("base64url");
}
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const [at, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { at, id };
}

/** The first instant of a calendar day in a time zone (DST-safe: a day can start at 01:00). */
export function startOfDayIn(day: string, timeZone: string): Date {
  const zdt = Temporal.PlainDate.from(day).toZonedDateTime({ timeZone });
  return new Date(zdt.epochMilliseconds);
}
function dayAfter(day: string): string {
  return Temporal.PlainDate.from(day).add({ days: 1 }).toString();
}

async function orgTimeZone(ctx: Ctx): Promise<string> {
  const [org] = await ctx.db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  return org?.timeZone ?? "UTC";
}

/** The WHERE of a page: the org first (every index starts with it), then the filters. */
function conditions(ctx: Ctx, f: AuditFilters, timeZone: string, cursor: Cursor | null): SQL {
  const c: SQL[] = [eq(auditEvents.orgId, ctx.orgId)];
  if (f.actor) c.push(eq(auditEvents.actorKey, f.actor));
  if (f.action) c.push(eq(auditEvents.action, f.action));
  if (f.targetType) c.push(eq(auditEvents.targetType, f.targetType));
  if (f.targetId) c.push(eq(auditEvents.targetId, f.targetId));
  if (f.from) c.push(gte(auditEvents.createdAt, startOfDayIn(f.from, timeZone)));
  if (f.to) c.push(lt(auditEvents.createdAt, startOfDayIn(dayAfter(f.to), timeZone)));
  // A row comparison, which PostgreSQL answers from the (org, …, created_at desc, id desc) indexes.
  if (cursor)
    c.push(sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return and(...c)!;
}

/**
 * Newest first, spelled as the indexes are built (drizzle writes `DESC NULLS LAST`): a plain
 * `DESC` means NULLS FIRST, which PostgreSQL would answer with a sort instead of an index walk.
 */
const NEWEST_FIRST = [sql`${auditEvents.createdAt} desc nulls last`, sql`${auditEvents.id} desc nulls last`];

const columns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  cursorAt: sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  actorKey: auditEvents.actorKey,
  actorKind: auditEvents.actorKind,
  actorLabel: auditEvents.actorLabel,
  userName: users.name,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  targetLabel: auditEvents.targetLabel,
  before: auditEvents.before,
  after: auditEvents.after,
  data: auditEvents.data,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
};

/** The statement behind a page (exported so the bench can EXPLAIN exactly what the page runs). */
export function auditPageQuery(ctx: Ctx, f: AuditFilters, timeZone: string, limit: number) {
  return ctx.db
    .select(columns)
    .from(auditEvents)
    .leftJoin(users, and(eq(users.id, auditEvents.actorId), eq(users.orgId, auditEvents.orgId)))
    .where(conditions(ctx, f, timeZone, decodeCursor(f.cursor)))
    .orderBy(...NEWEST_FIRST)
    .limit(limit + 1);
}

/**
 * One page of the organisation's audit log, newest first, keyset-paged on (created_at, id).
 * Owners only; the organisation is in the same statement, so another organisation's rows never
 * come back whatever the filters say.
 */
export async function listAuditEntries(ctx: Ctx, input: unknown, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  requirePermission(ctx.actor, "audit:read");
  const f = auditFiltersSchema.parse(input ?? {});
  const timeZone = f.from || f.to ? await orgTimeZone(ctx) : "UTC";
  const rows = await auditPageQuery(ctx, f, timeZone, limit);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    entries: page.map(({ cursorAt: _c, userName, actorLabel, ...r }) => ({
      ...r,
      actorName: userName ?? (actorLabel || r.actorKey),
      actionLabel: AUDIT_ACTIONS[r.action as AuditAction]?.label ?? r.action,
      data: r.data ?? {},
    })),
    nextCursor: more && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

/** A record's own entries (the History card on a customer, lead, segment or playbook). */
export async function recordHistory(
  ctx: Ctx,
  targetType: AuditTargetType,
  targetId: string,
  limit = 20,
): Promise<AuditEntryView[]> {
  return (await listAuditEntries(ctx, { targetType, targetId }, limit)).entries;
}

/** Every entry matching the filters, page by page (the CSV export): never the whole log in memory. */
export async function* allAuditEntries(ctx: Ctx, input: unknown): AsyncGenerator<AuditEntryView[]> {
  const base = auditFiltersSchema.parse(input ?? {});
  let cursor: string | undefined;
  for (;;) {
    const page = await listAuditEntries(ctx, { ...base, cursor }, 1000);
    yield page.entries;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export type ActorOption = { key: string; label: string };

/** Who the actor filter offers: the organisation's teammates and keys, then the system's jobs. */
export async function auditActorOptions(ctx: Ctx): Promise<ActorOption[]> {
  requirePermission(ctx.actor, "audit:read");
  const [people, keys] = await Promise.all([
    ctx.db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(users.orgId, ctx.orgId))
      .orderBy(users.name),
    ctx.db
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(eq(apiKeys.orgId, ctx.orgId))
      .orderBy(apiKeys.name),
  ]);
  return [
    ...people.map((p) => ({ key: `user:${p.id}`, label: `${p.name} (${p.email})` })),
    ...keys.map((k) => ({ key: `api_key:${k.id}`, label: `API key ${k.name}` })),
    ...Object.entries(SYSTEM_JOBS).map(([job, label]) => ({ key: `system:${job}`, label: `Tend: ${label}` })),
  ];
}
