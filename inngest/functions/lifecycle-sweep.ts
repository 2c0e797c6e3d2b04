import { getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { applyInactivityRules } from "@/lib/customers/lifecycle-sweep";
import { inngest } from "../client";

/** Daily: customers with no visit for 90 / 180 days become at risk / churned (one step per organisation). */
export const lifecycleSweep = inngest.createFunction(
  { id: "contacts-lifecycle-sweep", triggers: [{ cron: "TZ=UTC 15 3 * * *" }] },
  async ({ step }) => {
    const orgIds = await step.run("organisations", async () =>
      (await (await getDb()).select({ id: organizations.id }).from(organizations)).map((o) => o.id),
    );
    let moved = 0;
    for (const orgId of orgIds)
      moved += (await step.run(`org-${orgId}`, async () => applyInactivityRules(await getDb(), orgId))) as number;
    return { moved };
  },
);
