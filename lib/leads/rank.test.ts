import { describe, expect, it } from "vitest";
import { seededRandom } from "@/db/seed/random";
import { initialRanks, isValidRank, rankAfter, rankBefore, rankBetween } from "./rank";

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("rankBetween", () => {
  it("lands strictly between its neighbours, open ends included", () => {
    const random = seededRandom(1);
    for (const [a, b] of [
      [null, null],
      ["a", null],
      [null, "a"],
      ["a", "b"],
      ["a", "a1"],
      ["0001", "0002"],
      ["z", null],
      [null, "01"],
      ["az", "b"],
      ["a1zzz", "a2"],
    ] as const) {
      const key = rankBetween(a, b, random);
      if (a !== null) expect(key > a).toBe(true);
      if (b !== null) expect(key < b).toBe(true);
      expect(isValidRank(key)).toBe(true);
    }
  });

  it("refuses neighbours in the wrong order", () => {
    expect(() => rankBetween("b", "a")).toThrow();
  });

  it("keeps the order of 2,000 random inserts, every key unique", () => {
    const random = seededRandom(42);
    const list: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(random() * (list.length + 1));
      const key = rankBetween(list[at - 1] ?? null, list[at] ?? null, random);
      list.splice(at, 0, key);
    }
    expect([...list].sort(byteOrder)).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });

  it("gives concurrent inserts into one gap distinct keys that all sort inside the gap", () => {
    // 50 reps read the same board and drop a card between the same two neighbours at once.
    const a = "m1abc";
    const b = "m1abd";
    const keys = Array.from({ length: 50 }, (_, i) => rankBetween(a, b, seededRandom(1000 + i)));
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) {
      expect(key > a && key < b).toBe(true);
    }
    // And the merged column is still a strict total order.
    const merged = [a, ...keys, b].sort(byteOrder);
    expect(merged[0]).toBe(a);
    expect(merged.at(-1)).toBe(b);
  });

  it("keeps ordering when many clients append at the top and bottom at once", () => {
    const first = "h";
    const before = Array.from({ length: 30 }, (_, i) => rankBefore(first, seededRandom(i)));
    const after = Array.from({ length: 30 }, (_, i) => rankAfter(first, seededRandom(500 + i)));
    expect(new Set([...before, ...after]).size).toBe(60);
    expect(before.every((k) => k < first)).toBe(true);
    expect(after.every((k) => k > first)).toBe(true);
  });
});

describe("initialRanks", () => {
  it("gives n increasing, valid keys", () => {
    const keys = initialRanks(3000, seededRandom(7));
    expect([...keys].sort(byteOrder)).toEqual(keys);
    expect(new Set(keys).size).toBe(3000);
    expect(keys.every(isValidRank)).toBe(true);
  });
});
