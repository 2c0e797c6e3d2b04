import { ValidationError, type FieldErrors } from "../errors";
import { REQUIRABLE_FIELD_LABELS, type RequirableField } from "./constants";

type Values = Partial<Record<RequirableField, unknown>>;

/** Which of the stage's entry requirements the lead (with the given changes) does not meet. */
export function missingRequiredFields(stage: { requiredFields: RequirableField[] }, values: Values): RequirableField[] {
  return stage.requiredFields.filter((f) => {
    const v = values[f];
    return v === null || v === undefined || v === "" || (f === "value" && Number(v) <= 0);
  });
}

export function assertRequiredFields(stage: { name: string; requiredFields: RequirableField[] }, values: Values) {
  const missing = missingRequiredFields(stage, values);
  if (!missing.length) return;
  const errors: FieldErrors = {};
  for (const f of missing) errors[f] = `${REQUIRABLE_FIELD_LABELS[f]} is required to enter ${stage.name}`;
  throw new ValidationError(errors);
}
