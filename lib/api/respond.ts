import { ZodError } from "zod";
import { ApiKeyError } from "../api-keys/authenticate";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from "../errors";

export type ApiIssue = { path: string; message: string };

export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export function issuesFromZod(error: ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

export function badRequest(message: string, issues: ApiIssue[] = []): Response {
  return json({ error: message, issues }, 400);
}

/** The one mapping of errors to public API answers. Unknown errors never leak details. */
export function apiErrorResponse(error: unknown): Response {
  if (error instanceof ApiKeyError) {
    return json(
      { error: error.message },
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
  if (error instanceof NotFoundError) return json({ error: error.message }, 404);
  if (error instanceof ForbiddenError) return json({ error: error.message }, 403);
  if (error instanceof ConflictError) return json({ error: error.message }, 409);
  if (error instanceof DomainError) return json({ error: error.message }, 400);
  console.error(error);
  return json({ error: "Something went wrong on our side. Nothing was recorded; please retry." }, 500);
}

/** Reads a JSON body, answering 400 for anything that is not a JSON object. */
export async function readJsonObject(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  try {
    const body: unknown = await request.json();
    return { ok: true, body };
  } catch {
    return {
      ok: false,
      response: badRequest("The request body must be JSON.", [{ path: "(body)", message: "Not valid JSON" }]),
    };
  }
}
