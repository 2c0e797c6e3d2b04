import { describe, expect, it } from "vitest";
import path from "node:path";
import { ESLint } from "eslint";

const fixtures = path.join(__dirname, "fixtures");

async function lint(file: string) {
  // The project's own config: the rule is proven as wired, not in isolation.
  const eslint = new ESLint({ cwd: path.join(__dirname, ".."), ignore: false });
  const [result] = await eslint.lintFiles([path.join(fixtures, file)]);
  return result!.messages.filter((m) => m.ruleId === "tend/server-only-boundary");
}

describe("tend/server-only-boundary", () => {
  it("fails a client component that imports a server-only module, naming the chain", async () => {
    const messages = await lint("client-imports-server.tsx");
    expect(messages).toHaveLength(1);
    expect(messages[0]!.severity).toBe(2);
    expect(messages[0]!.message).toContain("@/lib/audit/query");
    expect(messages[0]!.message).toContain("server-only");
  });

  it("lets a client component import client-safe modules and server-only types", async () => {
    expect(await lint("client-imports-safe.tsx")).toEqual([]);
  });

  it("leaves server components alone", async () => {
    expect(await lint("server-imports-server.tsx")).toEqual([]);
  });
}, 60_000);
