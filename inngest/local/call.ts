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
  | { kind: "network"; message: string };

/** One signed call to the app's serve handler (at most one step runs per call). */
export async function callFunction(req: CallRequest, signingKey: string, timeoutMs = 15 * 60_000): Promise<CallResult> {
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
      signal: AbortSignal.timeout(timeoutMs),
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
    return { kind: "network", message: (e as Error).message };
  }
}

export function stepUrl(runtimeUrl: string, stepId: string): string {
  const u = new URL(runtimeUrl);
  u.searchParams.set("stepId", stepId);
  return u.toString();
}
