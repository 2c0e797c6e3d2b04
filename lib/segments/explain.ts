import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { compileCondition, compileCriteria, compileEnv } from "./compile";
import type { CriteriaNode } from "./criteria.schema";
import { validateCriteria } from "./validate";

export type Explanation = { id: string; kind: "condition" | "group"; matched: boolean; children?: Explanation[] };

/**
 * Why a customer is in or out, condition by condition. Each condition is the same compiled SQL
 * the count uses, evaluated for this one customer in one statement; groups combine the answers.
 */
export async function explainMembership(
  ctx: Ctx,
  input: unknown,
  contactId: unknown,
  now = new Date(),
): Promise<{ matched: boolean; tree: Explanation; name: string }> {
  requirePermission(ctx.actor, "segments:read");
  const criteria = validateCriteria(input);
  const id = z.uuid("Choose a customer").parse(contactId);
  const env = await compileEnv(ctx.db, ctx.orgId, now);
  const columns: Record<string, SQL<boolean>> = {
    name: sql<boolean>`trim(${contacts.firstName} || ' ' || ${contacts.lastName})`,
  };
  let n = 0;
  const collect = (node: CriteriaNode) => {
    if (node.kind === "group") return node.children.forEach(collect);
    columns[`c${n++}`] = sql<boolean>`coalesce((${compileCondition(node, env)}), false)`;
  };
  collect(criteria);
  const [row] = await ctx.db
    .select(columns)
    .from(contacts)
    .where(and(eq(contacts.orgId, ctx.orgId), eq(contacts.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("That customer");
  let next = 0;
  const build = (node: CriteriaNode): Explanation => {
    if (node.kind === "condition") {
      const v = row[`c${next++}`] as unknown;
      return { id: node.id, kind: "condition", matched: v === true || v === "t" };
    }
    const children = node.children.map(build);
    const matched =
      children.length === 0 ||
      (node.match === "all" ? children.every((c) => c.matched) : children.some((c) => c.matched));
    return { id: node.id, kind: "group", matched, children };
  };
  const tree = build(criteria);
  return { matched: tree.matched, tree, name: String(row.name) };
}

/**
 * Whether one customer matches criteria now (a playbook branch): the segment count's compiled SQL
 * for that customer alone, in one statement on the organisation. Criteria are checked against the
 * field registry first, so a field that no longer exists is an error naming it, not a silent "no".
 */
export async function customerMatches(
  db: DbOrTx,
  orgId: string,
  contactId: string,
  input: unknown,
  now = new Date(),
): Promise<boolean> {
  const criteria = validateCriteria(input);
  const env = await compileEnv(db, orgId, now);
  const [row] = await db
    .select({ yes: sql<boolean>`coalesce((${compileCriteria(criteria, env)}), false)` })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId)))
    .limit(1);
  return row?.yes === true || (row?.yes as unknown) === "t";
}
