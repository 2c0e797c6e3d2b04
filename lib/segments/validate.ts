import { ValidationError, type FieldErrors } from "@/lib/errors";
import { criteriaSchema, type CriteriaGroup, type CriteriaNode } from "./criteria.schema";
import { OPERATORS, OPERATOR_LABELS, type Operator } from "./operators";
import { getField } from "./registry";
import { valueSchemaFor } from "./values";
import { isMissingValue, missingValueMessage } from "./missing-value";

/**
 * Parses criteria and checks every condition against the field registry: the field exists, it
 * offers the operator, the value fits. Errors name the condition by its path ("criteria.1.0").
 * Returns criteria whose values are the parsed (trimmed, typed) ones.
 */
export function validateCriteria(input: unknown): CriteriaGroup {
  const parsed = criteriaSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError({ [["criteria", ...issue.path].join(".")]: issue.message });
  }
  const errors: FieldErrors = {};
  const walk = (node: CriteriaNode, path: string): CriteriaNode => {
    if (node.kind === "group") return { ...node, children: node.children.map((c, i) => walk(c, `${path}.${i}`)) };
    const field = getField(node.field);
    if (!field) {
      errors[path] = `Unknown field "${node.field.slice(0, 80)}"`;
      return node;
    }
    if (!(OPERATORS[field.type] as readonly string[]).includes(node.op)) {
      errors[path] = `${field.label} cannot use "${node.op.slice(0, 40)}"`;
      return node;
    }
    const op = node.op as Operator;
    const schema = field.valueSchema?.(op) ?? valueSchemaFor(field.type, op);
    if (!schema) return { ...node, value: undefined };
    if (isMissingValue(op, node.value)) {
      errors[path] = `${field.label}: ${missingValueMessage(field, op)}`;
      return node;
    }
    const value = schema.safeParse(node.value);
    if (!value.success) {
      errors[path] = `${field.label} ${OPERATOR_LABELS[op]}: ${value.error.issues[0]!.message}`;
      return node;
    }
    return { ...node, value: value.data };
  };
  const out = walk(parsed.data, "criteria") as CriteriaGroup;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return out;
}
