import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { contacts, playbookRuns, playbooks } from "@/db/schema";
import type { Ctx } from "../context";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { emitEvent } from "../events/emit";
import { endRun } from "./exits";
import { enrolMany } from "./enrol";
import { loadPlaybook } from "./playbooks";
import { recordAudit } from "../audit/record";
import { userIdOf } from "../actors";

/** An owner stops a customer's run; the runner is told through the outbox and also re-checks before each step. */
export async function cancelRun(ctx: Ctx, runId: unknown, now = new Date()) {
  requirePermission(ctx.actor, "playbooks:manage");
  const id = z.uuid().safeParse(runId);
  if (!id.success) throw new NotFoundError("That run");
  await ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .select({
        id: playbookRuns.id,
        orgId: playbookRuns.orgId,
        contactId: playbookRuns.contactId,
        status: playbookRuns.status,
        playbookId: playbookRuns.playbookId,
        playbookName: playbooks.name,
      })
      .from(playbookRuns)
      .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
      .where(and(eq(playbookRuns.id, id.data), eq(playbookRuns.orgId, ctx.orgId)))
      .for("update", { of: playbookRuns });
    if (!run) throw new NotFoundError("That run");
    if (run.status !== "active") throw new ConflictError("This run has already ended.");
    await endRun(tx, run, "cancelled", "cancelled by an owner", now);
    await recordAudit(tx, ctx, {
      action: "playbook.run_cancelled",
      target: { id: run.playbookId, label: run.playbookName },
      data: { runId: run.id },
    });
  });
}

const enrolSchema = z.object({
  contactIds: z
    .array(z.uuid("Choose customers"))
    .min(1, "Choose at least one customer")
    .max(500, "At most 500 customers at once"),
});

/** Manual enrolment of chosen customers; entry rules apply as for events. Other orgs' ids read as not found. */
export async function enrolContacts(ctx: Ctx, playbookId: unknown, input: unknown, now = new Date()) {
  requirePermission(ctx.actor, "playbooks:manage");
  const { contactIds } = enrolSchema.parse(input);
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  if (pb.status !== "active") throw new ConflictError("Activate the playbook before enrolling customers.");
  const found = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.orgId), inArray(contacts.id, contactIds)));
  if (found.length !== new Set(contactIds).size)
    throw new ValidationError({ contactIds: "Some of these customers were not found" });
  const batch = randomUUID();
  return ctx.db.transaction(async (tx) => {
    let started = 0;
    const skipped: string[] = [];
    const triggerData = { enrolledBy: userIdOf(ctx.actor) };
    const requests = found.map(({ id }) => ({ pb, contactId: id, triggerKey: `manual:${batch}`, triggerData }));
    for (const e of await enrolMany(tx, requests, now)) {
      if ("skipped" in e) skipped.push(e.skipped);
      else if (e.created) {
        started++;
        await emitEvent(tx, "crm/playbook_run.started", {
          orgId: ctx.orgId,
          runId: e.runId,
          playbookId: pb.id,
          contactId: e.contactId,
          marketing: pb.marketing,
        });
      }
    }
    await recordAudit(tx, ctx, {
      action: "playbook.manual_enrolment",
      target: { id: pb.id, label: pb.name },
      data: { started, skipped: skipped.length },
    });
    return { started, skipped };
  });
}
