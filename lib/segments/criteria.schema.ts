import { z } from "zod";
import { MAX_CONDITIONS, MAX_DEPTH } from "./constants";

/**
 * Criteria as stored and sent by the builder. The shape is checked here; whether a field exists,
 * offers the operator and the value fits its type is checked against the field registry
 * (validate.ts), because fields come from many domains.
 */
export type CriteriaCondition = { kind: "condition"; id: string; field: string; op: string; value?: unknown };
export type CriteriaGroup = { kind: "group"; id: string; match: "all" | "any"; children: CriteriaNode[] };
export type CriteriaNode = CriteriaCondition | CriteriaGroup;

const id = z.string().min(1).max(40);

export const conditionSchema = z.object({
  kind: z.literal("condition"),
  id,
  field: z.string().min(1, "Choose a field").max(80),
  op: z.string().min(1, "Choose an operator").max(40),
  value: z.unknown().optional(),
});

export const groupSchema: z.ZodType<CriteriaGroup> = z.lazy(() =>
  z.object({
    kind: z.literal("group"),
    id,
    match: z.enum(["all", "any"]),
    children: z.array(z.union([conditionSchema, groupSchema])).max(MAX_CONDITIONS),
  }),
);

function depth(node: CriteriaNode): number {
  return node.kind === "group" ? 1 + Math.max(0, ...node.children.map(depth)) : 0;
}

export function conditionsOf(node: CriteriaNode): CriteriaCondition[] {
  return node.kind === "condition" ? [node] : node.children.flatMap(conditionsOf);
}

export const criteriaSchema = groupSchema
  .refine((g) => depth(g) <= MAX_DEPTH, { message: `Groups can nest at most ${MAX_DEPTH} levels deep` })
  .refine((g) => conditionsOf(g).length <= MAX_CONDITIONS, {
    message: `A segment can have at most ${MAX_CONDITIONS} conditions`,
  });

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(80, "Keep the name under 80 characters"),
  description: z.string().trim().max(500, "Keep the description under 500 characters").default(""),
  kind: z.enum(["dynamic", "static"]).default("dynamic"),
  criteria: criteriaSchema.optional(),
});
export type SegmentInput = z.input<typeof segmentInputSchema>;

export function emptyCriteria(): CriteriaGroup {
  return { kind: "group", id: "root", match: "all", children: [] };
}
