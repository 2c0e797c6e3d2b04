import { and, asc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { playbookRuns, playbooks, contacts } from "@/db/schema";
import type { EventName } from "@/lib/events/catalog";
import type { Operator } from "../operators";
import type { CompileEnv, FieldDef } from "./types";

const CATEGORY = "Playbooks";
// A run starts, ends (finished, exit event, cancelled) or converts through a redeemed discount.
const RUN_EVENTS: readonly EventName[] = [
  "crm/playbook_run.started",
  "crm/playbook_run.completed",
  "crm/playbook_run.ended",
  "crm/discount.redeemed",
];

/** Customers with a run of any chosen playbook matching `which`, through the (org_id, playbook_id, started_at) index. */
const participation = (which: SQL) => (op: Operator, value: unknown, env: CompileEnv) => {
  const runs = sql`select ${playbookRuns.contactId} from ${playbookRuns} where ${and(eq(playbookRuns.orgId, env.orgId), inArray(playbookRuns.playbookId, value as string[]), which)}`;
  return op === "any_of" ? sql`${contacts.id} in (${runs})` : sql`${contacts.id} not in (${runs})`;
};

const field = (key: string, label: string, hint: string, which: SQL): FieldDef => ({
  key: `playbook.${key}`,
  label,
  category: CATEGORY,
  type: "enum",
  hint,
  options: async (ctx) =>
    ctx.db
      .select({ value: playbooks.id, label: playbooks.name })
      .from(playbooks)
      .where(eq(playbooks.orgId, ctx.orgId))
      .orderBy(asc(playbooks.name)),
  valueSchema: (op) =>
    op === "any_of" || op === "none_of"
      ? z.array(z.uuid("Choose playbooks from the list")).min(1, "Choose at least one playbook").max(100)
      : null,
  dependsOn: RUN_EVENTS,
  condition: participation(which),
});

export const playbookFields: readonly FieldDef[] = [
  field(
    "active",
    "In playbook (active run)",
    "Customers with a run of the playbook in progress",
    sql`${playbookRuns.status} = 'active'`,
  ),
  field(
    "completed",
    "Completed playbook",
    "Customers with a run that went to the end or left on an exit",
    sql`${playbookRuns.status} = 'completed'`,
  ),
  field(
    "converted",
    "Converted in playbook",
    "Customers with a run that counted as a conversion",
    isNotNull(playbookRuns.convertedAt),
  ),
];
