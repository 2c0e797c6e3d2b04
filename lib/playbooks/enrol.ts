import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { insertRows } from "@/db/insert-rows";
import { preparedPerDb } from "@/db/prepared";
import { uuidArray } from "@/db/uuid-array";
import { contacts, playbookRuns, playbooks } from "@/db/schema";
import { recordActivities, type NewActivity } from "../activity/record";
import type { PlaybookRow } from "./playbooks";
import { SEGMENT_TRIGGER } from "./constants";
import { actedBy, playbookRunActor } from "../actors";

export type Enrolment =
  | { runId: string; playbookId: string; contactId: string; marketing: boolean; created: boolean }
  | { skipped: string; playbookId: string };

/** One customer entering one playbook because of one trigger (an event's key, or a manual batch). */
export type EnrolRequest = {
  pb: PlaybookRow;
  contactId: string;
  triggerKey: string;
  triggerData: Record<string, unknown>;
};

type PreviousRun = {
  id: string;
  playbookId: string;
  contactId: string;
  status: string;
  triggerKey: string;
  startedAt: Date;
};

/**
 * Applies each playbook's entry rules and creates the runs, pinned to the current version.
 * Idempotent on (playbook, contact, triggerKey): the same event twice gives back the same run.
 * Requests are taken in order: one sees the runs that earlier ones created. One transaction per
 * organisation reads and writes all of its requests together, so a burst costs a few statements
 * per hundred customers instead of six per customer. Results are in the order of the requests.
 */
export async function enrolMany(db: DbOrTx, requests: EnrolRequest[], now: Date): Promise<Enrolment[]> {
  const out = new Array<Enrolment>(requests.length);
  const byOrg = new Map<string, number[]>();
  requests.forEach(({ pb }, i) => {
    if (pb.status !== "active" || !pb.currentVersionId)
      out[i] = { skipped: "playbook is not active", playbookId: pb.id };
    else if (byOrg.has(pb.orgId)) byOrg.get(pb.orgId)!.push(i);
    else byOrg.set(pb.orgId, [i]);
  });
  for (const [orgId, indexes] of byOrg) {
    const results = await enrolInOrg(
      db,
      orgId,
      indexes.map((i) => requests[i]!),
      now,
    );
    indexes.forEach((i, j) => (out[i] = results[j]!));
  }
  return out;
}

async function enrolInOrg(db: DbOrTx, orgId: string, requests: EnrolRequest[], now: Date): Promise<Enrolment[]> {
  const contactIds = [...new Set(requests.map((r) => r.contactId))];
  const playbookIds = [...new Set(requests.map((r) => r.pb.id))];
  return db.transaction(async (tx) => {
    // Serialises enrolments of these customers (in id order, so two batches cannot deadlock):
    // two events at once cannot both pass the rules.
    const found = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), sql`${contacts.id} = any(${uuidArray(contactIds)})`))
      .orderBy(contacts.id)
      .for("update");
    const exists = new Set(found.map((c) => c.id));
    const previous: PreviousRun[] = exists.size
      ? await tx
          .select({
            id: playbookRuns.id,
            playbookId: playbookRuns.playbookId,
            contactId: playbookRuns.contactId,
            status: playbookRuns.status,
            triggerKey: playbookRuns.triggerKey,
            startedAt: playbookRuns.startedAt,
          })
          .from(playbookRuns)
          .where(
            and(
              eq(playbookRuns.orgId, orgId),
              sql`${playbookRuns.contactId} = any(${uuidArray([...exists])})`,
              sql`${playbookRuns.playbookId} = any(${uuidArray(playbookIds)})`,
            ),
          )
          .orderBy(desc(playbookRuns.startedAt))
      : [];
    const runs: (typeof playbookRuns.$inferInsert)[] = [];
    const timeline: NewActivity[] = [];
    const results = requests.map(({ pb, contactId, triggerKey, triggerData }): Enrolment => {
      if (!exists.has(contactId)) return { skipped: "customer not found", playbookId: pb.id };
      const theirs = previous.filter((r) => r.playbookId === pb.id && r.contactId === contactId);
      const skipped = entryRuleSkips(pb, theirs, triggerKey, now);
      if (skipped && typeof skipped === "object")
        return { runId: skipped.id, playbookId: pb.id, contactId, marketing: pb.marketing, created: false };
      if (skipped) return { skipped, playbookId: pb.id };
      const id = randomUUID();
      runs.push({
        id,
        orgId,
        playbookId: pb.id,
        versionId: pb.currentVersionId!,
        contactId,
        triggerKey,
        triggerData,
        startedAt: now,
      });
      // Newest first, as read: a later request for the same playbook and customer sees this run.
      previous.unshift({ id, playbookId: pb.id, contactId, status: "active", triggerKey, startedAt: now });
      timeline.push({
        orgId,
        contactId,
        type: "playbook.enrolled",
        // By hand: the teammate who enrolled them; otherwise the playbook's trigger, i.e. the run itself.
        ...(typeof triggerData.enrolledBy === "string"
          ? { actorId: triggerData.enrolledBy }
          : actedBy(playbookRunActor(pb, id))),
        subjectType: "playbook_run",
        subjectId: id,
        data: { playbook: pb.name, trigger: pb.trigger },
        occurredAt: now,
      });
      return { runId: id, playbookId: pb.id, contactId, marketing: pb.marketing, created: true };
    });
    if (runs.length) {
      await insertRows(tx, playbookRuns, runs); // a burst enrols thousands: not the query builder
      await recordActivities(tx, timeline);
    }
    return results;
  });
}

/**
 * The entry rules for one customer and playbook, given their runs of it (newest first): the run
 * this trigger already started, a reason to skip, or null to enrol.
 */
function entryRuleSkips(
  pb: PlaybookRow,
  theirs: PreviousRun[],
  triggerKey: string,
  now: Date,
): PreviousRun | string | null {
  const same = theirs.find((r) => r.triggerKey === triggerKey);
  if (same) return same;
  if (theirs.some((r) => r.status === "active")) return "already in this playbook";
  const last = theirs[0];
  if (last && pb.reentry === "never") return "entered before (re-entry: never)";
  if (
    last &&
    pb.reentry === "after_days" &&
    now.getTime() - last.startedAt.getTime() < (pb.reentryDays ?? 0) * 86_400_000
  )
    return `entered within the last ${pb.reentryDays} days`;
  return null;
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

/** The playbooks an event triggers. Events handled together may share `cache`: the playbooks are then read once for all. */
export async function playbooksForEvent(
  db: DbOrTx,
  name: string,
  data: { orgId: string; segmentId?: string | null },
  cache?: TriggeredCache,
): Promise<PlaybookRow[]> {
  const key = `${data.orgId}:${name}:${data.segmentId ?? ""}`;
  let triggered = cache?.get(key);
  if (!triggered) {
    triggered = playbooksTriggeredBy(db, data.orgId, name, data.segmentId);
    cache?.set(key, triggered);
  }
  return triggered;
}

/** Every enrolment an event causes. The trigger key is the event's own id, so a redelivery is a no-op. */
export async function dispatchTrigger(
  db: DbOrTx,
  name: string,
  data: { orgId: string; contactId?: string | null; segmentId?: string | null },
  eventKey: string,
  now: Date,
  cache?: TriggeredCache,
): Promise<Enrolment[]> {
  const contactId = data.contactId;
  if (!contactId) return [];
  const triggered = await playbooksForEvent(db, name, data, cache);
  const triggerData = data as Record<string, unknown>;
  return enrolMany(
    db,
    triggered.map((pb) => ({ pb, contactId, triggerKey: eventKey, triggerData })),
    now,
  );
}
