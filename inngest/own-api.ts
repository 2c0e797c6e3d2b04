import type { ServeHandlerOptions } from "inngest";
import { getDb } from "@/db/client";
import { runningExecutor } from "./local/executor";
import { checkpointRequest, ingestRequest } from "./local/http";
import type { OwnApi } from "./local/own-api-fetch";
import { serveHere } from "./local/served-here";
import { currentTarget } from "./target";

const embedded = () => {
  const t = currentTarget();
  return t.kind === "embedded" ? t : undefined;
};

/** Where the embedded executor calls the app's functions; undefined when another Inngest runs them. */
export function embeddedServeUrl(): string | undefined {
  const t = embedded();
  return t ? `${t.internalUrl}/api/inngest` : undefined;
}

/**
 * Serves the app's functions to the embedded executor of this process without a request over
 * loopback HTTP (the route module calls it when first loaded, which the executor's sync does):
 * such a request cost more than an empty call's work in the SDK.
 */
export const serveInThisProcess = (options: ServeHandlerOptions) => serveHere(embeddedServeUrl, options);

/**
 * The embedded executor's API of this process: its routes (app/api/executor) answer with it, and
 * so does the app's own client for what it posts to this process (inngest/client.ts).
 */
export const ownApi: OwnApi & { embedded: typeof embedded } = {
  embedded,
  // The trailing slash matters: the SDK posts events to new URL("e/<key>", base).
  base: () => {
    const t = embedded();
    return t ? `${t.internalUrl}/api/executor/` : undefined;
  },
  async events(key, body) {
    const reply = await ingestRequest(await getDb(), "default", key, embedded()!.eventKey, body);
    if (reply.status === 200) runningExecutor()?.notifyEvents();
    return reply;
  },
  checkpoint: (runId, authorization, body) => checkpointRequest(runId, authorization, embedded()!.signingKey, body),
};
