import { ZodError } from "zod";
import { readTextWithin } from "./body-limit";
import { ApiKeyError } from "../api-keys/authenticate";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from "../errors";

export type ApiIssue = { path: string; message: string };

/** A message as a sentence: a capital first letter and a full stop (for API answers). */
export function asSentence(message: string): string {
  const m = message.trim();
  if (!m) return "Something is wrong with this request.";
  const capital = m[0]!.toUpperCase() + m.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export function issuesFromZod(error: ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: asSentence(issue.message),
  }));
}

export function badRequest(message: string, issues: ApiIssue[] = []): Response {
  return json(
    { error: asSentence(message), issues: issues.map((i) => ({ ...i, message: asSentence(i.message) })) },
    400,
  );
}

/** The one mapping of errors to public API answers. Unknown errors never leak details. */
export function apiErrorResponse(error: unknown): Response {
  if (error instanceof ApiKeyError) {
    return json(
      { error: asSentence(error.message) },
      error.status,
      error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : {},
    );
  }
  if (error instanceof ZodError) return badRequest("The request body is not valid.", issuesFromZod(error));
  if (error instanceof ValidationError) {
    return badRequest(
      "The request body is not valid.",
      Object.entries(error.fieldErrors).map(([path, message]) => ({ path, message })),
    );
  }
  if (error instanceof NotFoundError) return json({ error: asSentence(error.message) }, 404);
  if (error instanceof ForbiddenError) return json({ error: asSentence(error.message) }, 403);
  if (error instanceof ConflictError) return json({ error: asSentence(error.message) }, 409);
  if (error instanceof DomainError) return json({ error: asSentence(error.message) }, 400);
  console.error(error);
  return json({ error: "Something went wrong on our side. Nothing was recorded; please retry." }, 500);
}

/**
 * Reads a JSON body of at most `limit` bytes (413 past it, before reading it whole), answering
 * 400 for anything that is not JSON.
 */
export async function readJsonObject(
  request: Request,
  limit: number,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const read = await readTextWithin(request, limit);
  if (!read.ok) return read;
  try {
    const body: unknown = JSON.parse(read.text);
    return { ok: true, body };
  } catch {
    return {
      ok: false,
      response: badRequest("The request body must be JSON.", [{ path: "(body)", message: "This is not valid JSON." }]),
    };
  }
}
