import type { DbOrTx } from "@/db/client";
import type { Actor, Ctx, SystemActor, UserActor } from "./context";
import { ForbiddenError } from "./errors";

/**
 * The jobs that act as the system, with what the audit log's actor filter calls each. Client-safe.
 * A job's entries share the audit key "system:<job>"; the label of each entry says more
 * ("Playbook Win-back (run 1a2b3c)").
 */
export const SYSTEM_JOBS = {
  playbook: "Playbook runs",
  campaign: "Campaign sends",
  detectors: "Detectors (inactivity, trials, churn risk)",
  lifecycle_sweep: "Lifecycle rules (daily)",
  lead_scoring: "Lead scoring",
  import: "Customer imports",
  segment_refresh: "Segment refresh",
  email_delivery: "Email delivery",
  email_webhook: "Email provider webhook",
  unsubscribe: "Unsubscribe link",
  sign_in: "Sign-in form",
  signup: "Sign-up",
  demo_seed: "Demo data",
} as const;
export type SystemJob = keyof typeof SYSTEM_JOBS;

export function systemActor(job: SystemJob, label: string = SYSTEM_JOBS[job]): SystemActor {
  return { kind: "system", job, label };
}

/** A playbook run acting on a customer: "Playbook Win-back (run 1a2b3c)". */
export function playbookRunActor(playbook: { id: string; name: string }, runId: string): SystemActor {
  return {
    kind: "system",
    job: "playbook",
    label: `Playbook ${playbook.name} (run ${runId.slice(0, 6)})`,
    playbookId: playbook.id,
    playbookRunId: runId,
  };
}

/** A context for automated work in one organisation. */
export function systemCtx(db: DbOrTx, orgId: string, actor: SystemActor): Ctx<SystemActor> {
  return { orgId, db, actor };
}

/** The teammate behind an action, or null when the system or an API key acted (authorship columns). */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === "user" ? actor.id : null;
}

/** What records show for a non-person actor ("Playbook Win-back (run 1a2b3c)", "API key Billing"). */
export function actorLabelOf(actor: Actor): string | null {
  if (actor.kind === "user") return null;
  if (actor.kind === "api_key") return `API key ${actor.name ?? actor.id.slice(0, 8)}`;
  return actor.label;
}

/**
 * The actor columns of a timeline or history row: a teammate by id (named at read time), anyone
 * else by label. Spread it into recordActivity's argument.
 */
export function actedBy(actor: Actor): { actorId: string | null; actorLabel: string | null } {
  return { actorId: userIdOf(actor), actorLabel: actorLabelOf(actor) };
}

/** The audit log's filter key for an actor: "user:<id>", "api_key:<id>", "system:<job>". */
export function actorKey(actor: Actor): string {
  if (actor.kind === "user") return `user:${actor.id}`;
  if (actor.kind === "api_key") return `api_key:${actor.id}`;
  return `system:${actor.job}`;
}

/** For what only a person can do (write a note, own a follow-up): the teammate, or Forbidden. */
export function personOf(actor: Actor, what = "Only a teammate can do that."): UserActor {
  if (actor.kind !== "user") throw new ForbiddenError(what);
  return actor;
}
