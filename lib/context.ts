import type { DbOrTx } from "@/db/client";
import type { Role } from "./auth/roles";

/** A teammate signed in to the app. */
export type UserActor = { kind: "user"; id: string; role: Role };
/** A caller of the public API, acting as one of the organisation's keys. */
export type ApiKeyActor = { kind: "api_key"; id: string; name?: string };
/**
 * Tend itself: a background job, a detector, a playbook run, a public link. `job` is one of
 * SYSTEM_JOBS (lib/actors.ts); `label` is what records show ("Playbook Win-back (run 1a2b3c)").
 */
export type SystemActor = {
  kind: "system";
  job: string;
  label: string;
  playbookId?: string;
  playbookRunId?: string;
};

/** Who is acting. Automated work is the system, never a person it impersonates. */
export type Actor = UserActor | ApiKeyActor | SystemActor;

/** Where a request came from, when one made the change (kept on audit entries). */
export type RequestMeta = { ip: string | null; userAgent: string | null };

/** Every lib function takes this first. orgId always comes from the session, never from input. */
export type Ctx<A extends Actor = Actor> = { orgId: string; actor: A; db: DbOrTx; request?: RequestMeta };

/** A context whose actor is a teammate (pages and server actions). */
export type UserCtx = Ctx<UserActor>;
