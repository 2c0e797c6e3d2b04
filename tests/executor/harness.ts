import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import type { Db } from "@/db/client";
import { advanceClock } from "@/inngest/local/clock";
import { parseDuration } from "@/inngest/local/duration";
import { Executor, type ExecutorOptions } from "@/inngest/local/executor";
import { checkpointRequest, ingestRequest } from "@/inngest/local/http";
import { ownApiFetch, ownApiTarget, type OwnApi } from "@/inngest/local/own-api-fetch";
import { serveHere } from "@/inngest/local/served-here";
import type { TenantOf } from "@/inngest/local/types";
import { organisationOfEvent } from "@/inngest/tenancy";

/**
 * A test app: the real SDK serve handler behind a tiny HTTP server on a loopback port, plus the
 * executor's event API, and an embedded executor with its own environment (safe on a shared
 * PostgreSQL). Keys are fresh per harness, so requests over HTTP are signed exactly as in
 * production. As the app does, it also serves its functions to the executor in process
 * (served-here.ts, unsigned), so calls skip the loopback request unless `overHttp`.
 */
export type Harness = {
  client: Inngest.Any;
  executor: Executor;
  env: string;
  url: string;
  send: (
    events:
      | { name: string; data?: Record<string, unknown>; id?: string }
      | { name: string; data?: Record<string, unknown>; id?: string }[],
  ) => Promise<string[]>;
  advance: (duration: string) => Promise<void>;
  settle: () => Promise<void>;
  /** Stops the executor (as a crash would, between calls) and starts a fresh one on the same database. */
  restart: (whileStopped?: () => Promise<void>) => Promise<void>;
  close: () => Promise<void>;
};

export function testClient(
  appId = `conf-${randomUUID().slice(0, 8)}`,
  keys?: { signingKey: string; eventKey: string },
) {
  const signingKey = keys?.signingKey ?? `signkey-test-${randomBytes(32).toString("hex")}`;
  const eventKey = keys?.eventKey ?? randomBytes(16).toString("hex");
  const box: { url: string; api?: Omit<OwnApi, "base"> } = { url: "" };
  const client = new Inngest({
    id: appId,
    isDev: false,
    signingKey,
    eventKey,
    get baseUrl() {
      return box.url;
    },
    // As the app's client: what it posts to its harness's executor is answered in process.
    fetch: ownApiFetch({
      base: () => (box.api ? box.url : undefined),
      events: (key, body) => box.api!.events(key, body),
      checkpoint: (runId, authorization, body) => box.api!.checkpoint(runId, authorization, body),
    }),
  });
  return { client, signingKey, eventKey, box };
}

export async function startHarness(
  db: Db,
  made: ReturnType<typeof testClient>,
  functions: InngestFunction.Any[],
  opts: {
    maxInFlight?: number;
    env?: string;
    port?: number;
    releaseLeasesAtStart?: boolean;
    leaseMs?: number;
    callTimeoutMs?: number;
    /** How often an idle executor looks for due work (25 ms: tests wait on it; longer saves CPU). */
    pollMs?: number;
    eventBatch?: number;
    /** Whose runs they are (default: the organisation the event names, as the app does). */
    tenantOf?: TenantOf;
    /** A call is about to start (benches count them). */
    onCall?: ExecutorOptions["onCall"];
    /** Calls go over loopback HTTP, as to an app in another process (default: in process). */
    overHttp?: boolean;
  } = {},
): Promise<Harness> {
  const { client, signingKey, eventKey, box } = made;
  const env = opts.env ?? `test-${randomUUID()}`;
  const handler = serve({ client, functions, servePath: "/api/inngest" });
  let executor: Executor | undefined;
  // The executor's own APIs, as the app's routes serve them: events, and the SDK's checkpoints.
  box.api = {
    events: (key, text) =>
      ingestRequest(db, env, key, eventKey, text).then((reply) => {
        if (reply.status === 200) executor?.notifyEvents();
        return reply;
      }),
    checkpoint: (runId, authorization, text) => checkpointRequest(runId, authorization, signingKey, text),
  };
  const server: Server = createServer((req, res) => {
    // The same endpoints the client answers in process (ownApiTarget), here for other callers.
    const target = req.method === "POST" ? ownApiTarget(box.url, `${url}${req.url ?? ""}`) : null;
    if (target) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const reply =
          target.kind === "events"
            ? box.api!.events(target.key, text)
            : box.api!.checkpoint(target.runId, req.headers.authorization ?? null, text);
        reply
          .then((r) => res.writeHead(r.status, { "content-type": "application/json" }).end(JSON.stringify(r.body)))
          .catch((e: Error) => res.writeHead(500).end(e.message));
      });
      return;
    }
    void handler(req, res);
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  box.url = `${url}/`;
  const stopServingHere = opts.overHttp
    ? () => {}
    : serveHere(`${url}/api/inngest`, { client, functions, servePath: "/api/inngest" });
  const makeExecutor = () =>
    new Executor({
      db,
      env,
      serveUrl: `${url}/api/inngest`,
      signingKey,
      pollMs: opts.pollMs ?? 25,
      eventBatch: opts.eventBatch,
      releaseLeasesAtStart: opts.releaseLeasesAtStart,
      leaseMs: opts.leaseMs,
      callTimeoutMs: opts.callTimeoutMs,
      maxInFlight: opts.maxInFlight ?? 8,
      // As the app runs it: a run belongs to the organisation its event names.
      tenantOf: opts.tenantOf ?? organisationOfEvent,
      onCall: opts.onCall,
      log: (level, m) => level === "error" && !m.includes("cannot run") && console.error(m),
    });
  executor = makeExecutor();
  await executor.start();
  const h: Harness = {
    client,
    executor,
    env,
    url,
    send: async (events) => (await client.send(events as never)).ids,
    advance: async (duration) => {
      await advanceClock(db, parseDuration(duration)!);
      await h.executor.whenIdle();
    },
    settle: () => h.executor.whenIdle(),
    restart: async (whileStopped) => {
      await h.executor.stop();
      await whileStopped?.();
      executor = h.executor = makeExecutor();
      await executor.start({ sync: false });
    },
    close: async () => {
      await h.executor.stop();
      stopServingHere();
      // A call the app never answered (a hung step) must not keep the server open.
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  return h;
}
