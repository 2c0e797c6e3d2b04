import { ZodError } from "zod";
import { DomainError, ValidationError, type FieldErrors } from "./errors";

export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** The one place where errors become what a person reads. Unknown errors never leak details. */
export function toActionError(error: unknown): { ok: false; error: string; fieldErrors?: FieldErrors } {
  if (error instanceof ZodError) {
    const fieldErrors = fieldErrorsFromZod(error);
    return { ok: false, error: "Please correct the highlighted fields.", fieldErrors };
  }
  if (error instanceof ValidationError) {
    return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: error.fieldErrors };
  }
  if (error instanceof DomainError) return { ok: false, error: error.message };
  console.error(error);
  return { ok: false, error: "Something went wrong on our side. Nothing was changed; please try again." };
}
