import type { ActionResult } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * The one message for a failed result. Field errors a form shows beside their fields are left to
 * it; any other field problems are the message (a button has no field to show them on), and
 * otherwise the server's own message.
 */
export function actionMessage(failure: ActionFailure, isShownOnField: (field: string) => boolean = () => false) {
  const elsewhere = Object.entries(failure.fieldErrors ?? {})
    .filter(([field]) => !isShownOnField(field))
    .map(([, problem]) => problem);
  return elsewhere.length ? elsewhere.join(" ") : failure.error;
}

/** A failed action as an Error, for TanStack Query's queryFn and mutationFn. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** The data of a successful result; a failure throws an ActionError carrying its message. */
export async function unwrapAction<T>(result: Promise<ActionResult<T>> | ActionResult<T>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new ActionError(actionMessage(r), r.fieldErrors ?? {});
  return r.data;
}
