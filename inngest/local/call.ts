import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { servedHere, type InProcessHandler } from "./served-here";
import { signBody } from "./sign";

export type CallRequest = {
  url: string;
  event: Record<string, unknown>;
  /** A batch's events (the function takes batches); otherwise the one event. */
  events?: Record<string, unknown>[] | null;
  steps: Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }>;
  runId: string;
  attempt: number;
  maxAttempts: number;
  stack: string[];
  /**
   * Lets the SDK run on past a step in the same call (its async checkpointing): it posts each
   * step's result to the executor (/v1/checkpoint/<run>/async, naming the call by queueItemId)
   * and goes on to the next step, so a step and the sleep after it cost one call, not two.
   */
  checkpoint?: { fnId: string; queueItemId: string };
};

export type CallResult =
  | { kind: "response"; status: number; body: unknown; noRetry: boolean; retryAfter: string | null }
  | { kind: "network"; message: string; timedOut?: boolean };

/** How long a call may take when the executor is given no timeout: a third of the lease, at most a minute. */
export function defaultCallTimeoutMs(leaseMs: number): number {
  return Math.min(Math.round(leaseMs / 3), 60_000);
}

/**
 * One call to the app's serve handler (at most one step runs per call): handed to it directly
 * when this process serves that URL (served-here.ts), otherwise signed, over HTTP. A call that
 * has not answered (headers and body) within `timeoutMs` is abandoned and reported as a network
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
    events: req.events ?? [req.event],
    steps: req.steps,
    // With ctx.fn_id and ctx.qi_id the SDK checkpoints; without them it answers after one step.
    ctx: {
      ...(req.checkpoint ? { fn_id: req.checkpoint.fnId, qi_id: req.checkpoint.queueItemId } : {}),
      run_id: req.runId,
      attempt: req.attempt,
      max_attempts: req.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: req.stack, current: req.stack.length },
    },
  };
  const body = JSON.stringify(payload);
  // Our own timer, and the call raced against it: on Node 20 a signal made by AbortSignal.any from
  // AbortSignal.timeout is garbage-collected mid-call and never aborts it (call.test.ts shows it),
  // which left a run "running" for good. The race gives up even if an abort got lost. A call
  // handed over in process has no request to abort: the race alone ends it.
  const here = servedHere(req.url);
  const abort = here ? undefined : new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onStop = () => {};
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      abort?.abort();
      reject(new Error("timed out"));
    }, timeoutMs);
    onStop = () => {
      abort?.abort();
      reject(new Error("stopped"));
    };
  });
  stop?.addEventListener("abort", onStop, { once: true });
  if (stop?.aborted) onStop();
  try {
    const answering = here ? answerHere(here, req.url, body) : answer(req.url, body, signingKey, abort!.signal);
    return await Promise.race([gaveUp, answering]);
  } catch (e) {
    if (timedOut)
      return { kind: "network", timedOut: true, message: `the app did not answer within ${formatMs(timeoutMs)}` };
    return { kind: "network", message: (e as Error).message };
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener("abort", onStop);
  }
}

// Keep-alive agents of node:http: the same one-request-per-call as fetch, at less CPU (undici's
// fetch wraps every body in web streams, and a call is mostly overhead). Node 20's agent closes an
// idle socket before the server's Keep-Alive timeout, so a call is not written to a closing one.
const agents = {
  "http:": new HttpAgent({ keepAlive: true }),
  "https:": new HttpsAgent({ keepAlive: true }),
};

function answer(url: string, body: string, signingKey: string, signal: AbortSignal): Promise<CallResult> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: "POST",
        agent: agents[target.protocol as keyof typeof agents],
        signal,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-inngest-signature": signBody(body, signingKey),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () =>
          resolve(
            reply(
              res.statusCode ?? 0,
              Buffer.concat(chunks).toString("utf8"),
              res.headers as Record<string, string | undefined>,
            ),
          ),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function answerHere(handler: InProcessHandler, url: string, body: string) {
  const headers = { host: new URL(url).host, "content-type": "application/json" };
  const answered = await handler({ url, body, headers });
  return reply(answered.status, answered.body, answered.headers);
}

/** An answer as the run reads it; header names in lower case. */
function reply(status: number, text: string, headers: Record<string, string | undefined>): CallResult {
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // a non-JSON body stays text
  }
  return {
    kind: "response",
    status,
    body: parsed,
    noRetry: headers["x-inngest-no-retry"] === "true",
    retryAfter: headers["retry-after"] ?? null,
  };
}

export function stepUrl(runtimeUrl: string, stepId: string): string {
  const u = new URL(runtimeUrl);
  u.searchParams.set("stepId", stepId);
  return u.toString();
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
