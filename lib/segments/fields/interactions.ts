import { and, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts, interactions } from "@/db/schema";
import { INTERACTION_LABELS, INTERACTION_TYPES, type InteractionType } from "@/lib/customers/constants";
import type { Operator } from "../operators";
import { addDays, localDate, startOfLocalDay } from "../zoned-dates";
import type { CompileEnv, FieldDef } from "./types";

type CountValue = { type: InteractionType; days: number; count: number };

/**
 * "At least k calls in the last N days": the customers with k or more, found through the
 * (org_id, type, occurred_at) index; "fewer than k" is everyone else.
 */
function interactionCount(op: Operator, value: unknown, env: CompileEnv) {
  const v = value as CountValue;
  if (v.count <= 0) return op === "at_least" ? sql`true` : sql`false`;
  const since = startOfLocalDay(addDays(localDate(env.now, env.timeZone), -v.days), env.timeZone);
  const frequent = sql`select ${interactions.contactId} from ${interactions} where ${and(eq(interactions.orgId, env.orgId), eq(interactions.type, v.type), gte(interactions.occurredAt, since))} group by ${interactions.contactId} having count(*) >= ${v.count}`;
  return op === "at_least" ? sql`${contacts.id} in (${frequent})` : sql`${contacts.id} not in (${frequent})`;
}

export const interactionFields: readonly FieldDef[] = [
  {
    key: "interactions.count",
    label: "Interactions",
    category: "Activity",
    type: "interaction_count",
    hint: "How many of one kind (calls, visits, purchases…) in the last N days",
    options: INTERACTION_TYPES.map((t) => ({ value: t, label: INTERACTION_LABELS[t] })),
    valueSchema: () =>
      z.object({
        type: z.enum(INTERACTION_TYPES, "Choose a kind of interaction"),
        days: z
          .number({ error: "Enter a number of days" })
          .int("Use a whole number of days")
          .min(1, "At least 1 day")
          .max(36_500),
        count: z
          .number({ error: "Enter a number" })
          .int("Use a whole number")
          .min(0, "Cannot be negative")
          .max(1_000_000),
      }),
    timeRelative: true,
    dependsOn: ["crm/contact.engaged"],
    condition: interactionCount,
  },
];
