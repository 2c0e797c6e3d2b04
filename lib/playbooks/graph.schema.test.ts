import { describe, expect, it } from "vitest";
import { graphSchema, nextNode, entryNode } from "./graph.schema";

const tpl = "3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f";
const send = (id: string) => ({
  id,
  type: "send_email",
  config: { templateId: tpl, category: "marketing", topicKey: "promotions" },
});
const wait = (id: string) => ({ id, type: "wait", config: { amount: 1, unit: "days" } });

describe("playbook graph", () => {
  it("accepts a branch with yes/no outputs and walks them", () => {
    const g = graphSchema.parse({
      nodes: [
        send("a"),
        { id: "b", type: "branch", config: { condition: { kind: "opened_previous_email" } } },
        wait("c"),
        { id: "d", type: "exit" },
      ],
      edges: [
        { id: "1", source: "a", target: "b" },
        { id: "2", source: "b", target: "c", sourceHandle: "yes" },
        { id: "3", source: "b", target: "d", sourceHandle: "no" },
      ],
    });
    expect(entryNode(g).id).toBe("a");
    expect(nextNode(g, "b", "no")?.id).toBe("d");
    expect(nextNode(g, "c")).toBeNull();
  });

  it("rejects cycles, two entries, unknown outputs, duplicate ids and unknown node types", () => {
    const bad = (nodes: unknown[], edges: unknown[]) =>
      graphSchema.safeParse({ nodes, edges }).error?.issues[0]?.message;
    expect(
      bad(
        [wait("a"), wait("b"), wait("c")],
        [
          { id: "1", source: "a", target: "b" },
          { id: "2", source: "b", target: "c" },
          { id: "3", source: "c", target: "b" },
        ],
      ),
    ).toBe("Steps form a loop");
    expect(bad([wait("a"), wait("b")], [])).toBe("A playbook starts at exactly one step (found 2)");
    expect(bad([wait("a"), wait("b")], [{ id: "1", source: "a", target: "b", sourceHandle: "yes" }])).toBe(
      '"a" has no output "yes"',
    );
    expect(bad([wait("a"), wait("a")], [])).toBe('Node id "a" is used twice');
    expect(bad([{ id: "x", type: "teleport", config: {} }], [])).toBeDefined();
    expect(
      bad(
        [send("a"), wait("b"), wait("c")],
        [
          { id: "1", source: "a", target: "b" },
          { id: "2", source: "a", target: "c" },
        ],
      ),
    ).toBe('"a" output "default" leads to two steps');
  });
});
