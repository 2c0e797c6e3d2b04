import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { contacts, playbookRuns, playbooks } from "@/db/schema";
import { recordActivity } from "../activity/record";
import type { PlaybookRow } from "./playbooks";
import { SEGMENT_TRIGGER } from "./constants";
import { actedBy, playbookRunActor } from "../actors";

export type Enrolment =
  | { runId: string; playbookId: string; contactId: string; marketing: boolean; created: boolean }
  | { skipped: string; playbookId: string };

/**
 * Applies a playbook's entry rules and creates the run, pinned to the current version.
 * Idempotent on (playbook, contact, triggerKey): the same event twice gives back the same run.
 */
export async function enrol(
  db: DbOrTx,
  pb: PlaybookRow,
  contactId: string,
  triggerKey: string,
  triggerData: Record<string, unknown>,
  now: Date,
): Promise<Enrolment> {
  if (pb.status !== "active" || !pb.currentVersionId) return { skipped: "playbook is not active", playbookId: pb.id };
  return db.transaction(async (tx) => {
    // Serialises enrolments of one contact, so two events at once cannot both pass the rules.
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.orgId, pb.orgId)))
      .for("update");
    if (!contact) return { skipped: "customer not found", playbookId: pb.id };
    const previous = await tx
      .select({
        id: playbookRuns.id,
        status: playbookRuns.status,
        triggerKey: playbookRuns.triggerKey,
        startedAt: playbookRuns.startedAt,
      })
      .from(playbookRuns)
      .where(
        and(
          eq(playbookRuns.playbookId, pb.id),
          eq(playbookRuns.contactId, contactId),
          eq(playbookRuns.orgId, pb.orgId),
        ),
      )
      .orderBy(desc(playbookRuns.startedAt));
    const same = previous.find((r) => r.triggerKey === triggerKey);
    if (same) return { runId: same.id, playbookId: pb.id, contactId, marketing: pb.marketing, created: false };
    if (previous.some((r) => r.status === "active")) return { skipped: "already in this playbook", playbookId: pb.id };
    const last = previous[0];
    if (last && pb.reentry === "never") return { skipped: "entered before (re-entry: never)", playbookId: pb.id };
    if (
      last &&
      pb.reentry === "after_days" &&
      now.getTime() - last.startedAt.getTime() < (pb.reentryDays ?? 0) * 86_400_000
    ) {
      return { skipped: `entered within the last ${pb.reentryDays} days`, playbookId: pb.id };
    }
    const [run] = await tx
      .insert(playbookRuns)
      .values({
        orgId: pb.orgId,
        playbookId: pb.id,
        versionId: pb.currentVersionId!,
        contactId,
        triggerKey,
        triggerData,
        startedAt: now,
      })
      .returning({ id: playbookRuns.id });
    await recordActivity(tx, {
      orgId: pb.orgId,
      contactId,
      type: "playbook.enrolled",
      // By hand: the teammate who enrolled them; otherwise the playbook's trigger, i.e. the run itself.
      ...(typeof triggerData.enrolledBy === "string"
        ? { actorId: triggerData.enrolledBy }
        : actedBy(playbookRunActor(pb, run!.id))),
      subjectType: "playbook_run",
      subjectId: run!.id,
      data: { playbook: pb.name, trigger: pb.trigger },
      occurredAt: now,
    });
    return { runId: run!.id, playbookId: pb.id, contactId, marketing: pb.marketing, created: true };
  });
}

/** The organisation's active playbooks started by this event name (for "entered segment", by that segment only). */
export async function playbooksTriggeredBy(db: DbOrTx, orgId: string, trigger: string, segmentId?: string | null) {
  if (trigger === SEGMENT_TRIGGER && !segmentId) return [];
  if (trigger !== SEGMENT_TRIGGER) return activeByTrigger(db).execute({ orgId, trigger });
  return db
    .select()
    .from(playbooks)
    .where(
      and(
        eq(playbooks.orgId, orgId),
        eq(playbooks.trigger, trigger),
        eq(playbooks.status, "active"),
        eq(playbooks.triggerSegmentId, segmentId!),
      ),
    );
}

// Asked for every trigger event: built once.
const activeByTrigger = preparedPerDb((db) =>
  db
    .select()
    .from(playbooks)
    .where(
      and(
        eq(playbooks.orgId, sql.placeholder("orgId")),
        eq(playbooks.trigger, sql.placeholder("trigger")),
        eq(playbooks.status, "active"),
      ),
    )
    .prepare("active_playbooks_by_trigger"),
);

/** Playbooks read once for every event of a batch with the same organisation, trigger and segment. */
export type TriggeredCache = Map<string, Promise<PlaybookRow[]>>;

/**
 * Every enrolment an event causes. The trigger key is the event's own id, so a redelivery is a
 * no-op. Events handled together may share `cache`: the playbooks are then read once for all.
 */
export async function dispatchTrigger(
  db: DbOrTx,
  name: string,
  data: { orgId: string; contactId?: string | null; segmentId?: string | null },
  eventKey: string,
  now: Date,
  cache?: TriggeredCache,
): Promise<Enrolment[]> {
  if (!data.contactId) return [];
  const out: Enrolment[] = [];
  const key = `${data.orgId}:${name}:${data.segmentId ?? ""}`;
  let triggered = cache?.get(key);
  if (!triggered) {
    triggered = playbooksTriggeredBy(db, data.orgId, name, data.segmentId);
    cache?.set(key, triggered);
  }
  for (const pb of await triggered)
    out.push(await enrol(db, pb, data.contactId, eventKey, data as Record<string, unknown>, now));
  return out;
}
