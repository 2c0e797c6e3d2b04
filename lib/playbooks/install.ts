import { and, eq } from "drizzle-orm";
import { emailTemplates, playbooks, playbookVersions } from "@/db/schema";
import type { Ctx } from "../context";
import { createTemplate } from "../email/templates";
import { ensureEmailDefaults } from "../email/topics";
import { linearGraph, type GraphNode } from "./graph.schema";
import { DEFAULT_PLAYBOOKS, type DefaultPlaybook } from "./defaults";
import { userIdOf } from "../actors";

// Payment rescue and milestones may recur any time (one active run at a time still holds); a trial ends once.
const REENTRY: Record<string, { reentry: "never" | "after_days" | "always"; reentryDays: number | null }> = {
  payment_failed_rescue: { reentry: "always", reentryDays: null },
  milestone_congrats: { reentry: "always", reentryDays: null },
  trial_ending: { reentry: "never", reentryDays: null },
};
export const builtInReentry = (key: string) => REENTRY[key] ?? { reentry: "after_days" as const, reentryDays: 30 };

async function templateId(
  ctx: Ctx,
  t: {
    key: string;
    name: string;
    subject: string;
    body: string;
    category: "marketing" | "transactional";
    topicKey: string | null;
  },
) {
  const [existing] = await ctx.db
    .select({ id: emailTemplates.id })
    .from(emailTemplates)
    .where(and(eq(emailTemplates.orgId, ctx.orgId), eq(emailTemplates.key, t.key)))
    .limit(1);
  return existing?.id ?? (await createTemplate(ctx, t)).id;
}

/** A built-in playbook's steps as a graph, its email templates made for the organisation when missing. */
export async function builtInGraph(ctx: Ctx, d: DefaultPlaybook) {
  const nodes: Omit<GraphNode, "position">[] = [];
  for (const s of d.steps) {
    if ("template" in s)
      nodes.push({
        id: s.id,
        type: "send_email",
        config: {
          templateId: await templateId(ctx, s.template),
          category: s.template.category,
          topicKey: s.template.topicKey,
          onQuietHours: "defer",
        },
      });
    else nodes.push(s as Omit<GraphNode, "position">);
  }
  return linearGraph(nodes);
}

/**
 * Installs the six built-in playbooks (with their email templates) for an organisation, each
 * with version 1 published. Idempotent: a playbook key already present is left as it is.
 * `ctx.db` may be a transaction (sign-up) or the database.
 */
export async function installDefaultPlaybooks(ctx: Ctx, status: "active" | "paused" = "paused", now = new Date()) {
  await ensureEmailDefaults(ctx.db, ctx.orgId);
  const installed: string[] = [];
  for (const d of DEFAULT_PLAYBOOKS) {
    const [present] = await ctx.db
      .select({ id: playbooks.id })
      .from(playbooks)
      .where(and(eq(playbooks.orgId, ctx.orgId), eq(playbooks.key, d.key)))
      .limit(1);
    if (present) continue;
    const graph = await builtInGraph(ctx, d);
    const [pb] = await ctx.db
      .insert(playbooks)
      .values({
        orgId: ctx.orgId,
        key: d.key,
        name: d.name,
        description: d.description,
        trigger: d.trigger,
        marketing: d.marketing,
        status,
        ...builtInReentry(d.key),
        exitEvents: d.exitEvents,
      })
      .returning({ id: playbooks.id });
    const [v] = await ctx.db
      .insert(playbookVersions)
      .values({
        orgId: ctx.orgId,
        playbookId: pb!.id,
        number: 1,
        graph,
        note: "Built-in",
        createdById: userIdOf(ctx.actor),
        publishedAt: now,
      })
      .returning({ id: playbookVersions.id });
    await ctx.db.update(playbooks).set({ currentVersionId: v!.id }).where(eq(playbooks.id, pb!.id));
    installed.push(d.key);
  }
  return installed;
}
