import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Resend API (POST /emails, POST /emails/batch), as a real HTTP server
 * so the SDK is exercised end to end via RESEND_BASE_URL. It enforces a sliding-window rate
 * limit, honours Idempotency-Key like Resend (a repeated key returns the first answer and sends
 * nothing), validates addresses, and can inject 429s and 5xx errors.
 */
export type Fault = "429" | "500-before" | "500-after" | null;
export type StubOptions = {
  rateLimit?: number;
  retryAfterSeconds?: number;
  fault?: (requestNumber: number) => Fault;
  /** Holds the answer to a request (counted from 1 like faults) until this promise settles. */
  hold?: (requestNumber: number) => Promise<void> | null;
};
export type StubRequest = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  at: number;
};
type Email = {
  from?: string;
  to?: string[] | string;
  subject?: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
};

export type ResendStub = {
  url: string;
  requests: StubRequest[];
  /** Accepted emails, in order (a message id appearing twice is a duplicate send). */
  accepted: { id: string; messageId: string | null; email: Email }[];
  rateLimited: number;
  close: () => Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? JSON.parse(raw) : null;
}

function problem(e: Email): string | null {
  const to = Array.isArray(e.to) ? e.to : [e.to];
  if (!e.from) return "The `from` field is missing.";
  if (!to.length || to.some((t) => typeof t !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(t)))
    return `Invalid \`to\` field. The email address needs to follow the \`email@example.com\` format.`;
  if (!e.subject) return "The `subject` field is missing.";
  return null;
}

export async function startResendStub(options: StubOptions = {}): Promise<ResendStub> {
  const limit = options.rateLimit ?? 5;
  const starts: number[] = [];
  const cache = new Map<string, { status: number; body: unknown }>();
  let n = 0;
  let counter = 0;
  const stub: ResendStub = { url: "", requests: [], accepted: [], rateLimited: 0, close: async () => {} };

  const accept = (e: Email) => {
    const id = `re_${(++counter).toString(36).padStart(8, "0")}`;
    stub.accepted.push({ id, messageId: e.tags?.find((t) => t.name === "message_id")?.value ?? null, email: e });
    return id;
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req).catch(() => undefined);
    const record = (status: number) =>
      stub.requests.push({ path: req.url ?? "", headers: req.headers, body, status, at: Date.now() });
    const now = Date.now();
    while (starts.length && starts[0]! <= now - 1000) starts.shift();
    if (starts.length >= limit) {
      stub.rateLimited++;
      record(429);
      return json(
        res,
        429,
        {
          statusCode: 429,
          name: "rate_limit_exceeded",
          message: "Too many requests. You can only make 5 requests per second.",
        },
        { "retry-after": String(options.retryAfterSeconds ?? 1) },
      );
    }
    starts.push(now);
    if (!req.headers.authorization?.startsWith("Bearer ")) {
      record(401);
      return json(res, 401, {
        statusCode: 401,
        name: "missing_api_key",
        message: "Missing API key in the authorization header.",
      });
    }
    const number = ++n;
    const fault = options.fault?.(number) ?? null;
    const held = options.hold?.(number);
    if (held) await held;
    if (fault === "429") {
      record(429);
      return json(
        res,
        429,
        { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." },
        { "retry-after": String(options.retryAfterSeconds ?? 1) },
      );
    }
    if (fault === "500-before") {
      record(500);
      return json(res, 500, {
        statusCode: 500,
        name: "internal_server_error",
        message: "An unexpected error occurred.",
      });
    }
    const key = req.headers["idempotency-key"];
    const cacheKey = typeof key === "string" ? `${req.url}|${key}` : null;
    const cached = cacheKey ? cache.get(cacheKey) : undefined;
    let answer: { status: number; body: unknown };
    if (cached) answer = cached;
    else if (req.method === "POST" && req.url === "/emails") {
      const e = body as Email;
      const p = problem(e);
      answer = p
        ? { status: 422, body: { statusCode: 422, name: "validation_error", message: p } }
        : { status: 200, body: { id: accept(e) } };
    } else if (req.method === "POST" && req.url === "/emails/batch") {
      const list = Array.isArray(body) ? (body as Email[]) : [];
      const permissive = req.headers["x-batch-validation"] === "permissive";
      const problems = list.map(problem);
      if (list.length === 0 || list.length > 100)
        answer = {
          status: 422,
          body: { statusCode: 422, name: "validation_error", message: "A batch holds 1 to 100 emails." },
        };
      else if (!permissive && problems.some(Boolean))
        answer = { status: 422, body: { statusCode: 422, name: "validation_error", message: problems.find(Boolean) } };
      else {
        const data: { id: string }[] = [];
        const errors: { index: number; message: string }[] = [];
        list.forEach((e, i) =>
          problems[i] ? errors.push({ index: i, message: problems[i]! }) : data.push({ id: accept(e) }),
        );
        answer = { status: 200, body: permissive ? { data, errors } : { data } };
      }
    } else answer = { status: 404, body: { statusCode: 404, name: "not_found", message: "Not found" } };
    if (cacheKey && !cached && answer.status < 500) cache.set(cacheKey, answer);
    if (fault === "500-after") {
      // Processed, but the answer is lost: only the idempotency key keeps the retry from sending twice.
      record(502);
      return json(res, 502, { statusCode: 502, name: "bad_gateway", message: "Bad gateway" });
    }
    record(answer.status);
    json(res, answer.status, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}
