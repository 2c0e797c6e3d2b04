import { byPerson } from "@/lib/email/human-engagement";
import { and, desc, eq, isNotNull, max } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contactTags, emailEvents, leads, playbookRunLog, tags } from "@/db/schema";
import type { Condition } from "../graph.schema";
import type { ContactRow } from "../../customers/load";
import { customerMatches } from "../../segments/explain";
import { conditionsOf } from "../../segments/criteria.schema";

export type BranchOutcome = { yes: boolean; why: string };

/** Pure part: conditions on the contact's own fields. */
export function fieldCondition(c: Extract<Condition, { kind: "field" }>, contact: ContactRow): BranchOutcome {
  const v = contact[c.field] as string | number | null;
  const want = c.value;
  const shown = `${c.field} is ${v == null || v === "" ? "empty" : JSON.stringify(v)}`;
  switch (c.op) {
    case "is_set":
      return { yes: v != null && v !== "", why: shown };
    case "eq":
      return { yes: String(v ?? "").toLowerCase() === String(want ?? "").toLowerCase(), why: shown };
    case "neq":
      return { yes: String(v ?? "").toLowerCase() !== String(want ?? "").toLowerCase(), why: shown };
    case "contains":
      return {
        yes: String(v ?? "")
          .toLowerCase()
          .includes(String(want ?? "").toLowerCase()),
        why: shown,
      };
    case "gt":
      return { yes: Number(v) > Number(want), why: shown };
    case "lt":
      return { yes: Number(v) < Number(want), why: shown };
  }
}

/** The most recent email this run sent, and whether the contact (a person, not a proxy or scanner) opened/clicked it. */
async function previousEmail(db: DbOrTx, orgId: string, runId: string, type: "opened" | "clicked") {
  const [last] = await db
    .select({ messageId: playbookRunLog.messageId })
    .from(playbookRunLog)
    .where(and(eq(playbookRunLog.runId, runId), eq(playbookRunLog.orgId, orgId), isNotNull(playbookRunLog.messageId)))
    .orderBy(desc(playbookRunLog.at))
    .limit(1);
  if (!last?.messageId) return { yes: false, why: "no email sent earlier in this run" };
  const [hit] = await db
    .select({ id: emailEvents.id })
    .from(emailEvents)
    .where(
      and(
        eq(emailEvents.orgId, orgId),
        eq(emailEvents.messageId, last.messageId),
        eq(emailEvents.type, type),
        byPerson,
      ),
    )
    .limit(1);
  return { yes: !!hit, why: hit ? `the previous email was ${type}` : `the previous email was not ${type} (yet)` };
}

/**
 * Evaluates a branch condition now. `random` draws a number that is stored with the step's
 * result, so a replay takes the same side.
 */
export async function evaluateCondition(
  db: DbOrTx,
  c: Condition,
  ctx: { orgId: string; runId: string; contact: ContactRow; now?: Date },
  random = Math.random,
): Promise<BranchOutcome> {
  switch (c.kind) {
    case "field":
      return fieldCondition(c, ctx.contact);
    case "lifecycle":
      return {
        yes: c.stages.includes(ctx.contact.lifecycleStage),
        why: `lifecycle stage is ${ctx.contact.lifecycleStage.replace(/_/g, " ")}`,
      };
    case "tag": {
      const [t] = await db
        .select({ id: tags.id })
        .from(contactTags)
        .innerJoin(tags, eq(tags.id, contactTags.tagId))
        .where(and(eq(contactTags.orgId, ctx.orgId), eq(contactTags.contactId, ctx.contact.id), eq(tags.name, c.tag)))
        .limit(1);
      return { yes: c.has ? !!t : !t, why: t ? `tagged “${c.tag}”` : `not tagged “${c.tag}”` };
    }
    case "score": {
      const [r] = await db
        .select({ score: max(leads.score) })
        .from(leads)
        .where(and(eq(leads.orgId, ctx.orgId), eq(leads.contactId, ctx.contact.id)));
      const score = r?.score ?? 0;
      return { yes: c.op === "gt" ? score > c.value : score < c.value, why: `score is ${score}` };
    }
    case "opened_previous_email":
      return previousEmail(db, ctx.orgId, ctx.runId, "opened");
    case "clicked_previous_email":
      return previousEmail(db, ctx.orgId, ctx.runId, "clicked");
    case "criteria": {
      const yes = await customerMatches(db, ctx.orgId, ctx.contact.id, c.criteria, ctx.now);
      const n = conditionsOf(c.criteria).length;
      return { yes, why: `${yes ? "matches" : "does not match"} the ${n === 1 ? "condition" : `${n} conditions`}` };
    }
    case "random": {
      const roll = Math.floor(random() * 100);
      return { yes: roll < c.percent, why: `random split: drew ${roll} (yes below ${c.percent})` };
    }
  }
}
