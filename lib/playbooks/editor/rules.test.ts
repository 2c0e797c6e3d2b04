import { describe, expect, it } from "vitest";
import { validateDraft, type DraftGraph, type DraftNode } from "./graph-ops";

const TPL = "7b0b0c5e-3f7a-4a8e-9d9b-2f1f5c6a7b8c";
const CODE_TPL = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const templates = [
  { id: TPL, usesDiscount: false },
  { id: CODE_TPL, usesDiscount: true },
];
const n = (id: string, type: DraftNode["type"], config: Record<string, unknown> = {}): DraftNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});
const e = (source: string, target: string, sourceHandle: string | null = null) => ({
  id: `${source}-${sourceHandle ?? "next"}-${target}`,
  source,
  target,
  sourceHandle,
});
const send = (id: string, templateId = TPL, extra: Record<string, unknown> = {}) =>
  n(id, "send_email", { templateId, category: "transactional", topicKey: null, onQuietHours: "defer", ...extra });
const line = (...nodes: DraftNode[]): DraftGraph => ({
  nodes,
  edges: nodes.slice(1).map((x, i) => e(nodes[i]!.id, x.id)),
});
const problemsOf = (g: DraftGraph, opts: Parameters<typeof validateDraft>[1] = {}) =>
  validateDraft(g, { templates, production: true, ...opts });

describe("publishing rules, one by one", () => {
  it("a valid line has no problems", () => {
    expect(problemsOf(line(n("tag", "add_tag", { tag: "vip" }), send("mail")))).toEqual({});
  });

  it("unreachable steps", () => {
    // "c" and "d" only lead to each other: neither is the entry, and the entry never reaches them.
    const g = line(n("a", "add_tag", { tag: "x" }), n("b", "wait", { amount: 1, unit: "days" }));
    const island: DraftGraph = {
      nodes: [...g.nodes, n("c", "wait", { amount: 1, unit: "days" }), n("d", "wait", { amount: 2, unit: "days" })],
      edges: [...g.edges, e("c", "d"), e("d", "c")],
    };
    expect(problemsOf(island)).toEqual({ c: [{ field: "", message: 'Step "c" cannot be reached' }] });
  });

  it("cycles", () => {
    const g: DraftGraph = {
      nodes: [
        n("a", "add_tag", { tag: "x" }),
        n("b", "wait", { amount: 1, unit: "days" }),
        n("c", "wait", { amount: 2, unit: "days" }),
      ],
      edges: [e("a", "b"), e("b", "c"), e("c", "b")],
    };
    expect(problemsOf(g)[""]).toEqual([{ field: "", message: "Steps form a loop" }]);
  });

  it("open outputs: a branch or a wait for event must say where each output goes", () => {
    const g: DraftGraph = {
      nodes: [
        n("br", "branch", { condition: { kind: "opened_previous_email" } }),
        send("yes"),
        n("ev", "wait_for_event", { event: "crm/payment.succeeded", timeoutHours: 24 }),
        n("done", "exit"),
      ],
      edges: [e("br", "yes", "yes"), e("br", "ev", "no"), e("ev", "done", "received")],
    };
    expect(problemsOf(g)).toEqual({
      ev: [
        {
          field: "output.timed_out",
          message: "The “Timed out” output leads nowhere: connect it (an Exit step ends the run there)",
        },
      ],
    });
    // The last step of a line ends the run: that is not an open output.
    expect(problemsOf(line(send("only")))).toEqual({});
  });

  it("a send without a template", () => {
    expect(problemsOf(line(send("mail", "")))).toEqual({
      mail: [{ field: "config.templateId", message: "Choose a template" }],
    });
  });

  it("a marketing send without a topic", () => {
    const g = line(send("mail", TPL, { category: "marketing", topicKey: null }));
    expect(problemsOf(g)).toEqual({ mail: [{ field: "config.topicKey", message: "A marketing email needs a topic" }] });
    expect(problemsOf(line(send("mail", TPL, { category: "marketing", topicKey: "news" })))).toEqual({});
  });

  it("{{discount.code}} used before a discount step on some path", () => {
    const code = n("code", "create_discount", { kind: "percent", value: 15, validDays: 14, singleUse: true });
    expect(problemsOf(line(code, send("offer", CODE_TPL)))).toEqual({});
    const before = line(send("offer", CODE_TPL), code);
    expect(problemsOf(before).offer).toEqual([
      {
        field: "config.templateId",
        message: "This template uses {{discount.code}}: put a Discount code step before it on every path",
      },
    ]);
    // Only one arm of a branch makes a code; both arms meet at the offer.
    const arms: DraftGraph = {
      nodes: [n("br", "branch", { condition: { kind: "opened_previous_email" } }), code, send("offer", CODE_TPL)],
      edges: [e("br", "code", "yes"), e("br", "offer", "no"), e("code", "offer")],
    };
    expect(problemsOf(arms).offer?.[0]?.field).toBe("config.templateId");
    // A template without the code needs no discount step.
    expect(problemsOf(line(send("plain", TPL)))).toEqual({});
  });

  it("a wait for event without a timeout", () => {
    const g = line(n("ev", "wait_for_event", { event: "crm/payment.succeeded" }));
    expect(problemsOf(g).ev).toContainEqual({
      field: "config.timeoutHours",
      message: "A wait for an event needs a timeout (in hours)",
    });
  });

  it("a wait until with no time", () => {
    const g = line(n("until", "wait_until", { mode: "weekday_time", weekday: 1 }));
    expect(problemsOf(g).until).toEqual([{ field: "config.time", message: "Choose a time" }]);
  });

  it("a webhook URL that is not https; localhost over http only outside production", () => {
    const hook = (url: string) => line(n("hook", "webhook", { url }));
    expect(problemsOf(hook("https://hooks.example.com/x"))).toEqual({});
    expect(problemsOf(hook("http://hooks.example.com/x")).hook).toEqual([
      { field: "config.url", message: "A webhook URL must start with https://" },
    ]);
    expect(problemsOf(hook("http://localhost:4000/x")).hook?.[0]?.field).toBe("config.url");
    expect(problemsOf(hook("http://localhost:4000/x"), { production: false })).toEqual({});
    expect(problemsOf(hook("http://hooks.example.com/x"), { production: false }).hook).toEqual([
      {
        field: "config.url",
        message: "A webhook URL must start with https:// (http:// only to localhost while testing)",
      },
    ]);
  });

  it("split percentages must add up to 100", () => {
    const split = (percent: unknown) => ({
      nodes: [n("split", "branch", { condition: { kind: "random", percent } }), n("a", "exit"), n("b", "exit")],
      edges: [e("split", "a", "yes"), e("split", "b", "no")],
    });
    expect(problemsOf(split(30))).toEqual({});
    for (const bad of [0, 100, 30.5]) {
      const p = problemsOf(split(bad)).split ?? [];
      expect(p).toHaveLength(1);
      expect(p[0]!.field).toBe("config.condition.percent");
    }
  });
});
