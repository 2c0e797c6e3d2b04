import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { coalescePerDb } from "@/db/coalesce";
import { preparedPerDb } from "@/db/prepared";
import { idsOfOrgs, idsOfOrgsParams, isUuid } from "@/db/uuid-array";
import { contacts, organizations, playbookRuns, playbookVersions, playbooks } from "@/db/schema";
import type { Graph } from "../graph.schema";
import { emitEvent } from "../../events/emit";

/** The run's status and variables (what a step checks first, and what a send fills in), in one read. */
export async function runState(db: DbOrTx, orgId: string, runId: string) {
  const [r] = await db
    .select({ status: playbookRuns.status, variables: playbookRuns.variables })
    .from(playbookRuns)
    .where(and(eq(playbookRuns.id, runId), eq(playbookRuns.orgId, orgId)))
    .limit(1);
  return r ?? null;
}

export type ContactContext = { contact: typeof contacts.$inferSelect; org: typeof organizations.$inferSelect };

// The plans of the runs stepping at the same moment, in one read (db/coalesce.ts): each run is
// matched on its id and its organisation together, so a run is only ever read for its own.
const runPlansQuery = preparedPerDb((db) =>
  db
    .select({
      runId: playbookRuns.id,
      orgId: playbookRuns.orgId,
      status: playbookRuns.status,
      variables: playbookRuns.variables,
      startedAt: playbookRuns.startedAt,
      graph: playbookVersions.graph,
      versionId: playbookRuns.versionId,
      contactId: playbookRuns.contactId,
      playbookId: playbookRuns.playbookId,
      marketing: playbooks.marketing,
      playbookName: playbooks.name,
      contact: contacts,
      org: organizations,
    })
    .from(playbookRuns)
    .innerJoin(playbookVersions, eq(playbookVersions.id, playbookRuns.versionId))
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .innerJoin(organizations, eq(organizations.id, playbookRuns.orgId))
    .leftJoin(contacts, and(eq(contacts.id, playbookRuns.contactId), eq(contacts.orgId, playbookRuns.orgId)))
    .where(idsOfOrgs(playbookRuns.id, playbookRuns.orgId))
    .prepare("playbook_run_plans"),
);

const readPlan = coalescePerDb(async (db, asked: { id: string; orgId: string }[]) => {
  const rows = await runPlansQuery(db).execute(idsOfOrgsParams(asked));
  return asked.map((a) => rows.find((r) => r.runId === a.id && r.orgId === a.orgId) ?? null);
});

/**
 * Everything one call of the runner reads, in one query: the run (status and variables), its
 * pinned version's graph (never the playbook's current one), the contact with their organisation,
 * and the playbook's name (what records show as the actor).
 */
export async function loadRunPlan(db: DbOrTx, orgId: string, runId: string) {
  if (!isUuid(orgId) || !isUuid(runId)) return null;
  const r = await readPlan(db, { id: runId.toLowerCase(), orgId: orgId.toLowerCase() });
  if (!r) return null;
  const { contact, org, runId: _runId, orgId: _orgId, ...rest } = r;
  return { ...rest, graph: r.graph as Graph, context: contact ? ({ contact, org } satisfies ContactContext) : null };
}

export async function completeRun(db: DbOrTx, orgId: string, runId: string, now: Date, reason = "finished") {
  await db.transaction(async (tx) => {
    const [run] = await tx
      .update(playbookRuns)
      .set({ status: "completed", endedAt: now, endReason: reason })
      .where(and(eq(playbookRuns.id, runId), eq(playbookRuns.orgId, orgId), eq(playbookRuns.status, "active")))
      .returning({ playbookId: playbookRuns.playbookId, contactId: playbookRuns.contactId });
    if (run)
      await emitEvent(tx, "crm/playbook_run.completed", {
        orgId,
        runId,
        playbookId: run.playbookId,
        contactId: run.contactId,
      });
  });
}

export async function failRun(db: DbOrTx, orgId: string, runId: string, now: Date, reason: string) {
  await db
    .update(playbookRuns)
    .set({ status: "failed", endedAt: now, endReason: reason.slice(0, 500) })
    .where(and(eq(playbookRuns.id, runId), eq(playbookRuns.orgId, orgId), eq(playbookRuns.status, "active")));
}

/** What the guards and branches need to know about the contact and their organisation, read fresh. */
export async function loadContactContext(db: DbOrTx, orgId: string, contactId: string): Promise<ContactContext | null> {
  const [row] = await db
    .select({ contact: contacts, org: organizations })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.orgId))
    .where(and(eq(contacts.id, contactId), eq(contacts.orgId, orgId)))
    .limit(1);
  return row ?? null;
}
