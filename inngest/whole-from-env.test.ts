import { describe, expect, it } from "vitest";
import { wholeFromEnv } from "./whole-from-env";

describe("executor settings from the environment", () => {
  it("reads a positive whole number, and leaves the default when unset or blank", () => {
    expect(wholeFromEnv("TEND_EXECUTOR_CONCURRENCY", "calls", { TEND_EXECUTOR_CONCURRENCY: " 50 " })).toBe(50);
    expect(wholeFromEnv("TEND_EXECUTOR_CONCURRENCY", "calls", {})).toBeUndefined();
    expect(wholeFromEnv("TEND_EXECUTOR_CONCURRENCY", "calls", { TEND_EXECUTOR_CONCURRENCY: "  " })).toBeUndefined();
  });

  it("refuses anything else, naming the variable and what it got", () => {
    for (const bad of ["0", "-3", "2.5", "lots"])
      expect(() => wholeFromEnv("TEND_EXECUTOR_CONCURRENCY", "calls", { TEND_EXECUTOR_CONCURRENCY: bad })).toThrow(
        `TEND_EXECUTOR_CONCURRENCY must be a positive whole number of calls, got "${bad}".`,
      );
  });
});
