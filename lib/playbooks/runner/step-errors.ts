import { RetryAfterError } from "inngest";
import { RetryableEmailError } from "../../email/errors";

/**
 * What a step throws for Inngest: a provider that said when to come back (a 429's retry-after)
 * becomes a RetryAfterError, so the step is retried then rather than on the executor's backoff.
 */
export function asStepError(e: unknown): unknown {
  if (e instanceof RetryableEmailError && e.retryAfterMs != null && e.retryAfterMs > 0)
    return new RetryAfterError(e.message, e.retryAfterMs, { cause: e });
  return e;
}
