import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import {
  contacts,
  discountCodes,
  emailTemplates,
  organizations,
  playbookRunLog,
  playbookRuns,
  playbookVersions,
  playbooks,
} from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import type { Graph } from "./graph.schema";
import { loadPlaybook } from "./playbooks";
import { localParts, zonedInstant } from "./zoned-time";

async function monthStart(ctx: Ctx, now: Date) {
  const [org] = await ctx.db
    .select({ zone: organizations.timeZone, currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const zone = org?.zone ?? "UTC";
  const p = localParts(now, zone);
  return { start: zonedInstant(zone, p.year, p.month, 1, 0, 0), currency: org?.currency ?? "USD" };
}

/** Every playbook with its numbers: active runs, runs this month (org's zone), conversions, recovered revenue. */
export async function listPlaybooks(ctx: Ctx, now = new Date()) {
  requirePermission(ctx.actor, "playbooks:read");
  const { start, currency } = await monthStart(ctx, now);
  const rows = await ctx.db
    .select({
      id: playbooks.id,
      key: playbooks.key,
      name: playbooks.name,
      description: playbooks.description,
      trigger: playbooks.trigger,
      status: playbooks.status,
      currentVersionId: playbooks.currentVersionId,
      activeRuns: sql<number>`count(${playbookRuns.id}) filter (where ${playbookRuns.status} = 'active')`.mapWith(
        Number,
      ),
      runsThisMonth:
        sql<number>`count(${playbookRuns.id}) filter (where ${playbookRuns.startedAt} >= ${start.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      conversions: sql<number>`count(${playbookRuns.convertedAt})`.mapWith(Number),
      recoveredMinor: sql<number>`coalesce(sum(${playbookRuns.conversionValueMinor}), 0)`.mapWith(Number),
    })
    .from(playbooks)
    .leftJoin(playbookRuns, and(eq(playbookRuns.playbookId, playbooks.id), eq(playbookRuns.orgId, ctx.orgId)))
    .where(eq(playbooks.orgId, ctx.orgId))
    .groupBy(playbooks.id)
    .orderBy(asc(playbooks.name));
  return { playbooks: rows, currency };
}

const PAGE = 50;

/** A playbook, its current and draft graphs, and a page of its runs (newest first, keyset on startedAt). */
export async function getPlaybookDetail(ctx: Ctx, playbookId: unknown, before?: string) {
  requirePermission(ctx.actor, "playbooks:read");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const versions = await ctx.db
    .select()
    .from(playbookVersions)
    .where(and(eq(playbookVersions.playbookId, pb.id), eq(playbookVersions.orgId, ctx.orgId)))
    .orderBy(desc(playbookVersions.number));
  const cursor = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : null;
  const runs = await ctx.db
    .select({
      id: playbookRuns.id,
      status: playbookRuns.status,
      startedAt: playbookRuns.startedAt,
      endedAt: playbookRuns.endedAt,
      endReason: playbookRuns.endReason,
      convertedAt: playbookRuns.convertedAt,
      valueMinor: playbookRuns.conversionValueMinor,
      versionId: playbookRuns.versionId,
      contactId: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
    })
    .from(playbookRuns)
    .innerJoin(contacts, eq(contacts.id, playbookRuns.contactId))
    .where(
      and(
        eq(playbookRuns.playbookId, pb.id),
        eq(playbookRuns.orgId, ctx.orgId),
        cursor ? sql`${playbookRuns.startedAt} < ${cursor.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(desc(playbookRuns.startedAt))
    .limit(PAGE + 1);
  const current = versions.find((v) => v.id === pb.currentVersionId) ?? null;
  const draft = versions.find((v) => !v.publishedAt) ?? null;
  return {
    playbook: pb,
    current: current ? { ...current, graph: current.graph as Graph } : null,
    draft: draft ? { ...draft, graph: draft.graph as Graph } : null,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      note: v.note,
      createdAt: v.createdAt,
      publishedAt: v.publishedAt,
      current: v.id === pb.currentVersionId,
    })),
    runs: runs.slice(0, PAGE),
    nextBefore: runs.length > PAGE ? runs[PAGE - 1]!.startedAt.toISOString() : null,
  };
}

/** One run with its timeline (every node's log lines), its version's graph and its discount codes. */
export async function getRunDetail(ctx: Ctx, runId: unknown) {
  requirePermission(ctx.actor, "playbooks:read");
  const id = z.uuid().safeParse(runId);
  if (!id.success) throw new NotFoundError("That run");
  const [run] = await ctx.db
    .select({
      run: playbookRuns,
      playbookName: playbooks.name,
      playbookId: playbooks.id,
      versionNumber: playbookVersions.number,
      graph: playbookVersions.graph,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      zone: contacts.timeZone,
    })
    .from(playbookRuns)
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .innerJoin(playbookVersions, eq(playbookVersions.id, playbookRuns.versionId))
    .innerJoin(contacts, eq(contacts.id, playbookRuns.contactId))
    .where(and(eq(playbookRuns.id, id.data), eq(playbookRuns.orgId, ctx.orgId)))
    .limit(1);
  if (!run) throw new NotFoundError("That run");
  const log = await ctx.db
    .select()
    .from(playbookRunLog)
    .where(and(eq(playbookRunLog.runId, run.run.id), eq(playbookRunLog.orgId, ctx.orgId)))
    .orderBy(asc(playbookRunLog.at), asc(playbookRunLog.key));
  const codes = await ctx.db
    .select()
    .from(discountCodes)
    .where(and(eq(discountCodes.runId, run.run.id), eq(discountCodes.orgId, ctx.orgId)));
  return { ...run, graph: run.graph as Graph, log, codes };
}

/** A customer's playbook runs for the profile: every active one (newest first), then the `endedLimit` that ended last. */
export async function contactPlaybookRuns(ctx: Ctx, contactId: unknown, endedLimit = 5) {
  requirePermission(ctx.actor, "playbooks:read");
  const id = z.uuid().safeParse(contactId);
  if (!id.success) throw new NotFoundError("That customer");
  const select = (active: boolean) =>
    ctx.db
      .select({
        id: playbookRuns.id,
        status: playbookRuns.status,
        startedAt: playbookRuns.startedAt,
        endedAt: playbookRuns.endedAt,
        endReason: playbookRuns.endReason,
        convertedAt: playbookRuns.convertedAt,
        playbookId: playbooks.id,
        playbookName: playbooks.name,
      })
      .from(playbookRuns)
      .innerJoin(playbooks, and(eq(playbooks.id, playbookRuns.playbookId), eq(playbooks.orgId, ctx.orgId)))
      .where(
        and(
          eq(playbookRuns.orgId, ctx.orgId),
          eq(playbookRuns.contactId, id.data),
          active ? eq(playbookRuns.status, "active") : ne(playbookRuns.status, "active"),
        ),
      )
      .orderBy(
        active ? desc(playbookRuns.startedAt) : sql`${playbookRuns.endedAt} desc nulls last`,
        desc(playbookRuns.id),
      );
  // One active run per customer and playbook: the active list is bounded by the playbooks.
  const [active, ended] = await Promise.all([select(true), select(false).limit(endedLimit)]);
  return [...active, ...ended];
}

/** Template id → name, for drawing send steps. */
export async function templateNames(ctx: Ctx): Promise<Map<string, string>> {
  const rows = await ctx.db
    .select({ id: emailTemplates.id, name: emailTemplates.name })
    .from(emailTemplates)
    .where(eq(emailTemplates.orgId, ctx.orgId));
  return new Map(rows.map((r) => [r.id, r.name]));
}
