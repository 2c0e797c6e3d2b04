import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { segments } from "@/db/schema";
import { findDemoOrgId, seedDemoOnce } from "@/db/seed/demo";
import { DEMO_SEGMENTS } from "@/db/seed/demo-segments";
import { DEMO_CAMPAIGN_SEGMENT } from "@/db/seed/demo-campaign";
import { setupTestDb, usingPostgres } from "./helpers";

const db = setupTestDb();

// The demo workspace exists once per database: on a shared PostgreSQL another run may own it.
describe.skipIf(usingPostgres)("demo segments", () => {
  it("are saved with members: none empty, none everyone", async () => {
    await seedDemoOnce(db());
    const orgId = (await findDemoOrgId(db()))!;
    const rows = await db()
      .select({ name: segments.name, memberCount: segments.memberCount, timeRelative: segments.timeRelative })
      .from(segments)
      .where(eq(segments.orgId, orgId));
    // The saved segments, and the static list the demo campaign went to.
    expect(rows.map((r) => r.name).sort()).toEqual([...DEMO_SEGMENTS.map((s) => s.name), DEMO_CAMPAIGN_SEGMENT].sort());
    for (const r of rows) {
      expect(r.memberCount, r.name).toBeGreaterThanOrEqual(3);
      expect(r.memberCount, r.name).toBeLessThan(300);
    }
    expect(
      rows
        .filter((r) => r.timeRelative)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["At risk", "New this month"]);
  });
});
