import { getDb } from "@/db/client";
import { BODY_LIMITS, readBodyWithin } from "@/lib/api/body-limit";
import { readUnsubscribeToken } from "@/lib/email/links";
import { changePreferences, loadPreferences, type PreferenceChange } from "@/lib/email/unsubscribe";
import { invalidLinkPage, preferencePage } from "./preference-html";

// Public: no session, no cookie, no CSRF token — the signed token is the whole authority.
export const dynamic = "force-dynamic";

const HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };
const html = (body: string, status = 200) =>
  new Response(body, { status, headers: { ...HEADERS, "content-type": "text/html; charset=utf-8" } });
const invalid = () => html(invalidLinkPage(), 400);

type Params = { params: Promise<{ token: string }> };

/** Shows the page. Never changes anything: link scanners open links. */
export async function GET(_request: Request, { params }: Params) {
  const claims = readUnsubscribeToken((await params).token);
  if (!claims) return invalid();
  const prefs = await loadPreferences(await getDb(), claims);
  return prefs ? html(preferencePage(prefs, null)) : invalid();
}

const plain = (body: string, status: number) =>
  new Response(body, { status, headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" } });

/** The form, read within the endpoint's size limit (null: too large, answered with 413). */
async function readForm(request: Request): Promise<{ form: URLSearchParams } | { response: Response }> {
  const read = await readBodyWithin(request, BODY_LIMITS.unsubscribe, (message) => plain(`${message}\n`, 413));
  if (!read.ok) return { response: read.response };
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.includes("multipart/form-data")) {
      const form = await new Response(read.bytes, { headers: { "content-type": type } }).formData();
      return {
        form: new URLSearchParams([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))),
      };
    }
    return { form: new URLSearchParams(new TextDecoder().decode(read.bytes)) };
  } catch {
    return { form: new URLSearchParams() };
  }
}

const NOTICES: Record<PreferenceChange["action"], (topic: string) => string> = {
  unsubscribe_topic: (t) => `You are unsubscribed from ${t}.`,
  resubscribe_topic: (t) => `You are subscribed to ${t} again.`,
  unsubscribe_all: () => "You are unsubscribed from all marketing email.",
  resubscribe_all: () => "You are subscribed to marketing email again.",
};

/**
 * RFC 8058 one-click (`List-Unsubscribe=One-Click`): unsubscribes from the message's topic (or
 * everything when it has none) and answers 200 with no redirect. The page's own buttons post here too.
 */
export async function POST(request: Request, { params }: Params) {
  const claims = readUnsubscribeToken((await params).token);
  if (!claims) return invalid();
  const read = await readForm(request);
  if ("response" in read) return read.response;
  const form = read.form;
  const db = await getDb();
  if (form.get("List-Unsubscribe") === "One-Click") {
    const change: PreferenceChange = claims.topicKey
      ? { action: "unsubscribe_topic", topicKey: claims.topicKey }
      : { action: "unsubscribe_all" };
    const ok = await changePreferences(db, claims, change, "one_click");
    return ok
      ? new Response("Unsubscribed.\n", {
          status: 200,
          headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" },
        })
      : invalid();
  }
  const action = form.get("action");
  const topic = form.get("topic") ?? "";
  let change: PreferenceChange;
  if (action === "unsubscribe_all" || action === "resubscribe_all") change = { action };
  else if ((action === "unsubscribe_topic" || action === "resubscribe_topic") && topic)
    change = { action, topicKey: topic };
  else
    return new Response("Unknown request.\n", {
      status: 400,
      headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" },
    });
  if (!(await changePreferences(db, claims, change, "page"))) return invalid();
  const prefs = await loadPreferences(db, claims);
  if (!prefs) return invalid();
  const topicName = prefs.topics.find((t) => t.key === topic)?.name ?? topic;
  return html(preferencePage(prefs, NOTICES[change.action](topicName)));
}
