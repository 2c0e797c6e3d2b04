import type { DbOrTx } from "@/db/client";
import { playbookRunActor } from "../../actors";
import type { Ctx, SystemActor } from "../../context";
import type { RunInfo } from "./types";

/** Who a run acts as: the system, naming the playbook and the run ("Playbook Win-back (run 1a2b3c)"). */
export function runActor(run: RunInfo): SystemActor {
  return playbookRunActor({ id: run.playbookId, name: run.playbookName }, run.runId);
}

/** What a run's lib calls act in: never a person, so records name the playbook and its permissions are the system's. */
export function playbookCtx(db: DbOrTx, run: RunInfo): Ctx<SystemActor> {
  return { orgId: run.orgId, db, actor: runActor(run) };
}
