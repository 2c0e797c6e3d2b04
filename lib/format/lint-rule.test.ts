import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = readFileSync(`${root}eslint-rules/fixtures/hand-formatted.tsx`, "utf8");
const RULE = "tend-format/format-only-in-lib-format";

async function problems(filePath: string, code = fixture) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.line);
}

describe("the lint rule that keeps formatting in lib/format", () => {
  it("refuses toLocale…String, Intl.DateTimeFormat and ISO cuts in a page", async () => {
    // Line 3: new Intl.DateTimeFormat; line 6: four toLocale… calls; line 7: toISOString().slice.
    expect(await problems("app/(app)/leads/_components/fixture.tsx")).toEqual([3, 6, 6, 6, 6, 7]);
  }, 60_000);

  it("lets lib/format itself use them", async () => {
    expect(await problems("lib/format/fixture.tsx")).toEqual([]);
  }, 60_000);

  it("passes code that goes through the formatter", async () => {
    const good = "export const when = (f: { dateTime(d: Date): string }, d: Date) => f.dateTime(d);\n";
    expect(await problems("app/(app)/leads/_components/fixture.tsx", good)).toEqual([]);
  }, 60_000);
});
