import { describe, expect, it } from "vitest";
import { roundsOf } from "./event-rounds";

const ev = (n: number, contactId?: string | null) => ({ n, data: { orgId: "o", contactId } });
const shape = (rounds: { n: number }[][]) => rounds.map((r) => r.map((e) => e.n));

describe("roundsOf", () => {
  it("keeps a burst about different customers in one round", () => {
    expect(shape(roundsOf([ev(1, "a"), ev(2, "b"), ev(3, "c")]))).toEqual([[1, 2, 3]]);
  });

  it("starts a new round at a customer's second event, keeping the order", () => {
    expect(shape(roundsOf([ev(1, "a"), ev(2, "b"), ev(3, "a"), ev(4, "c"), ev(5, "b")]))).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it("events without a customer never split a round", () => {
    expect(shape(roundsOf([ev(1, null), ev(2, "a"), ev(3), ev(4, "b")]))).toEqual([[1, 2, 3, 4]]);
  });

  it("an empty batch has no rounds", () => {
    expect(roundsOf([])).toEqual([]);
  });
});
