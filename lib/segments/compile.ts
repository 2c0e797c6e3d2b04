import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { contacts, organizations } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { standardCondition } from "./compile-ops";
import type { CriteriaCondition, CriteriaGroup, CriteriaNode } from "./criteria.schema";
import type { CompileEnv } from "./fields/types";
import { RELATIVE_OPERATORS, type Operator } from "./operators";
import { getField } from "./registry";

/** One condition as SQL over `contacts`. Criteria must have passed validateCriteria. */
export function compileCondition(node: CriteriaCondition, env: CompileEnv): SQL {
  const field = getField(node.field);
  if (!field) throw new Error(`Unknown segment field ${node.field}`);
  const op = node.op as Operator;
  if (field.condition) return field.condition(op, node.value, env);
  return standardCondition(field, field.expr!(env), op, node.value, env);
}

/** A group is AND / OR of its children; an empty group matches everyone. */
export function compileNode(node: CriteriaNode, env: CompileEnv): SQL {
  if (node.kind === "condition") return compileCondition(node, env);
  if (node.children.length === 0) return sql`true`;
  const parts = node.children.map((c) => compileNode(c, env));
  return sql`(${node.match === "all" ? and(...parts) : or(...parts)})`;
}

/** The whole WHERE clause: the organisation first, in the same statement. */
export function compileCriteria(criteria: CriteriaGroup, env: CompileEnv): SQL {
  return and(eq(contacts.orgId, env.orgId), compileNode(criteria, env))!;
}

/** Whether membership can change with the clock alone (refreshed on a schedule). */
export function isTimeRelative(criteria: CriteriaNode): boolean {
  if (criteria.kind === "group") return criteria.children.some(isTimeRelative);
  const field = getField(criteria.field);
  return !!field?.timeRelative || RELATIVE_OPERATORS.includes(criteria.op as Operator);
}

export async function compileEnv(db: DbOrTx, orgId: string, now = new Date()): Promise<CompileEnv> {
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .limit(1);
  return { orgId, now, timeZone: org?.timeZone ?? "UTC" };
}
