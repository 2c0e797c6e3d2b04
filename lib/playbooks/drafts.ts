import "server-only";
import { and, asc, eq, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import { validateCriteria } from "@/lib/segments/validate";
import { fieldCatalog } from "@/lib/segments/registry";
import { emailTemplates, emailTopics, playbookVersions, users } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "../context";
import { ConflictError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { userIdOf } from "../actors";
import type { Graph } from "./graph.schema";
import { loadPlaybook, createPlaybook } from "./playbooks";
import { publishDraft } from "./versions";
import { recordAudit } from "../audit/record";
import { playbookSettingsSchema } from "./playbook.schema";
import { draftGraphSchema, starterGraph, validateDraft, type DraftGraph } from "./editor/graph-ops";

/**
 * The visual editor's server verbs. A draft is saved as the owner edits (it may be incomplete:
 * checked for shape only); each save names the revision it started from, and a save against an
 * older revision is refused — two tabs or two owners never silently overwrite each other.
 * Publishing validates fully and goes through the immutable-version path (versions.ts).
 */

async function draftRow(tx: DbOrTx, orgId: string, playbookId: string) {
  const [d] = await tx
    .select({
      id: playbookVersions.id,
      number: playbookVersions.number,
      graph: playbookVersions.graph,
      revision: playbookVersions.revision,
      updatedAt: playbookVersions.updatedAt,
      author: users.name,
    })
    .from(playbookVersions)
    .leftJoin(users, eq(users.id, playbookVersions.createdById))
    .where(
      and(
        eq(playbookVersions.playbookId, playbookId),
        eq(playbookVersions.orgId, orgId),
        isNull(playbookVersions.publishedAt),
      ),
    )
    .limit(1);
  return d;
}

export type EditorTemplate = {
  id: string;
  name: string;
  category: string;
  topicKey: string | null;
  usesDiscount: boolean;
};

/** The organisation's templates as the editor and the publishing rules know them. */
async function editorTemplates(db: DbOrTx, orgId: string): Promise<EditorTemplate[]> {
  const rows = await db
    .select({
      id: emailTemplates.id,
      name: emailTemplates.name,
      category: emailTemplates.category,
      topicKey: emailTemplates.topicKey,
      subject: emailTemplates.subject,
      body: emailTemplates.body,
    })
    .from(emailTemplates)
    .where(eq(emailTemplates.orgId, orgId))
    .orderBy(asc(emailTemplates.name));
  return rows.map(({ subject, body, ...t }) => ({ ...t, usesDiscount: /\{\{\s*discount\./.test(subject + body) }));
}

/** What the editor opens with: the draft (or the live graph to start one from), the org's templates and topics. */
export async function getEditorState(ctx: Ctx, playbookId: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const draft = await draftRow(ctx.db, ctx.orgId, pb.id);
  let graph = draft?.graph as DraftGraph | undefined;
  let liveNumber: number | null = null;
  if (pb.currentVersionId) {
    const [live] = await ctx.db
      .select({ graph: playbookVersions.graph, number: playbookVersions.number })
      .from(playbookVersions)
      .where(and(eq(playbookVersions.id, pb.currentVersionId), eq(playbookVersions.orgId, ctx.orgId)));
    liveNumber = live?.number ?? null;
    graph ??= live?.graph as DraftGraph | undefined;
  }
  const templates = await editorTemplates(ctx.db, ctx.orgId);
  const topics = await ctx.db
    .select({ key: emailTopics.key, name: emailTopics.name })
    .from(emailTopics)
    .where(eq(emailTopics.orgId, ctx.orgId))
    .orderBy(asc(emailTopics.name));
  return {
    playbook: { id: pb.id, name: pb.name, trigger: pb.trigger, status: pb.status, liveNumber },
    graph: graph ?? starterGraph(),
    revision: draft?.revision ?? 0,
    draft: draft
      ? { number: draft.number, updatedAt: draft.updatedAt.toISOString(), author: draft.author ?? null }
      : null,
    templates,
    topics,
    // The segment builder's fields, for branches on segment conditions.
    fields: await fieldCatalog(ctx),
  };
}
export type EditorState = Awaited<ReturnType<typeof getEditorState>>;

const saveSchema = z.object({
  graph: draftGraphSchema,
  baseRevision: z.number().int().min(0),
});

function staleMessage(d: { author: string | null; revision: number }) {
  return `This draft was changed meanwhile${d.author ? ` by ${d.author}` : ""} (revision ${d.revision}). Load the latest draft, keep yours as a copy, or save yours over it.`;
}

/** Saves the draft if it is still at `baseRevision` (0: no draft yet); returns the new revision. */
export async function saveEditorDraft(ctx: Ctx, playbookId: unknown, input: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const { graph, baseRevision } = saveSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    // The playbook row lock serialises saves of one playbook: two saves from one revision, one wins.
    const pb = await loadPlaybook(tx, ctx.orgId, playbookId, true);
    const draft = await draftRow(tx, ctx.orgId, pb.id);
    const current = draft?.revision ?? 0;
    if (current !== baseRevision)
      throw new ConflictError(staleMessage({ author: draft?.author ?? null, revision: current }));
    const now = new Date();
    if (draft) {
      await tx
        .update(playbookVersions)
        .set({
          graph: graph as Graph,
          createdById: userIdOf(ctx.actor),
          revision: sql`${playbookVersions.revision} + 1`,
          updatedAt: now,
        })
        .where(and(eq(playbookVersions.id, draft.id), eq(playbookVersions.orgId, ctx.orgId)));
      return { revision: current + 1, savedAt: now.toISOString() };
    }
    const [n] = await tx
      .select({ n: max(playbookVersions.number) })
      .from(playbookVersions)
      .where(and(eq(playbookVersions.playbookId, pb.id), eq(playbookVersions.orgId, ctx.orgId)));
    const [v] = await tx
      .insert(playbookVersions)
      .values({
        orgId: ctx.orgId,
        playbookId: pb.id,
        number: (n?.n ?? 0) + 1,
        graph: graph as Graph,
        createdById: userIdOf(ctx.actor),
        revision: 1,
        updatedAt: now,
      })
      .returning({ number: playbookVersions.number });
    await recordAudit(tx, ctx, {
      action: "playbook.draft_created",
      target: { id: pb.id, label: pb.name },
      data: { number: v!.number },
    });
    return { revision: 1, savedAt: now.toISOString() };
  });
}

/**
 * Publishes the draft the editor shows: refused if it is stale, or with every problem keyed by
 * node (`node:<id>` → message) so the editor can mark each node. Then the usual immutable publish.
 */
export async function publishEditorDraft(ctx: Ctx, playbookId: unknown, input: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const { baseRevision } = z.object({ baseRevision: z.number().int().min(1, "Save the draft first") }).parse(input);
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  const draft = await draftRow(ctx.db, ctx.orgId, pb.id);
  if (!draft) throw new ConflictError("There is no draft to publish.");
  if (draft.revision !== baseRevision) throw new ConflictError(staleMessage(draft));
  const problems = validateDraft(draftGraphSchema.parse(draft.graph), {
    templates: await editorTemplates(ctx.db, ctx.orgId),
  });
  const fields: Record<string, string> = {};
  for (const [nodeId, list] of Object.entries(problems))
    fields[nodeId ? `node:${nodeId}` : "graph"] = list.map((p) => p.message).join("; ");
  // A branch on segment conditions: each condition checked against the field registry, as a segment's are.
  for (const [nodeId, message] of Object.entries(criteriaProblems(draft.graph as DraftGraph)))
    fields[`node:${nodeId}`] = fields[`node:${nodeId}`] ? `${fields[`node:${nodeId}`]}; ${message}` : message;
  if (Object.keys(fields).length) throw new ValidationError(fields, "Fix the marked steps before publishing.");
  return publishDraft(ctx, pb.id);
}

const newPlaybookSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "At most 120 characters"),
  trigger: playbookSettingsSchema.in.shape.trigger,
  triggerSegmentId: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.uuid("Choose a segment from the list").nullable(),
  ),
});
export type NewPlaybookInput = z.input<typeof newPlaybookSchema>;

/** A new playbook from scratch: its trigger first, one starter step in a draft, not active. */
export async function createBlankPlaybook(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "playbooks:manage");
  const { name, trigger, triggerSegmentId } = newPlaybookSchema.parse(input);
  const pb = await createPlaybook(ctx, { name, trigger, triggerSegmentId }, starterGraph());
  return { id: pb.id };
}

/** Branch conditions written with the segment builder that the field registry refuses, by node id. */
function criteriaProblems(graph: DraftGraph): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of graph.nodes) {
    const condition = (n.config as { condition?: { kind?: string; criteria?: unknown } } | undefined)?.condition;
    if (n.type !== "branch" || condition?.kind !== "criteria") continue;
    try {
      validateCriteria(condition.criteria);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      out[n.id] = Object.values(e.fieldErrors).join("; ");
    }
  }
  return out;
}
