import { NODE_OUTPUTS, type NodeType } from "../graph.schema";
import type { DraftGraph } from "./graph-ops";

/**
 * Publishing rules beyond each step's own settings and the graph's shape (client-safe, pure):
 * what the issue asks the editor to catch before a playbook goes live. Each returns problems as
 * [node id, field, message].
 */
export type RuleProblem = [nodeId: string, field: string, message: string];

/** What the rules know about a template: whether its subject or body uses `{{discount.…}}`. */
export type RuleTemplate = { id: string; usesDiscount: boolean };
export type RuleOptions = {
  templates?: readonly RuleTemplate[];
  /** In production a webhook must be https; elsewhere http://localhost is allowed for testing. */
  production?: boolean;
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const HANDLE_WORDS: Record<string, string> = {
  yes: "“Yes”",
  no: "“No”",
  received: "“Received”",
  timed_out: "“Timed out”",
};

/** A step with several outputs must say where each goes: an open one would end runs silently. */
function openOutputs(g: DraftGraph): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const n of g.nodes) {
    const outs = NODE_OUTPUTS[n.type as NodeType] ?? [];
    if (outs.length < 2) continue;
    for (const h of outs)
      if (!g.edges.some((e) => e.source === n.id && e.sourceHandle === h))
        out.push([
          n.id,
          `output.${h}`,
          `The ${HANDLE_WORDS[h!] ?? h} output leads nowhere: connect it (an Exit step ends the run there)`,
        ]);
  }
  return out;
}

/** Marketing emails are unsubscribed from by topic: one without a topic cannot be opted out of precisely. */
function marketingWithoutTopic(g: DraftGraph): RuleProblem[] {
  return g.nodes
    .filter((n) => n.type === "send_email" && n.config.category === "marketing" && !n.config.topicKey)
    .map((n) => [n.id, "config.topicKey", "A marketing email needs a topic"]);
}

/**
 * A template using `{{discount.code}}` must come after a discount step on every path to it;
 * otherwise some customers get an email with an empty code. Skipped when the graph loops
 * (the structural check reports that).
 */
function discountBeforeUse(g: DraftGraph, templates: readonly RuleTemplate[]): RuleProblem[] {
  const usesDiscount = new Set(templates.filter((t) => t.usesDiscount).map((t) => t.id));
  if (!usesDiscount.size) return [];
  const preds = new Map<string, string[]>(g.nodes.map((n) => [n.id, []]));
  for (const e of g.edges) preds.get(e.target)?.push(e.source);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  // covered(n): every path from an entry into n has passed a discount step (n itself excluded).
  const covered = new Map<string, boolean>();
  const visiting = new Set<string>();
  let loop = false;
  const cov = (id: string): boolean => {
    const known = covered.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) {
      loop = true;
      return false;
    }
    visiting.add(id);
    const ps = preds.get(id) ?? [];
    const v = ps.length > 0 && ps.every((p) => byId.get(p)?.type === "create_discount" || cov(p));
    visiting.delete(id);
    covered.set(id, v);
    return v;
  };
  const out: RuleProblem[] = [];
  for (const n of g.nodes)
    if (n.type === "send_email" && usesDiscount.has(String(n.config.templateId)) && !cov(n.id))
      out.push([
        n.id,
        "config.templateId",
        "This template uses {{discount.code}}: put a Discount code step before it on every path",
      ]);
  return loop ? [] : out;
}

/** Runs POST customer data: only over https, except to this machine while testing. */
function webhookNotHttps(g: DraftGraph, production: boolean): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const n of g.nodes) {
    if (n.type !== "webhook" || typeof n.config.url !== "string") continue;
    let url: URL;
    try {
      url = new URL(n.config.url);
    } catch {
      continue; // the step's own schema reports a malformed URL
    }
    if (url.protocol === "https:") continue;
    if (!production && url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) continue;
    out.push([
      n.id,
      "config.url",
      production
        ? "A webhook URL must start with https://"
        : "A webhook URL must start with https:// (http:// only to localhost while testing)",
    ]);
  }
  return out;
}

/** Both arms of a random split together send everyone somewhere: their shares add up to 100%. */
function splitNotHundred(g: DraftGraph): RuleProblem[] {
  return g.nodes
    .filter((n) => n.type === "branch")
    .flatMap((n): RuleProblem[] => {
      const c = n.config.condition as { kind?: string; percent?: unknown } | undefined;
      if (c?.kind !== "random") return [];
      const p = c.percent;
      return typeof p === "number" && Number.isInteger(p) && p >= 1 && p <= 99
        ? []
        : [[n.id, "config.condition.percent", "The two arms of a split must add up to 100% (each from 1% to 99%)"]];
    });
}

export function publishRuleProblems(g: DraftGraph, opts: RuleOptions = {}): RuleProblem[] {
  const production = opts.production ?? process.env.NODE_ENV === "production";
  return [
    ...openOutputs(g),
    ...marketingWithoutTopic(g),
    ...discountBeforeUse(g, opts.templates ?? []),
    ...webhookNotHttps(g, production),
    ...splitNotHundred(g),
  ];
}
