"use client";

import { useCallback, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import { actionMessage } from "./action-feedback";

type Options = {
  /** Fields this component shows beside their inputs; every other field error joins the message. */
  fields?: readonly string[] | ((field: string) => boolean);
  /**
   * Refresh the page's server components after a success. Off by default: defineAction
   * revalidates, and Next sends the re-rendered page with the action's answer, so a second
   * refresh only doubles the work (and re-prefetches every link on the page).
   */
  refresh?: boolean;
};

export type UseActionOptions<I, R> = Options & {
  onSuccess?: (data: R, input: I) => void;
  /** What to announce after a success (shown as `done`). */
  done?: string | ((data: R, input: I) => string);
};

/** For one run: what to announce and do after its success. */
export type RunOptions<R> = { done?: string | ((data: R) => string); onSuccess?: (data: R) => void };

type Feedback = { error: string | null; fieldErrors: FieldErrors; done: string | null };
const NONE: Feedback = { error: null, fieldErrors: {}, done: null };

/**
 * Runs server actions made with defineAction and keeps what to show: field errors by field (for
 * inputs to show beside themselves), one message otherwise (`error`), and the `done` announcement
 * after a success. Forms with react-hook-form use useServerForm, which puts the same field errors
 * on its fields.
 */
function useActionRunner(options: Options) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback>(NONE);
  const { fields = [], refresh = false } = options;

  const perform = <R>(call: () => Promise<ActionResult<R>>, once: RunOptions<R> = {}) =>
    new Promise<ActionResult<R>>((resolve) =>
      startTransition(async () => {
        setFeedback(NONE);
        const result = await call();
        const shown = typeof fields === "function" ? fields : (field: string) => fields.includes(field);
        if (result.ok) {
          const done = typeof once.done === "function" ? once.done(result.data) : (once.done ?? null);
          setFeedback({ ...NONE, done });
          once.onSuccess?.(result.data);
          if (refresh) router.refresh();
        } else {
          const error = actionMessage(result, shown);
          setFeedback({ error, fieldErrors: result.fieldErrors ?? {}, done: null });
        }
        resolve(result);
      }),
    );

  const reset = useCallback(() => setFeedback(NONE), []);
  return {
    perform,
    pending,
    error: feedback.error,
    done: feedback.done,
    fieldErrors: feedback.fieldErrors,
    /** The message for one field, if the server named it. */
    fieldError: (name: string): string | undefined => feedback.fieldErrors[name],
    reset,
  };
}

/** One action: `const { run, pending, error } = useAction(deleteSegmentAction)`, then `run({ id })`. */
export function useAction<I, R>(action: (input: I) => Promise<ActionResult<R>>, options: UseActionOptions<I, R> = {}) {
  const { perform, ...state } = useActionRunner(options);
  const run = (input: I, once: RunOptions<R> = {}) =>
    perform(() => action(input), {
      done: (data) => {
        const done = once.done ?? options.done;
        return typeof done === "function" ? done(data, input) : (done ?? "");
      },
      onSuccess: (data) => {
        options.onSuccess?.(data, input);
        once.onSuccess?.(data);
      },
    });
  return { run, ...state, done: state.done || null };
}

/**
 * For a component whose controls run different actions and share one message:
 * `run(() => setStageAction({ contactId, stage }), { done: "Saved." })`.
 */
export function useActions(options: Options = {}) {
  const { perform, ...state } = useActionRunner(options);
  return { run: perform, ...state };
}
