import { and, count, desc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { leads, pipelines } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../auth/permissions";
import { recordAudit } from "../audit/record";
import { ValidationError } from "../errors";
import { OTHER_LOST_REASON } from "./constants";
import { loadPipeline } from "./pipeline";

export const lostReasonsSchema = z.object({
  reasons: z
    .array(
      z
        .string()
        .trim()
        .min(1, "Reasons: a reason cannot be empty")
        .max(80, "Reasons: keep each under 80 characters")
        .refine((r) => r.toLowerCase() !== OTHER_LOST_REASON.toLowerCase(), {
          message: "Reasons: “Other” is always offered; leave it out of the list",
        }),
    )
    .min(1, "Reasons: keep at least one reason")
    .max(30, "Reasons: at most 30")
    .refine((list) => new Set(list.map((r) => r.toLowerCase())).size === list.length, {
      message: "Reasons: each reason only once",
    }),
});

/**
 * A lost reason must be one of the organisation's list or "Other" with a note, so reasons stay
 * countable. A lead that keeps the free-text reason it had before the list existed may keep it.
 */
export function assertLostReason(
  reasons: string[],
  reason: string | null | undefined,
  note: string | null | undefined,
  previous?: string | null,
) {
  if (!reason || reason === previous) return;
  if (reason === OTHER_LOST_REASON) {
    if (!note?.trim()) throw new ValidationError({ lostNote: "Note: say what happened when the reason is Other" });
    return;
  }
  if (!reasons.includes(reason)) {
    throw new ValidationError({ lostReason: "Lost reason: choose one from the list (or Other, with a note)" });
  }
}

export async function lostReasonsOf(db: DbOrTx, orgId: string): Promise<string[]> {
  return (await loadPipeline(db, orgId)).lostReasons;
}

/** Owners edit the list in pipeline settings. Leads already lost keep the reason they were given. */
export async function updateLostReasons(ctx: Ctx, input: unknown): Promise<string[]> {
  requirePermission(ctx.actor, "pipeline:manage");
  const { reasons } = lostReasonsSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const before = await lostReasonsOf(tx, ctx.orgId);
    const [row] = await tx
      .update(pipelines)
      .set({ lostReasons: reasons })
      .where(eq(pipelines.orgId, ctx.orgId))
      .returning({ id: pipelines.id });
    await recordAudit(tx, ctx, {
      action: "pipeline.lost_reasons_updated",
      target: { id: row!.id },
      before: { lostReasons: before },
      after: { lostReasons: reasons },
    });
    return reasons;
  });
}

/** How many of the organisation's leads were lost for each reason, most frequent first. */
export async function countLostReasons(ctx: Ctx): Promise<{ reason: string; count: number }[]> {
  requirePermission(ctx.actor, "leads:read");
  const rows = await ctx.db
    .select({ reason: leads.lostReason, count: count() })
    .from(leads)
    .where(and(eq(leads.orgId, ctx.orgId), eq(leads.status, "lost"), isNotNull(leads.lostReason)))
    .groupBy(leads.lostReason)
    .orderBy(desc(count()), leads.lostReason);
  return rows.map((r) => ({ reason: r.reason!, count: Number(r.count) }));
}
