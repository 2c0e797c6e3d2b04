import { signBody } from "./sign";

export type CallRequest = {
  url: string;
  event: Record<string, unknown>;
  steps: Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }>;
  runId: string;
  attempt: number;
  maxAttempts: number;
  stack: string[];
};

export type CallResult =
  | { kind: "response"; status: number; body: unknown; noRetry: boolean; retryAfter: string | null }
  | { kind: "network"; message: string; timedOut?: boolean };

/** How long a call may take when the executor is given no timeout: a third of the lease, at most a minute. */
export function defaultCallTimeoutMs(leaseMs: number): number {
  return Math.min(Math.round(leaseMs / 3), 60_000);
}

/**
 * One signed call to the app's serve handler (at most one step runs per call). A call that has
 * not answered (headers and body) within `timeoutMs` is abandoned and reported as a network
 * failure with `timedOut`: the run counts it as a failed attempt, never waits on it.
 */
export async function callFunction(
  req: CallRequest,
  signingKey: string,
  timeoutMs: number,
  stop?: AbortSignal,
): Promise<CallResult> {
  const payload = {
    version: 2,
    event: req.event,
    events: [req.event],
    steps: req.steps,
    // ctx.fn_id is left out on purpose: with it the v4 SDK switches to checkpointing callbacks.
    ctx: {
      run_id: req.runId,
      attempt: req.attempt,
      max_attempts: req.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: req.stack, current: req.stack.length },
    },
  };
  const body = JSON.stringify(payload);
  try {
    const res = await fetch(req.url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-inngest-signature": signBody(body, signingKey) },
      signal: stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // a non-JSON body stays text
    }
    return {
      kind: "response",
      status: res.status,
      body: parsed,
      noRetry: res.headers.get("x-inngest-no-retry") === "true",
      retryAfter: res.headers.get("retry-after"),
    };
  } catch (e) {
    const err = e as Error;
    if (err.name === "TimeoutError")
      return { kind: "network", timedOut: true, message: `the app did not answer within ${formatMs(timeoutMs)}` };
    return { kind: "network", message: err.message };
  }
}

export function stepUrl(runtimeUrl: string, stepId: string): string {
  const u = new URL(runtimeUrl);
  u.searchParams.set("stepId", stepId);
  return u.toString();
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
