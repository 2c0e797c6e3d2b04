import { and, eq, inArray, isNull } from "drizzle-orm";
import { campaignRecipients, campaigns, organizations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { emitEvent } from "@/lib/events/emit";
import { ConflictError, ValidationError } from "@/lib/errors";
import { zonedInstant } from "@/lib/playbooks/zoned-time";
import { runnerNow } from "@/lib/playbooks/runner/now";
import { scheduleSchema } from "./campaign.schema";
import { loadCampaign, type CampaignRow } from "./campaigns";
import type { CampaignStatus } from "./constants";

/** "2026-12-05T09:00" in the organisation's zone, as an instant. */
function orgInstant(local: string, zone: string): Date {
  const [y, m, d, hh, mm] = local.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  try {
    return zonedInstant(zone, y, m, d, hh, mm);
  } catch {
    throw new ValidationError({ at: "Choose a date and time" });
  }
}

/** Sends a draft now or schedules it; its send function starts and sleeps until it is due. */
export async function scheduleCampaign(ctx: Ctx, id: unknown, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "campaigns:send");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const s = scheduleSchema.parse(input);
  if (c.status !== "draft") throw new ConflictError(`“${c.name}” is already ${c.status}.`);
  const [org] = await ctx.db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const at = s.mode === "at" ? orgInstant(s.at!, org!.timeZone) : null;
  if (at && at <= runnerNow()) throw new ValidationError({ at: "Choose a time in the future, or send it now" });
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({
        status: "scheduled",
        scheduleMode: s.mode,
        scheduledAt: at,
        localDate: s.mode === "local_time" ? s.localDate! : null,
        localTime: s.mode === "local_time" ? s.localTime! : null,
        passedPolicy: s.passedPolicy,
        updatedAt: new Date(),
      })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, ctx.orgId), eq(campaigns.status, "draft")))
      .returning({ id: campaigns.id });
    if (!row) throw new ConflictError(`“${c.name}” is no longer a draft.`);
    // Recorded with the change, before anything is sent (fail-closed: no record, no send).
    await recordAudit(tx, ctx, {
      action: "campaign.scheduled",
      target: { id: c.id, label: c.name },
      after: {
        mode: s.mode,
        at: at?.toISOString() ?? null,
        localDate: s.localDate ?? null,
        localTime: s.localTime ?? null,
      },
    });
    await emitEvent(tx, "crm/campaign.started", { orgId: ctx.orgId, campaignId: c.id });
  });
}

async function move(
  ctx: Ctx,
  id: unknown,
  from: CampaignStatus[],
  to: CampaignStatus,
  action: "campaign.paused" | "campaign.resumed" | "campaign.cancelled",
  after?: (tx: Ctx["db"], c: CampaignRow) => Promise<void>,
): Promise<void> {
  requirePermission(ctx.actor, "campaigns:send");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  if (!from.includes(c.status)) throw new ConflictError(`“${c.name}” is ${c.status}: it cannot be ${to} now.`);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ status: to, updatedAt: new Date(), ...(to === "cancelled" ? { finishedAt: runnerNow() } : {}) })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, ctx.orgId), inArray(campaigns.status, from)))
      .returning({ id: campaigns.id });
    if (!row) throw new ConflictError(`“${c.name}” changed meanwhile: look again.`);
    await recordAudit(tx, ctx, {
      action,
      target: { id: c.id, label: c.name },
      before: { status: c.status },
      after: { status: to },
    });
    await after?.(tx, c);
  });
}

/** Stops handing over after the batches already on their way; nothing is lost and nothing goes twice on resume. */
export const pauseCampaign = (ctx: Ctx, id: unknown) =>
  move(ctx, id, ["sending", "scheduled"], "paused", "campaign.paused");

/** Goes on from where it stopped: the frozen rows not yet handed over (or, before the start, the schedule). */
export const resumeCampaign = (ctx: Ctx, id: unknown) =>
  move(ctx, id, ["paused"], "sending", "campaign.resumed", async (tx, c) => {
    // Never frozen: it was paused while scheduled, so it goes back to waiting for its time.
    if (!c.frozenAt)
      await tx
        .update(campaigns)
        .set({ status: "scheduled" })
        .where(and(eq(campaigns.id, c.id), eq(campaigns.orgId, ctx.orgId)));
    await emitEvent(tx, "crm/campaign.resumed", { orgId: ctx.orgId, campaignId: c.id });
  });

/**
 * Cancels at any phase: every recipient not yet handed over is marked cancelled now, and a
 * message stored but still queued is stopped by the hand-over's check of the campaign's status.
 */
export const cancelCampaign = (ctx: Ctx, id: unknown) =>
  move(ctx, id, ["draft", "scheduled", "sending", "paused"], "cancelled", "campaign.cancelled", async (tx, c) => {
    await tx
      .update(campaignRecipients)
      .set({ status: "cancelled", reason: "campaign_cancelled" })
      .where(
        and(
          eq(campaignRecipients.orgId, ctx.orgId),
          eq(campaignRecipients.campaignId, c.id),
          inArray(campaignRecipients.status, ["queued", "deferred"]),
          isNull(campaignRecipients.messageId),
        ),
      );
    await emitEvent(tx, "crm/campaign.cancelled", { orgId: ctx.orgId, campaignId: c.id });
  });
