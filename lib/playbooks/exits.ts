import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { uuidArrayLiteral } from "@/db/uuid-array";
import { playbookRuns, playbooks } from "@/db/schema";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";

type ActiveRun = { id: string; orgId: string; contactId: string; playbookName: string };

/** Ends an active run (not one that already ended) and tells the runner to stop, in one transaction. */
export async function endRun(
  tx: DbOrTx,
  run: ActiveRun,
  status: "completed" | "cancelled",
  reason: string,
  now: Date,
  conversion?: { valueMinor: number | null; source: string },
) {
  const [ended] = await tx
    .update(playbookRuns)
    .set({
      status,
      endReason: reason,
      endedAt: now,
      ...(conversion
        ? { convertedAt: now, conversionValueMinor: conversion.valueMinor, conversionSource: conversion.source }
        : {}),
    })
    .where(and(eq(playbookRuns.id, run.id), eq(playbookRuns.orgId, run.orgId), eq(playbookRuns.status, "active")))
    .returning({ id: playbookRuns.id });
  if (!ended) return false;
  await recordActivity(tx, {
    orgId: run.orgId,
    contactId: run.contactId,
    type: conversion ? "playbook.converted" : "playbook.ended",
    subjectType: "playbook_run",
    subjectId: run.id,
    occurredAt: now,
    data: { playbook: run.playbookName, reason, valueMinor: conversion?.valueMinor ?? null },
  });
  await emitEvent(tx, "crm/playbook_run.ended", { orgId: run.orgId, runId: run.id, reason });
  return true;
}

async function activeRunsOf(tx: DbOrTx, orgId: string, contactId: string) {
  return tx
    .select({
      id: playbookRuns.id,
      orgId: playbookRuns.orgId,
      contactId: playbookRuns.contactId,
      playbookName: playbooks.name,
      exitEvents: playbooks.exitEvents,
      marketing: playbooks.marketing,
    })
    .from(playbookRuns)
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .where(and(eq(playbookRuns.orgId, orgId), eq(playbookRuns.contactId, contactId), eq(playbookRuns.status, "active")))
    .for("update", { of: playbookRuns });
}

/**
 * Which of these customers have a run the event could end (read-only, no lock): most exit events
 * (payment failures starting a rescue) find nothing to end, and saying so needs no durable step.
 * One statement for a batch's customers.
 */
export async function customersWithRunsToEnd(
  db: DbOrTx,
  orgId: string,
  name: string,
  contactIds: readonly string[],
): Promise<Set<string>> {
  if (!contactIds.length) return new Set();
  const unsubscribe = name === "crm/contact.unsubscribed";
  const rows = await (unsubscribe ? runsEndedByUnsubscribe(db) : runsEndedByEvent(db)).execute({
    orgId,
    contactIds: uuidArrayLiteral(contactIds),
    exit: JSON.stringify([{ event: name }]),
  });
  return new Set(rows.map((r) => r.contactId));
}

const activeRunsAmong = (db: DbOrTx, also: SQL) =>
  db
    .selectDistinct({ contactId: playbookRuns.contactId })
    .from(playbookRuns)
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .where(
      and(
        eq(playbookRuns.orgId, sql.placeholder("orgId")),
        sql`${playbookRuns.contactId} = any(${sql.placeholder("contactIds")}::uuid[])`,
        eq(playbookRuns.status, "active"),
        also,
      ),
    );
// Every batch of trigger or exit events asks one of these: built once.
const runsEndedByUnsubscribe = preparedPerDb((db) =>
  activeRunsAmong(db, eq(playbooks.marketing, true)).prepare("runs_ended_by_unsubscribe"),
);
const runsEndedByEvent = preparedPerDb((db) =>
  activeRunsAmong(db, sql`${playbooks.exitEvents} @> ${sql.placeholder("exit")}::jsonb`).prepare("runs_ended_by_event"),
);

/** An exit event ends the contact's runs of playbooks listing it; a converting exit records the value (e.g. the recovered payment). */
export async function applyExitEvent(
  db: DbOrTx,
  name: string,
  data: { orgId: string; contactId: string; properties?: Record<string, unknown> },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const ended: string[] = [];
    for (const run of await activeRunsOf(tx, data.orgId, data.contactId)) {
      const exit = run.exitEvents.find((e) => e.event === name);
      if (!exit) continue;
      const amount = data.properties?.amountMinor;
      const conversion = exit.converts
        ? { valueMinor: typeof amount === "number" && Number.isInteger(amount) ? amount : null, source: name }
        : undefined;
      if (await endRun(tx, run, "completed", `exit: ${name}`, now, conversion)) ended.push(run.id);
    }
    return ended;
  });
}

/** Unsubscribing ends every marketing run of the contact; transactional ones (a payment rescue) go on. */
export async function applyUnsubscribe(db: DbOrTx, data: { orgId: string; contactId: string }, now: Date) {
  return db.transaction(async (tx) => {
    const ended: string[] = [];
    for (const run of await activeRunsOf(tx, data.orgId, data.contactId)) {
      if (run.marketing && (await endRun(tx, run, "cancelled", "unsubscribed", now))) ended.push(run.id);
    }
    return ended;
  });
}

/** A redeemed playbook discount converts its run (even one that already completed) with the order value. */
export async function convertByDiscount(tx: DbOrTx, orgId: string, runId: string, orderValueMinor: number, now: Date) {
  await tx
    .update(playbookRuns)
    .set({ convertedAt: now, conversionValueMinor: orderValueMinor, conversionSource: "discount_redeemed" })
    .where(and(eq(playbookRuns.id, runId), eq(playbookRuns.orgId, orgId), sql`${playbookRuns.convertedAt} is null`));
}
