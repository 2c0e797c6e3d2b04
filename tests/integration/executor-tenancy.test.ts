import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { executorRuns } from "@/db/schema";
import { executorAdmin } from "@/inngest/admin";
import { startHarness, testClient } from "../executor/harness";
import { setupTestDb } from "./helpers";

// A run's tenant is what the app's tenantOf option says about the event that started it; the
// executor itself reads no field of event data. The admin face then answers within one tenant.
const getDb = setupTestDb();

it("a run belongs to the tenant the app's option names; the admin face sees only that tenant's runs", async () => {
  const made = testClient();
  const fn = made.client.createFunction({ id: "t", triggers: [{ event: "tenancy/ping" }] }, async () => "pong");
  const shopA = randomUUID();
  const shopB = randomUUID();
  // Not Tend's `data.orgId`: any rule the app chooses.
  const h = await startHarness(getDb(), made, [fn], {
    tenantOf: (e) => (typeof e.data?.shop === "string" ? e.data.shop : null),
  });
  try {
    await h.send([
      { name: "tenancy/ping", data: { shop: shopA, orgId: shopB } },
      { name: "tenancy/ping", data: { shop: shopB } },
      { name: "tenancy/ping", data: { orgId: shopA } },
    ]);
    await h.settle();
    const runs = await getDb().select().from(executorRuns).where(eq(executorRuns.env, h.env));
    expect(runs.map((r) => r.orgId).sort()).toEqual([shopA, shopB, null].sort());
    const admin = executorAdmin(getDb());
    const ofA = await admin.listRuns(shopA, { limit: 10 });
    expect(ofA).toHaveLength(1);
    expect(await admin.getRun(shopB, ofA[0]!.id)).toBeNull();
    expect(await admin.cancelRun(shopB, ofA[0]!.id)).toBe("not-found");
    expect(await admin.cancelRun(shopA, ofA[0]!.id)).toBe("ended");
    expect(await admin.retryRun(shopA, ofA[0]!.id)).toBe("not-failed");
  } finally {
    await h.close();
  }
});
