import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { PAGE_ACCESS, pageAccessFor } from "./page-access";

const APP = join(process.cwd(), "app", "(app)");
function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pages(p);
    return name === "page.tsx" ? [p] : [];
  });
}

describe("the 403 page's words", () => {
  it("every page that calls forbidden() has an entry, and every entry is a page that does", () => {
    const refusing = pages(APP)
      .filter((p) => readFileSync(p, "utf8").includes("forbidden()"))
      .map((p) => `/${relative(APP, p).split(sep).slice(0, -1).join("/")}`)
      .sort();
    expect(refusing).toEqual(PAGE_ACCESS.map((p) => p.route).sort());
  });

  it("finds a page by its path, a literal segment before a dynamic one", () => {
    expect(pageAccessFor("/settings/team")).toMatchObject({ what: "Team settings", permission: "team:read" });
    expect(pageAccessFor("/playbooks/new")?.permission).toBe("playbooks:manage");
    expect(pageAccessFor("/playbooks/0b5c1e9e-1111-4111-8111-111111111111")?.permission).toBe("playbooks:read");
    expect(pageAccessFor("/campaigns/new")?.what).toBe("composing campaigns");
    expect(pageAccessFor("/customers")).toBeNull();
  });
});
