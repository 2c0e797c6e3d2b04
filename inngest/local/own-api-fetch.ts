import type { HttpReply } from "./http";

/** The embedded executor's API as this process serves it (the routes, or a test harness's server). */
export type OwnApi = {
  /** The client's base URL: events go to `${base}e/<key>`, checkpoints to `<its origin>/v1/checkpoint/<run>/async`. */
  base: () => string | undefined;
  events: (key: string, body: string) => Promise<HttpReply>;
  checkpoint: (runId: string, authorization: string | null, body: string) => Promise<HttpReply>;
};

type Target = { kind: "events"; key: string } | { kind: "checkpoint"; runId: string };

const CHECKPOINT = /^\/v1\/checkpoint\/([^/?#]+)\/async$/;
const EVENTS = /^e\/([^/?#]+)$/;

/** Which of the executor's own endpoints a URL names, if any. */
export function ownApiTarget(base: string, href: string): Target | null {
  if (href.startsWith(base)) {
    const event = EVENTS.exec(href.slice(base.length));
    if (event) return { kind: "events", key: decodeURIComponent(event[1]!) };
  }
  const origin = new URL(base).origin;
  if (!href.startsWith(`${origin}/`)) return null;
  const checkpoint = CHECKPOINT.exec(href.slice(origin.length));
  return checkpoint ? { kind: "checkpoint", runId: decodeURIComponent(checkpoint[1]!) } : null;
}

/**
 * The fetch the app's own Inngest client uses. What the SDK posts to the embedded executor of
 * this process — the events it sends, the steps it checkpoints during a call — is answered here
 * by the functions the API's routes run, with the same body, keys and replies: a request over
 * loopback HTTP cost more than writing the step it carried (one per playbook step). Anything else
 * goes out with `next`.
 */
export function ownApiFetch(api: OwnApi, next: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  return async (input, init) => {
    const base = api.base();
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const target = base && init?.method === "POST" && typeof init.body === "string" ? ownApiTarget(base, href) : null;
    if (!target) return next(input, init);
    const body = init!.body as string;
    const reply =
      target.kind === "events"
        ? await api.events(target.key, body)
        : await api.checkpoint(target.runId, new Headers(init!.headers).get("authorization"), body);
    return Response.json(reply.body, { status: reply.status });
  };
}
