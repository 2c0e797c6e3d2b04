import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

/** A write that records each statement's items and answers after `delayMs` (0: the next turn). */
function recorder(opts: { failOn?: string; delayMs?: number } = {}) {
  const statements: string[][] = [];
  let inFlight = 0;
  let overlapped = false;
  const write = async (items: string[]) => {
    statements.push([...items]);
    inFlight++;
    if (inFlight > 1) overlapped = true;
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
    inFlight--;
    if (opts.failOn && items.includes(opts.failOn)) throw new Error(`bad item ${opts.failOn}`);
    return items.map((i) => `stored ${i}`);
  };
  return { write, statements, overlapped: () => overlapped };
}

describe("coalesce (group commit)", () => {
  it("writes the items handed in together in one statement, each caller getting its own result", async () => {
    const r = recorder();
    const put = coalesce(r.write);
    const results = await Promise.all(["a", "b", "c"].map(put));
    expect(results).toEqual(["stored a", "stored b", "stored c"]);
    expect(r.statements).toEqual([["a", "b", "c"]]);
  });

  it("writes a lone item on the next turn of the event loop, without waiting for company", async () => {
    const r = recorder();
    const put = coalesce(r.write);
    const written = put("alone");
    // Nothing is written synchronously; by the end of the next turn it is.
    expect(r.statements).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.statements).toEqual([["alone"]]);
    expect(await written).toBe("stored alone");
  });

  it("gathers the items that arrive while a statement is in flight into the next one, never two at once", async () => {
    const r = recorder({ delayMs: 20 });
    const put = coalesce(r.write);
    const first = put("a");
    await new Promise((resolve) => setTimeout(resolve, 5)); // "a" is being written
    const later = ["b", "c", "d"].map(put);
    await Promise.all([first, ...later]);
    expect(r.statements).toEqual([["a"], ["b", "c", "d"]]);
    expect(r.overlapped()).toBe(false);
  });

  it("fails only the item that fails alone: the group is written again item by item", async () => {
    const r = recorder({ failOn: "bad" });
    const put = coalesce(r.write);
    const settled = await Promise.allSettled(["a", "bad", "c"].map(put));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe("bad item bad");
    expect(r.statements).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("never puts two items of one key in a statement, and writes them in the order given", async () => {
    const r = recorder();
    const put = coalesce(r.write, { key: (i) => i.split(":")[0] });
    await Promise.all(["run1:a", "run2:a", "run1:b", "run3:a", "run1:c"].map(put));
    expect(r.statements).toEqual([["run1:a", "run2:a"], ["run1:b", "run3:a"], ["run1:c"]]);
  });

  it("starts another statement past `max` items", async () => {
    const r = recorder();
    const put = coalesce(r.write, { max: 2 });
    await Promise.all(["a", "b", "c", "d", "e"].map(put));
    expect(r.statements).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("refuses a write that answers for fewer items than it was given", async () => {
    const put = coalesce(async (items: string[]) => items.slice(1));
    await expect(put("only")).rejects.toThrow("coalesce: 0 results for 1 items");
  });
});
