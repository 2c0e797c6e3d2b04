import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { toActionError, type ActionResult } from "../action-result";
import { requireActionSession, type SessionContext } from "../auth/session";
import type { RequestMeta } from "../context";
import { requestMetaFrom } from "../request-meta";

/** A path to revalidate after success; `layout: true` refreshes everything under it (sidebars, counts). */
export type RevalidateTarget = string | { path: string; layout: true };
type Revalidate<I, R> = readonly RevalidateTarget[] | ((input: I, result: R) => readonly RevalidateTarget[]);

export type ActionContext = SessionContext & { request: RequestMeta };

async function requestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers());
}

/**
 * The one way a server action is written: parse the untrusted input with the verb's zod schema,
 * resolve who is asking on the server, call the domain verb (which checks permission), revalidate,
 * and map typed errors once into an ActionResult. Export the result from a "use server" file:
 *
 *   export const archivePlaybookAction = defineAction(z.object({ id: z.uuid() }), (ctx, { id }) =>
 *     archivePlaybook(ctx, id), { revalidate: ({ id }) => ["/playbooks", `/playbooks/${id}`] });
 */
export function defineAction<S extends z.ZodType, R>(
  schema: S,
  verb: (ctx: ActionContext, input: z.output<S>) => Promise<R>,
  options: { revalidate?: Revalidate<z.output<S>, R> } = {},
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return (input: unknown) =>
    settle(async () => {
      // Session first: a signed-out caller learns nothing about what the input should look like.
      const session = await requireActionSession();
      const parsed = schema.parse(input) as z.output<S>;
      const data = await verb({ ...session, request: await requestMeta() }, parsed);
      revalidate(options.revalidate, parsed, data);
      return data;
    });
}

/**
 * The same for the few actions a signed-out person may call (creating an organisation): the verb
 * gets the request's IP and user agent, and no session.
 */
export function definePublicAction<S extends z.ZodType, R>(
  schema: S,
  verb: (ctx: { request: RequestMeta }, input: z.output<S>) => Promise<R>,
  options: { revalidate?: Revalidate<z.output<S>, R> } = {},
): (input: z.input<S>) => Promise<ActionResult<R>> {
  return (input: unknown) =>
    settle(async () => {
      const parsed = schema.parse(input) as z.output<S>;
      const data = await verb({ request: await requestMeta() }, parsed);
      revalidate(options.revalidate, parsed, data);
      return data;
    });
}

async function settle<R>(work: () => Promise<R>): Promise<ActionResult<R>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are answers, not failures
    return toActionError(error);
  }
}

function revalidate<I, R>(targets: Revalidate<I, R> | undefined, input: I, result: R) {
  const list = typeof targets === "function" ? targets(input, result) : (targets ?? []);
  for (const target of list) {
    if (typeof target === "string") revalidatePath(target);
    else revalidatePath(target.path, "layout");
  }
}

/**
 * An input the domain verb parses with its own schema (it takes `unknown`): typed for the caller,
 * checked here only as an object, so field errors come from the verb with the form's field names.
 */
export function verbInput<T extends object>(): z.ZodType<Record<string, unknown>, T> {
  return z.looseObject({}) as unknown as z.ZodType<Record<string, unknown>, T>;
}
