import { AsyncResource } from "node:async_hooks";
import { InngestCommHandler, type ServeHandlerOptions } from "inngest";

/** A call to a serve handler as the executor would make it over HTTP: its URL, body and headers. */
export type InProcessCall = { url: string; body: string; headers: Record<string, string> };
/** The handler's answer; header names in lower case. */
export type InProcessReply = { status: number; body: string; headers: Record<string, string> };
export type InProcessHandler = (call: InProcessCall) => Promise<InProcessReply>;

/**
 * The SDK's serve handler for calls made in this process: the same InngestCommHandler every
 * framework adapter builds (steps, checkpoints, retries), fed the call as it is instead of through
 * an HTTP request and response. Unsigned: a signature proves where a request over the network
 * came from, and this one cannot come from anywhere but this process's executor (the route over
 * HTTP still checks every signature). Signing, checking and signing the answer cost the call a
 * canonical JSON copy of its body and three HMACs.
 */
export function inProcessHandler(options: ServeHandlerOptions): InProcessHandler {
  const handle = new InngestCommHandler({
    frameworkName: "tend-in-process",
    ...options,
    skipSignatureValidation: true,
    handler: (call: InProcessCall) => ({
      body: () => call.body,
      headers: (key: string) => call.headers[key.toLowerCase()] ?? null,
      method: () => "POST",
      url: () => new URL(call.url),
      transformResponse: ({
        body,
        status,
        headers,
      }: {
        body: string;
        status: number;
        headers: Record<string, string>;
      }) =>
        ({
          status,
          body,
          headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        }) satisfies InProcessReply,
    }),
  }).createHandler() as unknown as InProcessHandler;
  // As a request arriving over HTTP would, the call starts outside whatever async context the
  // executor was woken in (a step's, a rate limiter slot's): made here, at module load.
  return (call) => outsideAnyContext.runInAsyncScope(() => handle(call));
}

const outsideAnyContext = new AsyncResource("tend.in-process-call");

type Entry = { url: () => string | undefined; handler: InProcessHandler };
const key = Symbol.for("tend.inngest.served-here");
type G = typeof globalThis & { [key]?: Map<string, Entry> };
// On globalThis: Next bundles the route that registers apart from the executor that looks up.
const entries = () => ((globalThis as G)[key] ??= new Map());

/**
 * Serves `options.client`'s functions to this process's embedded executor without HTTP, for calls
 * to `url` (read when a call is made; undefined serves none). Registering the same client again
 * replaces it. Returns the way to stop.
 */
export function serveHere(url: string | (() => string | undefined), options: ServeHandlerOptions): () => void {
  const entry: Entry = { url: typeof url === "string" ? () => url : url, handler: inProcessHandler(options) };
  const name = (options.client as unknown as { id: string }).id;
  entries().set(name, entry);
  return () => {
    if (entries().get(name) === entry) entries().delete(name);
  };
}

/** The handler serving `url` (its query aside) in this process, if any. */
export function servedHere(url: string): InProcessHandler | undefined {
  if (entries().size === 0) return undefined;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  for (const entry of entries().values()) if (entry.url() === path) return entry.handler;
  return undefined;
}
